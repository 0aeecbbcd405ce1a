# frozen_string_literal: true

require "json"
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
    def identifier(identifier, index = nil, argument = :identifier)
      return own(identifier.to_s, argument, index) if identifier.is_a?(Integer)

      string = String.try_convert(identifier) or
        raise TypeError, "#{name(argument, index)} must be a String or an Integer, got #{describe(identifier)}" \
                         "#{FLOAT_HINT if identifier.is_a?(Float)}"
      own(string, argument, index)
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

    # explain's other secrets (raw HMAC keys, used as given) or other identifiers: an Array of
    # our own Strings; errors name the list and the position.
    def candidates(list, argument)
      list = list.to_a if !list.is_a?(Array) && list.is_a?(Enumerable)
      raise TypeError, "#{argument} must be an Array, got #{describe(list)}" unless list.is_a?(Array)

      list.each_with_index.map do |value, i|
        if argument == :other_identifiers
          identifier(value, i, argument)
        else
          string = String.try_convert(value) or
            raise TypeError, "#{name(argument, i)} must be a String, got #{describe(value)}"
          own(string, argument, i)
        end
      end
    end

    # The identifier of a rendered snippet: UTF-8 text (Integers as decimal digits), non-empty.
    # Text in another encoding is transcoded; a binary String must hold valid UTF-8.
    def text_identifier(identifier)
      identifier = self.identifier(identifier)
      raise status_error(:empty_identifier) if identifier.empty?

      utf8(identifier, :identifier)
    end

    # The fields as one JSON object (Ruby's JSON on our own copy of the Hash; nil means not set).
    # Keys may be Symbols or Strings.
    def fields_json(fields)
      hash = Hash.try_convert(fields) or
        raise TypeError, "fields must be a Hash (e.g. { name: ..., email: ... }), got #{describe(fields)}"
      named = hash.to_h { |key, value| [field_name(key), value] }
      # name: and "name" together would silently drop one: the library's duplicate-key error.
      raise status_error(:invalid_json) if named.size != hash.size

      attributes = named["custom_attributes"]
      if attributes.is_a?(Hash)
        # JSON.generate would write 1, true or nil keys as "1", "true", "": refuse them instead.
        renamed = attributes.to_h { |key, value| [field_name(key, "custom_attributes keys"), value] }
        raise status_error(:invalid_json) if renamed.size != attributes.size

        named["custom_attributes"] = renamed
      end

      JSON.generate(named)
    rescue JSON::GeneratorError, JSON::NestingError, EncodingError => e
      # The encoder's message may quote the value: name only what went wrong.
      raise InvalidFieldValueError, "fields cannot be encoded as JSON (#{e.class.name}): " \
                                    "use UTF-8 text, finite numbers, booleans and nil"
    end

    def field_name(key, what = "field names")
      return key.name if key.is_a?(Symbol)

      string = String.try_convert(key) or
        raise TypeError, "#{what} must be Symbols or Strings, got #{describe(key)}"
      utf8(own(string, :field_name), :field_name)
    end

    # A CSP nonce ("" for none): base64 / base64url text, checked by the library.
    def nonce(nonce)
      return "" if nonce.nil?

      string = String.try_convert(nonce) or
        raise TypeError, "nonce must be a String or nil, got #{describe(nonce)}"
      own(string, :nonce)
    end

    def describe(value)
      value.nil? ? "nil" : value.class.name
    end

    def status_error(name)
      code = Abi::STATUSES.fetch(name)
      Error.for_status(code, Native.status_message(code))
    end

    # A UTF-8 copy of our own String (already valid in its encoding).
    def utf8(string, argument)
      if string.encoding == Encoding::BINARY
        copy = string.dup.force_encoding(Encoding::UTF_8)
        return copy if copy.valid_encoding?
      else
        begin
          return string.encode(Encoding::UTF_8)
        rescue EncodingError
          nil
        end
      end
      raise InvalidEncodingError, "#{argument} must be UTF-8 text (#{string.encoding} given)"
    end

    # "identifier at index 3" in a batch; "other_secrets[3]" in explain's candidate lists.
    def name(argument, index)
      return argument.to_s unless index

      argument == :identifier ? "#{argument} at index #{index}" : "#{argument}[#{index}]"
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
