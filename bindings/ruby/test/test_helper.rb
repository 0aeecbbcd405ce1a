# frozen_string_literal: true

require "json"
require "minitest/autorun"
require "openssl"
require "chatwoot_identity"

# A key of the documented secret for each test, closed after it (include in a Minitest::Test).
module KeyPerTest
  def setup
    @key = ChatwootIdentity::Key.new(TestSupport::SECRET)
  end

  def teardown
    @key.close
  end
end

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
    "INVALID_NONCE" => ChatwootIdentity::InvalidNonceError,
    "SECRET_INVISIBLE" => ChatwootIdentity::SecretInvisibleError
  }.freeze

  def error_class(status_name)
    ERROR_CLASSES.fetch(status_name)
  end

  # What the library refuses at either end of a secret: non-ASCII Unicode whitespace, format
  # characters (Cf) and default-ignorable code points, by Ruby's own Unicode tables.
  INVISIBLE = /\A[^\x00-\x7f]\z/
  # Plus the ones newer than Ruby 3.1's Unicode 13 tables: U+0890-0891 (Cf) and U+180F
  # (default-ignorable) of Unicode 14, U+13439-1343F (Cf) of Unicode 15.
  INVISIBLE_CLASS = /\A(?:\p{White_Space}|\p{Cf}|\p{Default_Ignorable_Code_Point}|[\u0890\u0891\u180F\u{13439}-\u{1343F}])\z/

  # Characters refused at either end of a secret (and hashed inside one).
  INVISIBLES = ["\uFEFF", "\u00A0", "\u200B", "\u200C", "\u200D", "\u2060", "\u3000", "\u2028", "\u2029", "\u1680",
                "\u2000", "\u2005", "\u200A", "\u202F", "\u205F", "\u0085", "\u00AD", "\u200E", "\u202E", "\u180E",
                "\uFE0F", "\u{E0020}", "\u{E0001}"].freeze

  # True when the secret's bytes start or end with such a character as UTF-8 (the 1 to 4 bytes
  # at an edge that form UTF-8 first; bytes that are not UTF-8 are raw key bytes).
  def invisible_edge?(secret)
    bytes = secret.b
    [false, true].any? do |last|
      edge = (1..[bytes.bytesize, 4].min).each do |n|
        text = (last ? bytes.byteslice(-n, n) : bytes.byteslice(0, n)).force_encoding(Encoding::UTF_8)
        break(last ? text[-1] : text[0]) if text.valid_encoding?
      end
      edge.is_a?(String) && INVISIBLE.match?(edge) && INVISIBLE_CLASS.match?(edge)
    end
  end
end
