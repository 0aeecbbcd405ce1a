# frozen_string_literal: true

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

    # The typed error for a cw_status code (unknown codes give a plain Error); a batch error
    # names the identifier's index.
    def self.for_status(status, message, index: nil)
      klass = STATUSES.fetch(status, [nil, Error]).last
      message = "identifier at index #{index}: #{message}" if index
      klass.new(message, status: status, index: index)
    end
  end

  # A pointer was NULL with a non-zero length (a bug in this gem: please report it).
  class NullPointerError < Error; end
  # The secret is empty: pass the inbox's HMAC token.
  class EmptySecretError < Error; end
  # The secret starts or ends with a space, tab, CR or LF (often a trailing newline).
  class SecretWhitespaceError < Error; end
  # The identifier is empty ("" would merge every anonymous visitor into one contact).
  class EmptyIdentifierError < Error; end
  # The output buffer was too small (a bug in this gem: please report it).
  class BufferTooSmallError < Error; end
  # The batch offsets were malformed (a bug in this gem, or identifiers mutated mid-call).
  class InvalidOffsetsError < Error; end
  # A bug inside libchatwoot_identity (a panic caught at its boundary).
  class InternalError < Error; end
  # The Key was closed with Key#close: create a new one.
  class ClosedKeyError < Error; end
  # A text String that is not valid in its own encoding (e.g. "\xff" tagged UTF-8), like Ruby's
  # own "invalid byte sequence" ArgumentError. Binary (ASCII-8BIT) Strings are always bytes.
  class InvalidEncodingError < Error; end

  # cw_status code => [name, error class]; the values are fixed forever by the C ABI.
  STATUSES = {
    -1 => [:NULL_POINTER, NullPointerError],
    -2 => [:EMPTY_SECRET, EmptySecretError],
    -3 => [:SECRET_WHITESPACE, SecretWhitespaceError],
    -4 => [:EMPTY_IDENTIFIER, EmptyIdentifierError],
    -5 => [:BUFFER_TOO_SMALL, BufferTooSmallError],
    -6 => [:INVALID_OFFSETS, InvalidOffsetsError],
    -7 => [:INTERNAL_ERROR, InternalError]
  }.freeze
  STATUS_NAMES = STATUSES.transform_values(&:first).merge(0 => :OK).freeze
  private_constant :STATUSES, :STATUS_NAMES
end
