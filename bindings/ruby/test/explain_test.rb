# frozen_string_literal: true

require_relative "test_helper"

# ChatwootIdentity.explain and its Verdict: the shared explain vectors, the pinned verdict
# table, and unknown codes from a newer library.
class ExplainTest < Minitest::Test
  include TestSupport

  VERDICT = ChatwootIdentity::Verdict

  def test_explain_vectors
    cases = VECTORS.fetch("explain")
    refute_empty cases
    cases.each do |c|
      secret = bytes(c["secret_hex"])
      identifier = bytes(c["identifier_hex"])
      hash = bytes(c["hash_hex"]) # the exact bytes: raw_digest's are 32 binary bytes
      verdict = ChatwootIdentity.explain(secret, identifier, hash)
      assert_instance_of VERDICT, verdict, c["name"]
      assert_equal c["verdict"].to_sym, verdict.name, c["name"]
      assert_equal c["code"], verdict.code, c["name"]
      assert_equal ChatwootIdentity::Native.verdict_message(c["code"]), verdict.message, c["name"]
      assert_equal c["verdict"] == "match", verdict.match?, c["name"]
      # explain and the production check never disagree about a match.
      assert_equal verdict.match?, ChatwootIdentity.verify(secret, identifier, hash), c["name"]
    end
    assert_empty cases.map { |c| c["verdict"].to_sym } - VERDICT::NAMES.values, "every vector's verdict has a name"
  end

  def test_the_verdict_table_is_pinned
    assert_equal VECTORS.fetch("verdicts").transform_keys(&:to_sym).invert, VERDICT::NAMES
    VERDICT::NAMES.each do |code, name|
      assert_equal name.to_s, ChatwootIdentity::Native.verdict_name(code), "the library names #{code}"
      refute_empty ChatwootIdentity::Native.verdict_message(code)
    end
  end

  def test_an_unknown_code_from_a_newer_library_is_unknown_not_an_error
    [14, 99, -5, 2**31 - 1].each do |code|
      verdict = VERDICT.new(code, ChatwootIdentity::Native.verdict_message(code))
      assert_equal :unknown, verdict.name
      assert_equal code, verdict.code
      assert_equal "unknown", ChatwootIdentity::Native.verdict_name(code)
      assert_equal ChatwootIdentity::Native.verdict_message(code), verdict.message
      refute verdict.match?
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
    refute verdict.invalid_input?
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

  def test_bad_values_give_a_verdict_not_an_error
    assert_equal :invalid_secret, ChatwootIdentity.explain("", IDENTIFIER, DOCUMENTED_HASH).name
    assert_equal :secret_whitespace, ChatwootIdentity.explain("#{SECRET}\n", IDENTIFIER, DOCUMENTED_HASH).name
    verdict = ChatwootIdentity.explain(SECRET, "", DOCUMENTED_HASH)
    assert_equal :empty_identifier, verdict.name
    assert verdict.invalid_input?
    assert_equal :not_hex, ChatwootIdentity.explain(SECRET, IDENTIFIER, "").name
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
