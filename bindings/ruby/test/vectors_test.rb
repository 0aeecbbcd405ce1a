# frozen_string_literal: true

require_relative "test_helper"

# The shared vectors of tests/vectors.json, through every entry point of the gem.
class VectorsTest < Minitest::Test
  include TestSupport

  def test_documented_sample_matches_openssl_and_the_docs
    assert_equal DOCUMENTED_HASH, openssl_hash(SECRET, IDENTIFIER)
    assert_equal DOCUMENTED_HASH, ChatwootIdentity.identifier_hash(SECRET, IDENTIFIER)
  end

  def test_hash_vectors
    cases = VECTORS.fetch("hash")
    refute_empty cases
    ids = cases.map { |c| bytes(c["identifier_hex"]) }
    cases.each_with_index do |c, i|
      secret = bytes(c["secret_hex"])
      expected = c["identifier_hash"]
      assert_equal expected, ChatwootIdentity.identifier_hash(secret, ids[i]), c["name"]
      assert ChatwootIdentity.verify(secret, ids[i], expected), c["name"]
      ChatwootIdentity::Key.open(secret) do |key|
        assert_equal expected, key.identifier_hash(ids[i]), c["name"]
        assert key.verify(ids[i], expected), c["name"]
        assert_equal [expected], key.identifier_hashes([ids[i]]), c["name"]
      end
    end
  end

  def test_rejected_vectors_raise_the_typed_error_and_never_verify
    cases = VECTORS.fetch("rejected")
    refute_empty cases
    cases.each do |c|
      secret = bytes(c["secret_hex"])
      identifier = bytes(c["identifier_hex"])
      klass = error_class(c["status"])
      error = assert_raises(klass, c["name"]) { ChatwootIdentity.identifier_hash(secret, identifier) }
      assert_equal c["code"], error.status, c["name"]
      assert_equal c["status"].to_sym, error.status_name, c["name"]
      refute ChatwootIdentity.verify(secret, identifier, DOCUMENTED_HASH), c["name"]
      refute ChatwootIdentity.verify(secret, identifier, openssl_hash(secret, identifier)), c["name"]
    end
  end

  def test_rejected_vectors_through_a_key
    VECTORS.fetch("rejected").each do |c|
      secret = bytes(c["secret_hex"])
      identifier = bytes(c["identifier_hex"])
      klass = error_class(c["status"])
      if c["status"] == "EMPTY_IDENTIFIER"
        ChatwootIdentity::Key.open(secret) do |key|
          assert_raises(klass, c["name"]) { key.identifier_hash(identifier) }
          assert_raises(klass, c["name"]) { key.identifier_hashes([identifier]) }
          refute key.verify(identifier, DOCUMENTED_HASH), c["name"]
        end
      else
        assert_raises(klass, c["name"]) { ChatwootIdentity::Key.new(secret) }
      end
    end
  end

  def test_verify_vectors
    cases = VECTORS.fetch("verify")
    assert cases.any? { |c| c["valid"] } && cases.any? { |c| !c["valid"] }
    cases.each do |c|
      secret = bytes(c["secret_hex"])
      identifier = bytes(c["identifier_hex"])
      hash = c["identifier_hash"]
      assert_equal c["valid"], ChatwootIdentity.verify(secret, identifier, hash), c["name"]
      key = begin
        ChatwootIdentity::Key.new(secret)
      rescue ChatwootIdentity::Error
        refute c["valid"], "#{c["name"]}: a secret the library rejects cannot verify"
        next
      end
      assert_equal c["valid"], key.verify(identifier, hash), c["name"]
      key.close
    end
  end

  def test_status_codes_match_the_vectors
    VECTORS.fetch("statuses").each do |name, code|
      next if name == "OK"

      error = ChatwootIdentity::Error.for_status(code, "message")
      assert_instance_of error_class(name), error
      assert_equal code, error.status
      assert_equal name.to_sym, error.status_name
      assert_kind_of ArgumentError, error
    end
  end

end
