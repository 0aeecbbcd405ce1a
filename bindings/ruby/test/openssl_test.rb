# frozen_string_literal: true

require_relative "test_helper"

# Differential tests against Ruby's own HMAC (the documented snippet), so the gem cannot agree
# with a bug in the core.
class OpenSSLTest < Minitest::Test
  include TestSupport

  PAIRS = 10_000
  WHITESPACE = [" ", "\t", "\r", "\n"].freeze

  # Minitest seeds Kernel#rand with --seed, so a failure is reproducible with the printed seed.
  def setup
    @seed = rand(2**64)
    @random = Random.new(@seed)
  end

  def test_random_pairs_match_openssl
    refused = 0
    PAIRS.times do |n|
      secret = random_secret
      identifier = n.even? ? random_binary(0..300) : random_utf8(0..300)
      label = "pair #{n} (seed #{@seed}, identifier #{identifier.bytesize} bytes, #{identifier.encoding})"
      if invisible_edge?(secret)
        # Random code points or bytes that are an invisible character at an end: refused.
        refused += 1
        assert_raises(ChatwootIdentity::SecretInvisibleError, label) { ChatwootIdentity.identifier_hash(secret, identifier) }
        assert_raises(ChatwootIdentity::SecretInvisibleError, label) { ChatwootIdentity::Key.new(secret) }
        refute ChatwootIdentity.verify(secret, identifier, openssl_hash(secret, identifier)), label
        next
      end
      if identifier.empty?
        assert_raises(ChatwootIdentity::EmptyIdentifierError, label) do
          ChatwootIdentity.identifier_hash(secret, identifier)
        end
        next
      end
      expected = openssl_hash(secret, identifier)
      assert_equal expected, ChatwootIdentity.identifier_hash(secret, identifier), label
      assert ChatwootIdentity.verify(secret, identifier, expected), label
      refute ChatwootIdentity.verify(secret, identifier, flip_one_char(expected)), label
      ChatwootIdentity::Key.open(secret) do |key|
        assert_equal expected, key.identifier_hash(identifier), label
        assert key.verify(identifier, expected), label
      end
    end
    assert_operator refused, :<, PAIRS / 100, "the generator should rarely make an invisible edge"
  end

  def test_random_secrets_with_invisible_edges_are_refused_and_hashed_inside
    300.times do |n|
      mark = INVISIBLES.sample(random: @random)
      core = "k#{random_secret.b}k".b
      padded = [mark.b + core, core + mark.b, mark.b + core + mark.b][n % 3]
      label = "secret #{n} (seed #{@seed}, U+#{mark.ord.to_s(16).upcase})"
      assert invisible_edge?(padded), label
      error = assert_raises(ChatwootIdentity::SecretInvisibleError, label) { ChatwootIdentity.identifier_hash(padded, IDENTIFIER) }
      assert_equal(-14, error.status, label)
      assert_raises(ChatwootIdentity::SecretInvisibleError, label) { ChatwootIdentity::Key.new(padded) }
      refute ChatwootIdentity.verify(padded, IDENTIFIER, openssl_hash(padded, IDENTIFIER)), label
      inside = "k#{mark}k"
      assert_equal openssl_hash(inside, IDENTIFIER), ChatwootIdentity.identifier_hash(inside, IDENTIFIER), label
    end
  end

  def test_random_secrets_with_whitespace_edges_are_rejected_like_the_docs_say
    200.times do
      secret = random_secret
      padded = @random.rand(2).zero? ? WHITESPACE.sample(random: @random) + secret : secret + WHITESPACE.sample(random: @random)
      assert_raises(ChatwootIdentity::SecretWhitespaceError) { ChatwootIdentity.identifier_hash(padded, IDENTIFIER) }
      refute ChatwootIdentity.verify(padded, IDENTIFIER, openssl_hash(padded, IDENTIFIER))
    end
  end

  def test_every_code_point_at_an_edge_is_refused_exactly_when_rubys_tables_call_it_invisible
    disagree = (0x80..0x10ffff).reject { |cp| (0xd800..0xdfff).cover?(cp) }.filter_map do |cp|
      secret = "k#{cp.chr(Encoding::UTF_8)}"
      refused = begin
        ChatwootIdentity.identifier_hash(secret, "u")
        false
      rescue ChatwootIdentity::SecretInvisibleError
        true
      end
      format("U+%04X", cp) if refused != invisible_edge?(secret)
    end
    assert_empty disagree
  end

  def test_integer_identifiers_hash_as_their_decimal_text_like_chatwoot
    key = ChatwootIdentity::Key.new(SECRET)
    numbers = [0, 1, -1, 42, 2**31, 2**63, 2**64 + 1, -(2**70)] + Array.new(500) { @random.rand(-10**12..10**12) }
    numbers.each do |number|
      expected = openssl_hash(SECRET, number.to_s)
      assert_equal expected, ChatwootIdentity.identifier_hash(SECRET, number), number.to_s
      assert_equal expected, key.identifier_hash(number), number.to_s
      assert ChatwootIdentity.verify(SECRET, number, expected), number.to_s
      assert key.verify(number, expected), number.to_s
    end
    assert_equal numbers.map { |n| openssl_hash(SECRET, n.to_s) }, key.identifier_hashes(numbers)
  ensure
    key&.close
  end

  def test_strings_are_hashed_as_their_bytes_in_their_own_encoding
    utf8 = "josé@example.com"
    latin1 = utf8.encode(Encoding::ISO_8859_1)
    utf16 = utf8.encode(Encoding::UTF_16LE)
    hashes = [utf8, latin1, utf16, utf8.b].map { |s| ChatwootIdentity.identifier_hash(SECRET, s) }
    assert_equal [utf8, latin1, utf16, utf8.b].map { |s| openssl_hash(SECRET, s) }, hashes
    assert_equal hashes[0], hashes[3], "UTF-8 and its binary copy are the same bytes"
    assert_equal 3, hashes.uniq.size, "different encodings are different bytes, hence hashes"
    assert_equal openssl_hash(SECRET.encode(Encoding::UTF_16BE), IDENTIFIER),
                 ChatwootIdentity.identifier_hash(SECRET.encode(Encoding::UTF_16BE), IDENTIFIER)
  end

  def test_hashes_are_lowercase_us_ascii_strings
    hash = ChatwootIdentity.identifier_hash(SECRET, IDENTIFIER)
    assert_match(/\A[0-9a-f]{64}\z/, hash)
    assert_equal Encoding::US_ASCII, hash.encoding
    refute hash.frozen?
    ChatwootIdentity::Key.open(SECRET) do |key|
      assert_equal Encoding::US_ASCII, key.identifier_hash(IDENTIFIER).encoding
      assert_equal [Encoding::US_ASCII], key.identifier_hashes([IDENTIFIER, "x"]).map(&:encoding).uniq
    end
  end

  private

  def random_secret
    loop do
      secret = @random.rand(2).zero? ? random_binary(1..100) : random_utf8(1..100)
      next if secret.empty?
      next if WHITESPACE.include?(secret.byteslice(0)) || WHITESPACE.include?(secret.byteslice(-1))

      return secret
    end
  end

  def random_binary(lengths)
    @random.bytes(@random.rand(lengths))
  end

  # Random code points (1 to 4 bytes each in UTF-8, surrogates excluded), cut to at most max bytes.
  def random_utf8(lengths)
    max = @random.rand(lengths)
    out = +""
    loop do
      cp = @random.rand(2).zero? ? @random.rand(0x20..0x7e) : @random.rand(0x80..0x10ffff)
      next if (0xd800..0xdfff).cover?(cp)

      char = cp.chr(Encoding::UTF_8)
      break if out.bytesize + char.bytesize > max

      out << char
    end
    out
  end

  def flip_one_char(hash)
    i = @random.rand(hash.size)
    hash.dup.tap { |h| h[i] = h[i] == "0" ? "1" : "0" }
  end
end
