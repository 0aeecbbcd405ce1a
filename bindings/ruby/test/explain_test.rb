# frozen_string_literal: true

require_relative "test_helper"

# ChatwootIdentity.explain and its Verdict: every shared explain vector (with candidates), the
# rejected inputs, the generated verdict table, and unknown codes from a newer library.
class ExplainTest < Minitest::Test
  include TestSupport

  VERDICT = ChatwootIdentity::Verdict

  def explain_vector(c)
    ChatwootIdentity.explain(bytes(c["secret_hex"]), bytes(c["identifier_hex"]), bytes(c["hash_hex"]),
                             other_secrets: c.fetch("other_secrets_hex", []).map { |hex| bytes(hex) },
                             other_identifiers: c.fetch("other_identifiers_hex", []).map { |hex| bytes(hex) })
  end

  def test_explain_vectors
    cases = VECTORS.fetch("explain")
    refute_empty cases
    cases.each do |c|
      verdict = explain_vector(c) # hash_hex: the exact bytes (raw_digest's are 32 binary bytes)
      assert_instance_of VERDICT, verdict, c["name"]
      assert_equal c["verdict"].to_sym, verdict.name, c["name"]
      assert_equal c["code"], verdict.code, c["name"]
      assert_equal ChatwootIdentity::Native.verdict_message(c["code"]), verdict.message, c["name"]
      assert_equal c["verdict"] == "match", verdict.match?, c["name"]
      if (candidate = c["candidate"])
        assert_equal [candidate["kind"].to_sym, candidate["index"]], [verdict.candidate_kind, verdict.candidate_index], c["name"]
      else
        assert_nil verdict.candidate_kind, c["name"]
        assert_nil verdict.candidate_index, c["name"]
      end
      # explain and the production check never disagree about a match.
      assert_equal verdict.match?, ChatwootIdentity.verify(bytes(c["secret_hex"]), bytes(c["identifier_hex"]),
                                                           bytes(c["hash_hex"])), c["name"]
    end
    assert_equal VERDICT::NAMES.values.sort, cases.map { |c| c["verdict"].to_sym }.uniq.sort, "every verdict has a vector"
  end

  def test_explain_rejected_vectors_raise_the_typed_error
    cases = VECTORS.fetch("explain_rejected")
    refute_empty cases
    cases.each do |c|
      error = assert_raises(error_class(c["status"]), c["name"]) { explain_vector(c) }
      assert_equal c["code"], error.status, c["name"]
      assert_equal c["status"].to_sym, error.status_name, c["name"]
      assert_equal ChatwootIdentity::Native.status_message(c["code"]), error.message, c["name"]
    end
  end

  def test_the_verdict_table_is_the_generated_one
    assert_equal VECTORS.fetch("verdicts").transform_keys(&:to_sym).invert, VERDICT::NAMES
    assert_equal ChatwootIdentity::Abi::VERDICTS.invert, VERDICT::NAMES
    VERDICT::NAMES.each do |code, name|
      assert_equal name.to_s, ChatwootIdentity::Native.verdict_name(code), "the library names #{code}"
      refute_empty ChatwootIdentity::Native.verdict_message(code)
    end
    assert_equal({ 1 => :secret, 2 => :identifier }, VERDICT::CANDIDATE_KINDS)
  end

  def test_an_unknown_code_from_a_newer_library_is_unknown_not_an_error
    [VERDICT::NAMES.keys.max + 1, 99, -1, 2**31 - 1].each do |code|
      verdict = VERDICT.new(code, ChatwootIdentity::Native.verdict_message(code))
      assert_equal :unknown, verdict.name
      assert_equal code, verdict.code
      assert_equal "unknown", ChatwootIdentity::Native.verdict_name(code)
      assert_equal ChatwootIdentity::Native.verdict_message(code), verdict.message
      refute verdict.match?
      assert_nil verdict.candidate_kind
    end
  end

  def test_uppercase_hash_explained
    verdict = ChatwootIdentity.explain(SECRET, IDENTIFIER, DOCUMENTED_HASH.upcase)
    assert_equal :uppercase_hex, verdict.name
    assert_equal :uppercase_hex, verdict.to_sym
    assert_equal "uppercase_hex", verdict.to_s
    assert_match(/uppercase/, verdict.message)
    assert_equal "#<ChatwootIdentity::Verdict uppercase_hex (1)>", verdict.inspect
    refute verdict.match?
    assert_nil verdict.candidate_kind
    assert_nil verdict.candidate_index
  end

  def test_whitespace_around_the_hash_explained
    [" #{DOCUMENTED_HASH}", "#{DOCUMENTED_HASH}\r\n", "\t#{DOCUMENTED_HASH} "].each do |padded|
      assert_equal :hash_whitespace, ChatwootIdentity.explain(SECRET, IDENTIFIER, padded).name, padded.inspect
    end
  end

  def test_other_candidates_name_the_list_and_position_never_the_value
    old_token = "old-token-#{rand(10**9)}"
    hash = openssl_hash(old_token, IDENTIFIER)
    verdict = ChatwootIdentity.explain(SECRET, IDENTIFIER, hash, other_secrets: ["another-inbox", old_token])
    assert_equal :other_candidate, verdict.name
    assert_equal :secret, verdict.candidate_kind
    assert_equal 1, verdict.candidate_index
    assert_equal "#<ChatwootIdentity::Verdict other_candidate (19) secret[1]>", verdict.inspect
    [verdict.inspect, verdict.to_s, verdict.message].each { |text| refute_includes text, old_token }

    # Integers and Enumerables are accepted like the identifier itself.
    verdict = ChatwootIdentity.explain(SECRET, "user@example.com", openssl_hash(SECRET, "42"),
                                       other_identifiers: ["someone@example.com", 42].each)
    assert_equal [:other_candidate, :identifier, 1], [verdict.name, verdict.candidate_kind, verdict.candidate_index]
    # Nothing reproduces it: a plain mismatch.
    verdict = ChatwootIdentity.explain(SECRET, IDENTIFIER, openssl_hash("x", "y"), other_secrets: [""], other_identifiers: ["z"])
    assert_equal :mismatch, verdict.name
    # Many candidates of many sizes: the exact position.
    ids = Array.new(300) { |i| "id-#{i}-#{'x' * (i % 37)}" }
    verdict = ChatwootIdentity.explain(SECRET, IDENTIFIER, openssl_hash(SECRET, ids[257]),
                                       other_secrets: Array.new(50) { |i| "s" * i }, other_identifiers: ids)
    assert_equal [:other_candidate, :identifier, 257], [verdict.name, verdict.candidate_kind, verdict.candidate_index]
    # The right hash wins over the candidates.
    assert ChatwootIdentity.explain(SECRET, IDENTIFIER, DOCUMENTED_HASH, other_secrets: [SECRET]).match?
  end

  def test_bad_candidates_raise_type_errors_naming_the_position
    error = assert_raises(TypeError) { ChatwootIdentity.explain(SECRET, IDENTIFIER, DOCUMENTED_HASH, other_secrets: ["a", 1]) }
    assert_equal "other_secrets[1] must be a String, got Integer", error.message
    error = assert_raises(TypeError) { ChatwootIdentity.explain(SECRET, IDENTIFIER, DOCUMENTED_HASH, other_identifiers: [1.0]) }
    assert_match(/\Aother_identifiers\[0\] must be a String or an Integer, got Float/, error.message)
    assert_raises(TypeError) { ChatwootIdentity.explain(SECRET, IDENTIFIER, DOCUMENTED_HASH, other_secrets: "a") }
    assert_raises(TypeError) { ChatwootIdentity.explain(SECRET, IDENTIFIER, DOCUMENTED_HASH, other_identifiers: nil) }
    error = assert_raises(ChatwootIdentity::InvalidEncodingError) do
      ChatwootIdentity.explain(SECRET, IDENTIFIER, DOCUMENTED_HASH, other_secrets: ["\xff".dup.force_encoding(Encoding::UTF_8)])
    end
    assert_equal 0, error.index
  end

  def test_inputs_follow_identifier_hash_rules
    assert ChatwootIdentity.explain(SECRET, 42, openssl_hash(SECRET, "42")).match?, "Integers as decimal text"
    token = Object.new
    token.define_singleton_method(:to_str) { SECRET }
    assert ChatwootIdentity.explain(token, IDENTIFIER, DOCUMENTED_HASH).match?
    assert ChatwootIdentity.explain(SECRET, IDENTIFIER, DOCUMENTED_HASH.encode(Encoding::UTF_16LE).encode(Encoding::UTF_8)).match?
    assert_equal :identifier_format, ChatwootIdentity.explain(SECRET, 42, openssl_hash(SECRET, "42.0")).name
    [nil, 1.0, :user].each do |bad|
      assert_raises(TypeError) { ChatwootIdentity.explain(SECRET, bad, DOCUMENTED_HASH) }
      assert_raises(TypeError) { ChatwootIdentity.explain(bad, IDENTIFIER, DOCUMENTED_HASH) }
      error = assert_raises(TypeError) { ChatwootIdentity.explain(SECRET, IDENTIFIER, bad) }
      assert_match(/\Aidentifier_hash must be a String \(hex text or raw bytes\), got /, error.message)
    end
  end

  def test_unusable_inputs_raise_typed_errors_and_a_padded_secret_is_a_verdict
    assert_raises(ChatwootIdentity::EmptySecretError) { ChatwootIdentity.explain("", IDENTIFIER, DOCUMENTED_HASH) }
    assert_raises(ChatwootIdentity::EmptySecretError) { ChatwootIdentity.explain(" \t\n", IDENTIFIER, DOCUMENTED_HASH) }
    assert_raises(ChatwootIdentity::EmptyIdentifierError) { ChatwootIdentity.explain(SECRET, "", DOCUMENTED_HASH) }
    assert_equal :secret_whitespace, ChatwootIdentity.explain("#{SECRET}\n", IDENTIFIER, DOCUMENTED_HASH).name
    assert_equal :blank_hash, ChatwootIdentity.explain(SECRET, IDENTIFIER, " \n").name
  end

  def test_verdicts_are_immutable_values_without_the_secret
    secret = "s3cr3t-#{rand(10**9)}-token"
    a = ChatwootIdentity.explain(" #{secret}", IDENTIFIER, openssl_hash(secret, IDENTIFIER))
    b = ChatwootIdentity.explain(" #{secret}", IDENTIFIER, openssl_hash(secret, IDENTIFIER))
    assert_equal :secret_whitespace, a.name
    assert a.frozen?
    assert_equal a, b
    assert_equal a.hash, b.hash
    assert_equal 1, [a, b].uniq.size
    refute_equal a, ChatwootIdentity.explain(SECRET, IDENTIFIER, DOCUMENTED_HASH)
    [a.inspect, a.to_s, a.message].each { |text| refute_includes text, secret }
  end
end
