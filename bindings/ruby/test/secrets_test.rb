# frozen_string_literal: true

require "pp"
require_relative "test_helper"

# No secret in any error: every error a secret-taking call can raise, with a recognisable
# secret (and other candidate secrets) in its arguments, searched in everything a log or an
# error tracker could show: message, full_message with backtrace, inspect, the cause chain
# and the error's instance variables; and in the Key's inspect/pp output.
class SecretsTest < Minitest::Test
  include TestSupport

  MARK = "SeCrEtMaRk-#{rand(10**12)}".freeze

  def secret(suffix = "")
    "#{MARK}#{suffix}"
  end

  def assert_no_secret(error, context)
    seen = []
    current = error
    while current && seen.size < 10
      seen << current
      current = current.cause
    end
    text = seen.map do |e|
      [e.message, e.full_message(highlight: false, order: :top), e.inspect, e.backtrace.to_a.join("\n"),
       e.respond_to?(:detailed_message) ? e.detailed_message : "",
       e.instance_variables.map { |iv| e.instance_variable_get(iv).inspect }.join(" ")].join("\n")
    end.join("\n")
    refute_includes text, MARK, "#{context}: #{error.class} shows the secret"
  end

  def raised(context)
    yield
    flunk "#{context}: nothing was raised"
  rescue Minitest::Assertion
    raise
  rescue Exception => e # rubocop:disable Lint/RescueException -- every error is searched
    assert_no_secret(e, context)
    e
  end

  def test_every_error_of_a_secret_taking_call_hides_the_secret
    invalid = "#{MARK}\xff".dup.force_encoding(Encoding::UTF_8)
    throwing = Object.new
    throwing.define_singleton_method(:to_str) { raise ArgumentError, "to_str failed" }
    cases = {
      "whitespace secret" => -> { ChatwootIdentity.identifier_hash(secret(" "), "x") },
      "newline secret, Key" => -> { ChatwootIdentity::Key.new(secret("\n")) },
      "invalid-encoding secret" => -> { ChatwootIdentity.identifier_hash(invalid, "x") },
      "invalid-encoding secret, Key" => -> { ChatwootIdentity::Key.new(invalid) },
      "symbol secret" => -> { ChatwootIdentity.identifier_hash(secret.to_sym, "x") },
      "empty identifier" => -> { ChatwootIdentity.identifier_hash(secret, "") },
      "nil identifier" => -> { ChatwootIdentity.identifier_hash(secret, nil) },
      "explain, padded-only" => -> { ChatwootIdentity.explain(" ", "x", "00") },
      "explain, bad candidate type" => -> { ChatwootIdentity.explain(secret, "x", "00", other_secrets: [secret("a"), secret.to_sym]) },
      "explain, invalid candidate" => -> { ChatwootIdentity.explain(secret, "x", "00", other_secrets: [secret("a"), invalid]) },
      "explain, throwing candidate" => -> { ChatwootIdentity.explain(secret, "x", "00", other_secrets: [throwing]) },
      "explain, bad identifier candidate" => -> { ChatwootIdentity.explain(secret, "x", "00", other_secrets: [secret("b")], other_identifiers: [1.5]) },
      "explain, empty identifier" => -> { ChatwootIdentity.explain(secret, "", "00", other_secrets: [secret("c")]) },
      "explain, bad hash type" => -> { ChatwootIdentity.explain(secret, "x", nil, other_secrets: [secret("d")]) },
      "reset nonce" => -> { ChatwootIdentity.reset_script(nonce: "<bad>") }
    }
    key = ChatwootIdentity::Key.new(secret)
    cases.merge!(
      "set_user_script unknown field" => -> { key.set_user_script("u", { name: "n", password: secret }) },
      "set_user_script bad value" => -> { key.set_user_script("u", { name: "n", custom_attributes: { "k" => [secret] } }) },
      "set_user_script no contact field" => -> { key.set_user_script("u", { phone_number: "1" }) },
      "set_user_script bad nonce" => -> { key.set_user_script("u", { name: "n" }, nonce: "a b") },
      "set_user_payload empty identifier" => -> { key.set_user_payload("", { name: "n" }) },
      "batch empty identifier" => -> { key.identifier_hashes(["a", ""]) },
      "batch bad type" => -> { key.identifier_hashes([1.5]) },
      "copying a Key" => -> { key.dup },
      "marshalling a Key" => -> { Marshal.dump(key) }
    )
    cases.each { |context, call| raised(context, &call) }
    key.close
    raised("closed key") { key.identifier_hash("x") }
  end

  def test_a_key_never_shows_its_secret
    key = ChatwootIdentity::Key.new(secret)
    [key.inspect, key.to_s, key.pretty_inspect, key.instance_variables.map { |iv| key.instance_variable_get(iv).inspect }.join]
      .each { |text| refute_includes text, MARK }
  ensure
    key&.close
  end

  def test_a_verdict_never_shows_a_candidate_secret
    verdict = ChatwootIdentity.explain(secret, "x", openssl_hash(secret("old"), "x"), other_secrets: [secret("old")])
    assert_equal [:other_candidate, :secret, 0], [verdict.name, verdict.candidate_kind, verdict.candidate_index]
    [verdict.inspect, verdict.to_s, verdict.message, verdict.pretty_inspect].each { |text| refute_includes text, MARK }
  end
end
