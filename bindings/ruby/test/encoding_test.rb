# frozen_string_literal: true

require_relative "test_helper"

# Strings and their encodings: a text String whose bytes are invalid in its own encoding is
# refused in every call (two such strings would otherwise pass as the same text) and never
# verifies; the same bytes as a binary String are bytes, hashed like OpenSSL.
class EncodingTest < Minitest::Test
  include TestSupport

  include KeyPerTest

  def test_a_text_string_invalid_in_its_encoding_raises_invalid_encoding_error
    invalid = ["\xc3(\xff".dup.force_encoding(Encoding::UTF_8), "a\xed\xa0\x80".dup.force_encoding(Encoding::UTF_8),
               "\xff".dup.force_encoding(Encoding::US_ASCII), "\x81".dup.force_encoding(Encoding::Shift_JIS)]
    invalid.each do |bad|
      refute bad.valid_encoding?
      expected = openssl_hash(SECRET, bad)
      calls = [-> { ChatwootIdentity.identifier_hash(SECRET, bad) }, -> { ChatwootIdentity.identifier_hash(bad, IDENTIFIER) },
               -> { ChatwootIdentity::Key.new(bad) }, -> { @key.identifier_hash(bad) },
               -> { ChatwootIdentity.explain(SECRET, bad, expected) }, -> { ChatwootIdentity.explain(bad, IDENTIFIER, expected) },
               -> { ChatwootIdentity.explain(SECRET, IDENTIFIER, bad) }]
      calls.each do |call|
        error = assert_raises(ChatwootIdentity::InvalidEncodingError) { call.call }
        assert_kind_of ArgumentError, error
        assert_includes error.message, "is not valid #{bad.encoding}"
        refute_includes error.message, bad.b
      end
      error = assert_raises(ChatwootIdentity::InvalidEncodingError) { @key.identifier_hashes(["ok", bad]) }
      assert_equal 1, error.index
      assert_match(/\Aidentifier at index 1 is not valid /, error.message)
      assert_equal false, ChatwootIdentity.verify(SECRET, bad, expected)
      assert_equal false, ChatwootIdentity.verify(bad, IDENTIFIER, openssl_hash(bad, IDENTIFIER))
      assert_equal false, @key.verify(bad, expected)
      assert_equal false, @key.verify(IDENTIFIER, DOCUMENTED_HASH.dup.force_encoding(Encoding::UTF_32LE)) # same bytes, invalid UTF-32
      # The same bytes as a binary String are bytes: hashed like OpenSSL.
      assert_equal expected, ChatwootIdentity.identifier_hash(SECRET, bad.b)
      assert_equal [expected], @key.identifier_hashes([bad.b])
      assert @key.verify(bad.b, expected)
    end
    # Two different invalid strings can never verify each other's hash.
    a, b = "a\xff".dup.force_encoding(Encoding::UTF_8), "a\xfe".dup.force_encoding(Encoding::UTF_8)
    assert_equal false, @key.verify(a, @key.identifier_hash(b.b))
  end

  # Valid text in an encoding other than UTF-8 is hashed as its bytes too, in every entry point.
  def test_valid_text_in_another_encoding_is_hashed_as_its_bytes
    latin1 = "jos\xe9".dup.force_encoding(Encoding::ISO_8859_1) # valid ISO-8859-1, not UTF-8
    expected = openssl_hash(SECRET, latin1)
    assert_equal expected, ChatwootIdentity.identifier_hash(SECRET, latin1)
    assert_equal expected, @key.identifier_hash(latin1)
    assert_equal [expected], @key.identifier_hashes([latin1])
    assert ChatwootIdentity.verify(SECRET, latin1, expected)
  end
end
