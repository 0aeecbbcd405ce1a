# frozen_string_literal: true

require "json"
require "minitest/autorun"
require "openssl"
require "chatwoot_identity"

module TestSupport
  REPO = File.expand_path("../../..", __dir__)
  VECTORS = JSON.parse(File.read(File.join(REPO, "tests", "vectors.json")))
  SECRET = "your-secret-token-for-hmac"
  IDENTIFIER = "unique-identifier-of-the-user"
  DOCUMENTED_HASH = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"

  module_function

  # The vectors' *_hex fields are the exact bytes.
  def bytes(hex)
    [hex].pack("H*")
  end

  # The documented Ruby snippet: the independent reference every result is checked against.
  def openssl_hash(secret, identifier)
    OpenSSL::HMAC.hexdigest("sha256", secret, identifier)
  end

  # The gem's class for each status name, spelled out so a renamed class fails.
  ERROR_CLASSES = {
    "NULL_POINTER" => ChatwootIdentity::NullPointerError,
    "EMPTY_SECRET" => ChatwootIdentity::EmptySecretError,
    "SECRET_WHITESPACE" => ChatwootIdentity::SecretWhitespaceError,
    "EMPTY_IDENTIFIER" => ChatwootIdentity::EmptyIdentifierError,
    "BUFFER_TOO_SMALL" => ChatwootIdentity::BufferTooSmallError,
    "INVALID_OFFSETS" => ChatwootIdentity::InvalidOffsetsError,
    "INTERNAL_ERROR" => ChatwootIdentity::InternalError,
    "INVALID_IDENTIFIER" => ChatwootIdentity::InvalidIdentifierError,
    "INVALID_JSON" => ChatwootIdentity::InvalidJsonError,
    "UNKNOWN_FIELD" => ChatwootIdentity::UnknownFieldError,
    "INVALID_FIELD_VALUE" => ChatwootIdentity::InvalidFieldValueError,
    "MISSING_CONTACT_FIELD" => ChatwootIdentity::MissingContactFieldError,
    "INVALID_NONCE" => ChatwootIdentity::InvalidNonceError
  }.freeze

  def error_class(status_name)
    ERROR_CLASSES.fetch(status_name)
  end
end
