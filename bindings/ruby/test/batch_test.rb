# frozen_string_literal: true

require "set"
require_relative "test_helper"

# Key#identifier_hashes: one library call for many identifiers, equal to hashing one by one.
class BatchTest < Minitest::Test
  include TestSupport

  include KeyPerTest

  def test_batch_of_100_000_equals_one_by_one
    random = Random.new(rand(2**64))
    identifiers = Array.new(100_000) do |i|
      case i % 4
      when 0 then "user-#{i}@example.com"
      when 1 then i
      when 2 then random.bytes(random.rand(1..300))
      else "ユーザー#{i}"
      end
    end
    hashes = @key.identifier_hashes(identifiers)
    assert_equal identifiers.size, hashes.size
    assert_equal identifiers.map { |id| @key.identifier_hash(id) }, hashes
    # Spot-check against OpenSSL too, so both paths cannot share a bug.
    identifiers.each_with_index.select { |_, i| (i % 997).zero? }.each do |id, i|
      assert_equal openssl_hash(SECRET, id.to_s), hashes[i], "index #{i}"
    end
  end

  def test_empty_batch
    assert_equal [], @key.identifier_hashes([])
    assert_equal [], @key.identifier_hashes(Set.new)
  end

  def test_any_enumerable_of_strings_and_integers
    expected = (1..5).map { |n| openssl_hash(SECRET, n.to_s) }
    assert_equal expected, @key.identifier_hashes(1..5)
    assert_equal expected, @key.identifier_hashes(Set.new(%w[1 2 3 4 5]))
    assert_equal expected, @key.identifier_hashes((1..5).each.lazy.map(&:to_s))
    assert_equal expected, @key.identifier_hashes(["1", 2, "3".encode(Encoding::UTF_16LE).encode(Encoding::UTF_8), 4, +"5"])
  end

  def test_mixed_encodings_are_hashed_as_their_bytes
    ids = ["josé", "josé".encode(Encoding::ISO_8859_1), "\xff\xfe".b, "ü".encode(Encoding::UTF_16BE)]
    assert_equal ids.map { |id| openssl_hash(SECRET, id) }, @key.identifier_hashes(ids)
  end

  def test_duplicates_and_order_are_kept
    ids = %w[b a b c a]
    assert_equal ids.map { |id| openssl_hash(SECRET, id) }, @key.identifier_hashes(ids)
  end

  def test_an_empty_identifier_names_its_index
    error = assert_raises(ChatwootIdentity::EmptyIdentifierError) { @key.identifier_hashes(["a", "b", "", "c"]) }
    assert_equal 2, error.index
    assert_equal(-4, error.status)
    assert_match(/\Aidentifier at index 2: /, error.message)
    assert_includes error.message, ChatwootIdentity::Native.status_message(-4)

    error = assert_raises(ChatwootIdentity::EmptyIdentifierError) { @key.identifier_hashes([""]) }
    assert_equal 0, error.index
  end

  def test_a_wrong_type_names_its_index_and_what_to_pass
    error = assert_raises(TypeError) { @key.identifier_hashes(["a", 1, nil]) }
    assert_equal "identifier at index 2 must be a String or an Integer, got nil", error.message
    error = assert_raises(TypeError) { @key.identifier_hashes(["a", 1.5]) }
    assert_match(/\Aidentifier at index 1 must be a String or an Integer, got Float/, error.message)
  end

  def test_the_batch_itself_must_be_enumerable
    [nil, "a,b", 42, :a].each do |bad|
      error = assert_raises(TypeError) { @key.identifier_hashes(bad) }
      assert_match(/\Aidentifiers must be an Enumerable/, error.message)
    end
  end

  def test_results_are_independent_strings
    hashes = @key.identifier_hashes(%w[a b])
    hashes[0] << "!"
    hashes[0].replace("changed")
    assert_equal openssl_hash(SECRET, "b"), hashes[1]
  end
end
