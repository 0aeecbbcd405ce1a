# frozen_string_literal: true

require_relative "errors"

module ChatwootIdentity
  # Turns the caller's arguments into the exact bytes the library hashes.
  # Strings are used as their bytes, whatever their encoding (as OpenSSL::HMAC does), but a text
  # String must be valid in its encoding: "\xff" tagged UTF-8 is refused (two different invalid
  # strings must not pass as the same text), while a binary (ASCII-8BIT) String is plain bytes.
  # Integers are hashed as their decimal text (`to_s`, as Chatwoot's server does).
  # Every value is read once into a plain String of our own, so a subclass or a singleton method
  # (a lying #bytesize, a #to_str that closes the Key) cannot run once the library is called.
  # Error messages name the argument's class and encoding, never its value (it may be a secret).
  # @api private
  module Input
    FLOAT_HINT = " (a Float is ambiguous: Ruby writes 1.0 as \"1.0\", JavaScript as \"1\"; " \
                 "pass the exact String)"

    module_function

    def secret(secret)
      string = String.try_convert(secret) or
        raise TypeError, "secret must be a String (the inbox's HMAC token), got #{describe(secret)}"
      own(string, :secret)
    end

    # index: the position in a batch, named by errors (nil for a single identifier).
    def identifier(identifier, index = nil)
      return own(identifier.to_s, :identifier, index) if identifier.is_a?(Integer)

      string = String.try_convert(identifier) or
        raise TypeError, "#{name(:identifier, index)} must be a String or an Integer, got #{describe(identifier)}" \
                         "#{FLOAT_HINT if identifier.is_a?(Float)}"
      own(string, :identifier, index)
    end

    # A client-supplied identifier_hash that is not a valid String can never match: nil makes
    # verify false.
    def identifier_hash(identifier_hash)
      string = String.try_convert(identifier_hash) or return nil
      string = String.new(string)
      string if string.valid_encoding?
    end

    # explain needs the hash to diagnose: text or bytes (a String either way, e.g. a raw digest).
    def hash_to_explain(identifier_hash)
      string = String.try_convert(identifier_hash) or
        raise TypeError, "identifier_hash must be a String (hex text or raw bytes), got #{describe(identifier_hash)}"
      own(string, :identifier_hash)
    end

    def describe(value)
      value.nil? ? "nil" : value.class.name
    end

    def name(argument, index)
      index ? "#{argument} at index #{index}" : argument.to_s
    end

    # A plain String copy (String.new reads the bytes directly, calling none of the value's
    # methods; long strings share their buffer copy-on-write), valid in its encoding.
    def own(string, argument, index = nil)
      copy = String.new(string)
      return copy if copy.valid_encoding? # always true for a binary String

      raise InvalidEncodingError.new("#{name(argument, index)} is not valid #{copy.encoding} (it holds bytes that " \
                                     "encoding forbids): pass valid text, or the bytes as a binary " \
                                     "String (String#b)", index: index)
    end
  end
end
