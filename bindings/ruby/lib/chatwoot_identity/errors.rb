# frozen_string_literal: true

require_relative "abi"

module ChatwootIdentity
  # Base of every error the gem raises for a bad value. It is an ArgumentError, so code that
  # already rescues ArgumentError keeps working. Wrong types raise a plain TypeError instead.
  class Error < ArgumentError
    # The library's cw_status code (a negative Integer), or nil for errors of the gem itself.
    attr_reader :status
    # Position of the offending identifier in an #identifier_hashes batch, else nil.
    attr_reader :index

    def initialize(message = nil, status: nil, index: nil)
      @status = status
      @index = index
      super(message)
    end

    # The status name as in the C header without its prefix, e.g. :EMPTY_SECRET.
    def status_name
      STATUS_NAMES[status]
    end

    # The typed error for a cw_status code (unknown codes give a plain Error) with the
    # library's message; a batch error names the identifier's index.
    def self.for_status(status, message, index: nil)
      klass = ERROR_CLASSES.fetch(STATUS_NAMES[status]&.downcase, Error)
      message = "identifier at index #{index}: #{message}" if index
      klass.new(message, status: status, index: index)
    end
  end

  # The Key was closed with Key#close: create a new one.
  class KeyClosedError < Error; end
  # A text String that is not valid in its own encoding (e.g. "\xff" tagged UTF-8), like Ruby's
  # own "invalid byte sequence" ArgumentError. Binary (ASCII-8BIT) Strings are always bytes,
  # except where text is required (the identifier of a rendered snippet must be UTF-8).
  class InvalidEncodingError < Error; end
  # libchatwoot_identity could not be loaded: the message names each path tried, what is wrong
  # with it and what to do. A LoadError, like a missing native extension.
  class LibraryLoadError < LoadError; end

  # cw_status code => its header name, e.g. -2 => :EMPTY_SECRET.
  STATUS_NAMES = Abi::STATUSES.to_h { |name, code| [code, name.upcase] }.freeze
  private_constant :STATUS_NAMES
end

require_relative "status_errors" # one class per cw_status, generated from the header
