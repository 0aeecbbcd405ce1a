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

  # A pointer was NULL with a non-zero length (a bug in this gem: please report it).
  class NullPointerError < Error; end
  # The secret is empty (or, for explain, only whitespace): pass the inbox's HMAC token.
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
  # The identifier cannot be rendered (not UTF-8 text).
  class InvalidIdentifierError < Error; end
  # The fields are not one JSON object (a bug in this gem: please report it).
  class InvalidJsonError < Error; end
  # A field Chatwoot does not accept for a contact (only name, email, avatar_url, phone_number,
  # description, company_name, country_code, city and custom_attributes).
  class UnknownFieldError < Error; end
  # A field of the wrong type (a string expected; custom_attributes holds strings, numbers
  # and booleans), or a value JSON cannot carry.
  class InvalidFieldValueError < Error; end
  # None of name, email or avatar_url is set: the widget's setUser would throw.
  class MissingContactFieldError < Error; end
  # The CSP nonce holds characters other than base64 / base64url.
  class InvalidNonceError < Error; end
  # The Key was closed with Key#close: create a new one.
  class KeyClosedError < Error; end
  # A text String that is not valid in its own encoding (e.g. "\xff" tagged UTF-8), like Ruby's
  # own "invalid byte sequence" ArgumentError. Binary (ASCII-8BIT) Strings are always bytes,
  # except where text is required (the identifier of a rendered snippet must be UTF-8).
  class InvalidEncodingError < Error; end

  # cw_status name (from the generated Abi) => error class. A status the generated table lists
  # without a class here raises a plain Error (the errors test requires a class for each).
  ERROR_CLASSES = {
    null_pointer: NullPointerError,
    empty_secret: EmptySecretError,
    secret_whitespace: SecretWhitespaceError,
    empty_identifier: EmptyIdentifierError,
    buffer_too_small: BufferTooSmallError,
    invalid_offsets: InvalidOffsetsError,
    internal_error: InternalError,
    invalid_identifier: InvalidIdentifierError,
    invalid_json: InvalidJsonError,
    unknown_field: UnknownFieldError,
    invalid_field_value: InvalidFieldValueError,
    missing_contact_field: MissingContactFieldError,
    invalid_nonce: InvalidNonceError
  }.freeze
  # cw_status code => its header name, e.g. -2 => :EMPTY_SECRET.
  STATUS_NAMES = Abi::STATUSES.to_h { |name, code| [code, name.upcase] }.freeze
  private_constant :STATUS_NAMES
end
