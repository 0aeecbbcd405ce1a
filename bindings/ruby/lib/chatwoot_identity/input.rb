# frozen_string_literal: true

module ChatwootIdentity
  # Turns the caller's arguments into the exact bytes the library hashes.
  # Strings are used as their bytes, whatever their encoding (as OpenSSL::HMAC does);
  # Integers as their decimal text (`to_s`, as Chatwoot's server does).
  # Error messages name the argument's class, never its value (it may be a secret).
  # @api private
  module Input
    FLOAT_HINT = " (a Float is ambiguous: Ruby writes 1.0 as \"1.0\", JavaScript as \"1\"; " \
                 "pass the exact String)"

    module_function

    def secret(secret)
      return secret if secret.is_a?(String)

      String.try_convert(secret) or
        raise TypeError, "secret must be a String (the inbox's HMAC token), got #{describe(secret)}"
    end

    def identifier(identifier, index = nil)
      return identifier if identifier.is_a?(String)
      return identifier.to_s if identifier.is_a?(Integer)

      String.try_convert(identifier) or
        raise TypeError, "#{index ? "identifier at index #{index}" : "identifier"} must be a String " \
                         "or an Integer, got #{describe(identifier)}" \
                         "#{FLOAT_HINT if identifier.is_a?(Float)}"
    end

    # A client-supplied identifier_hash that is not a String can never match: nil makes verify false.
    def identifier_hash(identifier_hash)
      return identifier_hash if identifier_hash.is_a?(String)

      String.try_convert(identifier_hash)
    end

    # explain needs the hash to diagnose: text or bytes (a String either way, e.g. a raw digest).
    def hash_to_explain(identifier_hash)
      return identifier_hash if identifier_hash.is_a?(String)

      String.try_convert(identifier_hash) or
        raise TypeError, "identifier_hash must be a String (hex text or raw bytes), got #{describe(identifier_hash)}"
    end

    def describe(value)
      value.nil? ? "nil" : value.class.name
    end
  end
end
