# frozen_string_literal: true

require_relative "test_helper"

# One test per row of the README's bad-input matrix: exactly what a Ruby caller gets.
# scripts/check-matrix finds each row's marker comment right above its test.
class BadInputMatrixTest < Minitest::Test
  include TestSupport

  def setup
    @key = ChatwootIdentity::Key.new(SECRET)
  end

  def teardown
    @key.close
  end

  # matrix: null-with-length
  def test_nil_secret_or_identifier_raises_type_error_and_a_nil_hash_never_verifies
    assert_raises(TypeError) { ChatwootIdentity.identifier_hash(nil, IDENTIFIER) }
    assert_raises(TypeError) { ChatwootIdentity.identifier_hash(SECRET, nil) }
    assert_raises(TypeError) { ChatwootIdentity.verify(nil, IDENTIFIER, DOCUMENTED_HASH) }
    assert_raises(TypeError) { ChatwootIdentity.verify(SECRET, nil, DOCUMENTED_HASH) }
    assert_raises(TypeError) { ChatwootIdentity::Key.new(nil) }
    assert_raises(TypeError) { @key.identifier_hash(nil) }
    assert_raises(TypeError) { @key.identifier_hashes([IDENTIFIER, nil]) }
    assert_raises(TypeError) { ChatwootIdentity.explain(SECRET, IDENTIFIER, nil) }
    assert_equal false, ChatwootIdentity.verify(SECRET, IDENTIFIER, nil)
    assert_equal false, @key.verify(IDENTIFIER, nil)
  end

  # matrix: null-zero-length
  def test_empty_strings_raise_the_typed_errors_and_an_empty_hash_never_verifies
    assert_raises(ChatwootIdentity::EmptySecretError) { ChatwootIdentity.identifier_hash("", IDENTIFIER) }
    assert_raises(ChatwootIdentity::EmptyIdentifierError) { ChatwootIdentity.identifier_hash(SECRET, "".b) }
    assert_equal false, ChatwootIdentity.verify(SECRET, IDENTIFIER, "")
    assert_equal false, @key.verify(IDENTIFIER, "".b)
    assert_equal :blank_hash, ChatwootIdentity.explain(SECRET, IDENTIFIER, "").name
  end

  # matrix: empty-secret
  def test_empty_secret_raises_empty_secret_error
    [-> { ChatwootIdentity.identifier_hash("", IDENTIFIER) }, -> { ChatwootIdentity::Key.new("") }].each do |call|
      error = assert_raises(ChatwootIdentity::EmptySecretError) { call.call }
      assert_equal(-2, error.status)
      assert_equal :EMPTY_SECRET, error.status_name
    end
    assert_equal false, ChatwootIdentity.verify("", IDENTIFIER, DOCUMENTED_HASH)
  end

  # matrix: secret-whitespace
  def test_whitespace_around_the_secret_raises_secret_whitespace_error
    ["#{SECRET}\n", "#{SECRET}\r\n", " #{SECRET}", "\t#{SECRET}"].each do |padded|
      error = assert_raises(ChatwootIdentity::SecretWhitespaceError) { ChatwootIdentity.identifier_hash(padded, IDENTIFIER) }
      assert_equal(-3, error.status)
      assert_raises(ChatwootIdentity::SecretWhitespaceError) { ChatwootIdentity::Key.new(padded) }
      assert_equal false, ChatwootIdentity.verify(padded, IDENTIFIER, openssl_hash(padded, IDENTIFIER))
    end
  end

  # matrix: secret-invisible
  def test_an_invisible_character_around_the_secret_raises_secret_invisible_error
    INVISIBLES.each do |mark|
      ["#{mark}#{SECRET}", "#{SECRET}#{mark}", "#{mark}#{SECRET}#{mark}"].each do |padded|
        [padded, padded.b].each do |value|
          error = assert_raises(ChatwootIdentity::SecretInvisibleError) { ChatwootIdentity.identifier_hash(value, IDENTIFIER) }
          assert_equal(-14, error.status)
          assert_equal :SECRET_INVISIBLE, error.status_name
          assert_raises(ChatwootIdentity::SecretInvisibleError) { ChatwootIdentity::Key.new(value) }
        end
        assert_equal false, ChatwootIdentity.verify(padded, IDENTIFIER, openssl_hash(padded, IDENTIFIER))
        assert_equal :secret_whitespace, ChatwootIdentity.explain(padded, IDENTIFIER, DOCUMENTED_HASH).name
      end
      # Inside a secret it is key material, hashed like any other byte.
      inside = "#{SECRET[0, 4]}#{mark}#{SECRET[4..]}"
      assert_equal openssl_hash(inside, IDENTIFIER), ChatwootIdentity.identifier_hash(inside, IDENTIFIER)
    end
    # Bytes at an edge that are not UTF-8 (half a byte-order mark) are raw key bytes.
    raw = "\xBB\xBF#{SECRET}\xEF\xBB".b
    assert_equal openssl_hash(raw, IDENTIFIER), ChatwootIdentity.identifier_hash(raw, IDENTIFIER)
    # A hash made with a secret read with a byte-order mark is explained as such.
    assert_equal :padded_secret, ChatwootIdentity.explain(SECRET, IDENTIFIER, openssl_hash("\uFEFF#{SECRET}", IDENTIFIER)).name
  end

  # matrix: empty-identifier
  def test_empty_identifier_raises_empty_identifier_error
    [-> { ChatwootIdentity.identifier_hash(SECRET, "") }, -> { @key.identifier_hash("") }].each do |call|
      error = assert_raises(ChatwootIdentity::EmptyIdentifierError) { call.call }
      assert_equal(-4, error.status)
    end
    assert_equal false, ChatwootIdentity.verify(SECRET, "", DOCUMENTED_HASH)
    assert_equal false, @key.verify("", DOCUMENTED_HASH)
  end

  # matrix: identifier-1mib
  def test_a_1_mib_identifier_hashes_like_openssl
    identifier = Random.new(rand(2**64)).bytes(1 << 20)
    expected = openssl_hash(SECRET, identifier)
    assert_equal expected, ChatwootIdentity.identifier_hash(SECRET, identifier)
    assert_equal expected, @key.identifier_hash(identifier)
    assert_equal [expected, expected], @key.identifier_hashes([identifier, identifier])
    assert ChatwootIdentity.verify(SECRET, identifier, expected)
    assert @key.verify(identifier, expected)
  end

  # Bytes travel as a binary String; valid text in another encoding is hashed as its bytes too.
  # matrix: non-utf8
  def test_non_utf8_bytes_are_hashed_as_bytes_like_openssl
    binary = "\xff\xfe\x00\xc3(".b
    latin1 = "jos\xe9".dup.force_encoding(Encoding::ISO_8859_1) # valid ISO-8859-1, not UTF-8
    [binary, latin1].each do |identifier|
      expected = openssl_hash(SECRET, identifier)
      assert_equal expected, ChatwootIdentity.identifier_hash(SECRET, identifier)
      assert_equal expected, @key.identifier_hash(identifier)
      assert_equal [expected], @key.identifier_hashes([identifier])
      assert ChatwootIdentity.verify(SECRET, identifier, expected)
    end
  end

  # A text String whose bytes are invalid in its own encoding is refused everywhere (two such
  # strings would otherwise pass as the same text); verify is false; binary Strings stay bytes.
  # matrix: non-unicode-string
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

  # matrix: hash-wrong-length
  def test_a_hash_of_the_wrong_length_never_verifies
    [DOCUMENTED_HASH[0, 63], "#{DOCUMENTED_HASH}0", DOCUMENTED_HASH * 2, DOCUMENTED_HASH[0, 40]].each do |bad|
      assert_equal false, ChatwootIdentity.verify(SECRET, IDENTIFIER, bad), bad
      assert_equal false, @key.verify(IDENTIFIER, bad), bad
    end
  end

  # matrix: uppercase-hash
  def test_an_uppercase_hash_never_verifies
    assert_equal false, ChatwootIdentity.verify(SECRET, IDENTIFIER, DOCUMENTED_HASH.upcase)
    assert_equal false, @key.verify(IDENTIFIER, DOCUMENTED_HASH.upcase)
    assert_equal :uppercase_hex, ChatwootIdentity.explain(SECRET, IDENTIFIER, DOCUMENTED_HASH.upcase).name
  end

  # matrix: non-hex-hash
  def test_a_non_hex_hash_never_verifies
    ["z" * 64, "#{DOCUMENTED_HASH[0, 63]}g", "\u00e9" * 32, "\0" * 64].each do |bad|
      assert_equal false, ChatwootIdentity.verify(SECRET, IDENTIFIER, bad), bad.inspect
      assert_equal false, @key.verify(IDENTIFIER, bad), bad.inspect
    end
  end

  # matrix: hash-whitespace
  def test_a_hash_with_surrounding_whitespace_never_verifies
    ["#{DOCUMENTED_HASH}\n", " #{DOCUMENTED_HASH}", "#{DOCUMENTED_HASH}\r\n", "\t#{DOCUMENTED_HASH} "].each do |bad|
      assert_equal false, ChatwootIdentity.verify(SECRET, IDENTIFIER, bad), bad.inspect
      assert_equal false, @key.verify(IDENTIFIER, bad), bad.inspect
      assert_equal :hash_whitespace, ChatwootIdentity.explain(SECRET, IDENTIFIER, bad).name
    end
  end

  # The gem builds the offsets itself; a bad element is reported with its index.
  # matrix: batch-bad-offsets
  def test_a_batch_with_a_bad_element_names_its_index
    error = assert_raises(ChatwootIdentity::EmptyIdentifierError) { @key.identifier_hashes(["a", "b", ""]) }
    assert_equal 2, error.index
    assert_match(/\Aidentifier at index 2: /, error.message)
    error = assert_raises(TypeError) { @key.identifier_hashes(["a", :b]) }
    assert_match(/\Aidentifier at index 1 /, error.message)
  end

  # n/a: the gem sizes every output buffer itself, so the result is always 64 lowercase hex chars.
  # matrix: buffer-too-small
  def test_results_are_always_exactly_64_lowercase_hex_characters
    results = [ChatwootIdentity.identifier_hash(SECRET, "x"), @key.identifier_hash("x" * 100_000),
               *@key.identifier_hashes(["a", "b" * 1000, 7])]
    results.each { |hash| assert_match(/\A[0-9a-f]{64}\z/, hash) }
  end

  # matrix: key-double-free
  def test_close_twice_is_a_no_op_and_use_after_close_raises_key_closed_error
    key = ChatwootIdentity::Key.new(SECRET)
    assert_nil key.close
    assert_nil key.close
    assert_raises(ChatwootIdentity::KeyClosedError) { key.identifier_hash(IDENTIFIER) }
    assert_raises(ChatwootIdentity::KeyClosedError) { key.verify(IDENTIFIER, DOCUMENTED_HASH) }
    assert_raises(ChatwootIdentity::KeyClosedError) { key.identifier_hashes([IDENTIFIER]) }
  end
end
