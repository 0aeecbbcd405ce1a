# frozen_string_literal: true

require_relative "chatwoot_identity/version"
require_relative "chatwoot_identity/errors"
require_relative "chatwoot_identity/input"
require_relative "chatwoot_identity/native"
require_relative "chatwoot_identity/key"
require_relative "chatwoot_identity/verdict"

# Chatwoot identity validation through libchatwoot_identity:
# identifier_hash = lowercase hex HMAC-SHA256(key = the inbox's secret, message = the identifier),
# exactly what Chatwoot's server recomputes for the web widget's setUser.
#
#   ChatwootIdentity.identifier_hash("your-secret-token-for-hmac", "unique-identifier-of-the-user")
#   # => "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
#
# Strings are hashed as their bytes in their own encoding (like OpenSSL::HMAC); a text String
# that is invalid in its encoding raises InvalidEncodingError (binary Strings are bytes);
# Integers as their decimal text (`to_s`, as Chatwoot's server does). Anything else raises TypeError.
module ChatwootIdentity
  module_function

  # The identifier_hash of identifier under secret. Raises TypeError for wrong types, and
  # EmptySecretError, SecretWhitespaceError, EmptyIdentifierError or InvalidEncodingError
  # (all ChatwootIdentity::Error).
  def identifier_hash(secret, identifier)
    Native.identifier_hash(Input.secret(secret), Input.identifier(identifier))
  end

  # Whether identifier_hash is exactly identifier's hash under secret, compared in constant time
  # by the library. False for every bad value (empty or padded secret, empty identifier, nil,
  # uppercase or wrong-length hash, text invalid in its encoding); TypeError only when secret or
  # identifier has a wrong type.
  def verify(secret, identifier, identifier_hash)
    secret = Input.secret(secret)
    identifier = Input.identifier(identifier)
    identifier_hash = Input.identifier_hash(identifier_hash) or return false
    Native.verify(secret, identifier, identifier_hash)
  rescue InvalidEncodingError
    false
  end

  # Why identifier_hash does or does not match identifier under secret: a Verdict naming the
  # most likely mistake (:uppercase_hex, :hash_whitespace, :swapped_arguments, :base64, ...)
  # with the library's message. A debugging aid for logs and support, NOT constant-time:
  # decide a login with #verify only. Bad values give a verdict (:invalid_secret,
  # :empty_identifier), not an error; TypeError only for wrong types, as in #identifier_hash.
  # identifier_hash may be hex text or raw bytes (a 32-byte digest gives :raw_digest).
  def explain(secret, identifier, identifier_hash)
    secret = Input.secret(secret)
    identifier = Input.identifier(identifier)
    identifier_hash = Input.hash_to_explain(identifier_hash)
    code = Native.explain(secret, identifier, identifier_hash)
    Verdict.new(code, Native.verdict_message(code))
  end

  # The version of the loaded libchatwoot_identity, e.g. "0.1.0".
  def library_version
    Native.version
  end

  # Where libchatwoot_identity was loaded from.
  def library_path
    Native::PATH
  end
end
