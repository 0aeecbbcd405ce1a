# frozen_string_literal: true

require "open3"
require "rbconfig"
require_relative "test_helper"

# Key#set_user_script, Key#set_user_payload and ChatwootIdentity.reset_script: hostile users
# round-trip through Ruby's JSON parser, the script cannot be broken out of, and each bad input
# class has its typed error.
class RenderTest < Minitest::Test
  include TestSupport

  BREAKOUT = "</script><script>window.__pwned=1</script>"
  USERS = {
    "breakout" => [BREAKOUT, { name: BREAKOUT, email: "#{BREAKOUT}@example.com" }],
    "quotes" => ["O'Brien \"&\" <b>", { "name" => "O'Brien \"Bob\" & <b>Co</b>", "email" => "o'brien&co@example.com" }],
    "line separators" => ["a\u2028b\u2029c", { name: "line\u2028sep\u2029para" }],
    "non-BMP" => ["😀𝄞\u{10FFFF}", { name: "😀 Emoji 𝄞", email: "emoji😀@example.com" }],
    "big integer" => [9_007_199_254_740_993, { name: "Integer", email: "int@example.com" }],
    "plain" => ["user-42", { name: "Jane Doe", email: "jane@example.com", avatar_url: "https://example.com/a.png",
                             phone_number: "+15551234567", description: "d", company_name: "Acme",
                             country_code: "DE", city: "Berlin",
                             custom_attributes: { plan: "pro", seats: 3, ratio: 0.5, trial: false, id: 9_007_199_254_740_991 } }]
  }.freeze

  include KeyPerTest

  # The script's two JSON values: the identifier and the user object.
  def script_values(script)
    match = script.match(/\A<script(?: nonce="([^"]*)")?>\(function \(w\) \{ var identifier = ("(?:[^"\\]|\\.)*"), user = (\{.*?\}); function run/)
    assert match, script
    [match[1], JSON.parse(match[2]), JSON.parse(match[3])]
  end

  def assert_html_safe_script(script)
    body = script.delete_prefix(script[/\A<script[^>]*>/]).delete_suffix("</script>")
    refute_includes body, "<"
    refute_includes body, ">"
    refute_match(/[\u2028\u2029]/, body)
    assert_equal 1, script.scan("</script").size
    assert_equal Encoding::UTF_8, script.encoding
    assert script.valid_encoding?
  end

  def expected_fields(fields)
    JSON.parse(JSON.generate(fields)).compact
  end

  def test_hostile_users_round_trip_through_the_payload
    USERS.each do |label, (identifier, fields)|
      payload = JSON.parse(@key.set_user_payload(identifier, fields))
      assert_equal identifier.to_s, payload.delete("identifier"), label # a JSON string, byte for byte
      assert_equal openssl_hash(SECRET, identifier.to_s), payload.delete("identifier_hash"), label
      assert_equal expected_fields(fields), payload, label
    end
  end

  def test_hostile_users_round_trip_through_the_script
    USERS.each do |label, (identifier, fields)|
      script = @key.set_user_script(identifier, fields)
      assert_html_safe_script(script)
      nonce, emitted_identifier, user = script_values(script)
      assert_nil nonce
      assert_equal identifier.to_s, emitted_identifier, label
      assert_equal openssl_hash(SECRET, identifier.to_s), user.delete("identifier_hash"), label
      assert_equal expected_fields(fields), user, label
    end
    refute_includes @key.set_user_script(BREAKOUT, { name: BREAKOUT }), "window.__pwned=1</script>"
  end

  def test_the_integer_is_emitted_as_a_string_of_its_digits
    [9_007_199_254_740_993, 2**70, -5, 0].each do |id|
      assert_equal id.to_s, JSON.parse(@key.set_user_payload(id, { name: "n" }))["identifier"]
      assert_includes @key.set_user_script(id, { name: "n" }), "var identifier = \"#{id}\""
    end
  end

  def test_nonce_and_reset
    script = @key.set_user_script("u", { name: "n" }, nonce: "r4nd0m+/=_-")
    assert_equal "r4nd0m+/=_-", script_values(script)[0]
    reset = ChatwootIdentity.reset_script
    assert_match(/\A<script>.*window\.\$chatwoot|w\.\$chatwoot\.reset\(\)/, reset)
    assert_includes reset, ".reset()"
    assert reset.start_with?("<script>")
    assert ChatwootIdentity.reset_script(nonce: "abc").start_with?('<script nonce="abc">')
    assert_equal reset, ChatwootIdentity.reset_script(nonce: "") # empty: no nonce attribute
    ["\"><script>", "a b", "é", "<"].each do |bad|
      error = assert_raises(ChatwootIdentity::InvalidNonceError) { ChatwootIdentity.reset_script(nonce: bad) }
      assert_equal ChatwootIdentity::Native.status_message(error.status), error.message
      assert_raises(ChatwootIdentity::InvalidNonceError) { @key.set_user_script("u", { name: "n" }, nonce: bad) }
    end
    [1, :abc, ["abc"]].each do |bad|
      assert_raises(TypeError) { ChatwootIdentity.reset_script(nonce: bad) }
      assert_raises(TypeError) { @key.set_user_script("u", { name: "n" }, nonce: bad) }
    end
  end

  def test_outputs_larger_than_the_first_buffer
    name = "</script>\u2028😀" * 2000
    payload = JSON.parse(@key.set_user_payload("u", { name: name }))
    assert_equal name, payload["name"]
    assert_equal name, script_values(@key.set_user_script("u", { name: name }))[2]["name"]
  end

  def test_identifier_type_errors
    [1.0, 9_007_199_254_740_993.0, true, false, nil, :user, [1], Object.new].each do |bad|
      assert_raises(TypeError, bad.inspect) { @key.set_user_script(bad, { name: "n" }) }
      assert_raises(TypeError, bad.inspect) { @key.set_user_payload(bad, { name: "n" }) }
    end
    assert_match(/Float is ambiguous/, assert_raises(TypeError) { @key.set_user_payload(1.5, { name: "n" }) }.message)
  end

  def test_empty_identifier
    ["", "".b].each do |empty|
      error = assert_raises(ChatwootIdentity::EmptyIdentifierError) { @key.set_user_script(empty, { name: "n" }) }
      assert_equal ChatwootIdentity::Abi::STATUSES[:empty_identifier], error.status
      assert_raises(ChatwootIdentity::EmptyIdentifierError) { @key.set_user_payload(empty, { name: "n" }) }
    end
  end

  def test_identifiers_that_are_not_unicode_text
    ["\xff".dup.force_encoding(Encoding::UTF_8), "a\xed\xa0\x80".dup.force_encoding(Encoding::UTF_8), "\xff".b,
     "\x00\xd8".dup.force_encoding(Encoding::UTF_16LE)].each do |bad|
      assert_raises(ChatwootIdentity::InvalidEncodingError, bad.inspect) { @key.set_user_script(bad, { name: "n" }) }
      assert_raises(ChatwootIdentity::InvalidEncodingError, bad.inspect) { @key.set_user_payload(bad, { name: "n" }) }
    end
    assert_raises(ChatwootIdentity::InvalidFieldValueError) { @key.set_user_payload("u", { name: "\xff".dup.force_encoding(Encoding::UTF_8) }) }
    # Valid text in another encoding, or valid UTF-8 bytes in a binary String, is the same user.
    assert_equal "café", JSON.parse(@key.set_user_payload("café".encode(Encoding::ISO_8859_1), { name: "n" }))["identifier"]
    assert_equal "café", JSON.parse(@key.set_user_payload("café".b, { name: "n" }))["identifier"]
    assert_equal openssl_hash(SECRET, "café"), JSON.parse(@key.set_user_payload("café".encode(Encoding::UTF_16LE), { name: "n" }))["identifier_hash"]
  end

  def test_field_errors
    cases = {
      {} => ChatwootIdentity::MissingContactFieldError,
      { name: nil, email: nil } => ChatwootIdentity::MissingContactFieldError,
      { phone_number: "+1" } => ChatwootIdentity::MissingContactFieldError,
      { name: "n", password: "x" } => ChatwootIdentity::UnknownFieldError,
      { "Name" => "n" } => ChatwootIdentity::UnknownFieldError,
      { name: 1 } => ChatwootIdentity::InvalidFieldValueError,
      { name: ["n"] } => ChatwootIdentity::InvalidFieldValueError,
      { name: "n", custom_attributes: { a: [1] } } => ChatwootIdentity::InvalidFieldValueError,
      { name: "n", custom_attributes: { a: Float::NAN } } => ChatwootIdentity::InvalidFieldValueError,
      { name: "n", custom_attributes: "x" } => ChatwootIdentity::InvalidFieldValueError,
      { :name => "a", "name" => "b" } => ChatwootIdentity::InvalidJsonError
    }
    cases.each do |fields, klass|
      error = assert_raises(klass, fields.inspect) { @key.set_user_payload("u", fields) }
      assert_raises(klass, fields.inspect) { @key.set_user_script("u", fields) }
      assert_equal ChatwootIdentity::Native.status_message(error.status), error.message if error.status
    end
    [nil, "name", [[:name, "n"]], 1].each do |bad|
      assert_raises(TypeError, bad.inspect) { @key.set_user_payload("u", bad) }
      assert_raises(TypeError, bad.inspect) { @key.set_user_script("u", bad) }
    end
    assert_raises(TypeError) { @key.set_user_payload("u", { 1 => "n" }) }
    # Custom attribute keys are never coerced (JSON.generate would write "1", "true", "").
    [1, true, nil, 1.5, [:a]].each do |bad|
      error = assert_raises(TypeError, bad.inspect) { @key.set_user_payload("u", { name: "n", custom_attributes: { bad => "x" } }) }
      assert_match(/\Acustom_attributes keys must be Symbols or Strings, got /, error.message)
      assert_raises(TypeError, bad.inspect) { @key.set_user_script("u", { name: "n", custom_attributes: { bad => "x" } }) }
    end
    assert_raises(ChatwootIdentity::InvalidJsonError) { @key.set_user_payload("u", { name: "n", custom_attributes: { :a => 1, "a" => 2 } }) }
    assert_equal({ "a" => 1, "b" => "x" },
                 JSON.parse(@key.set_user_payload("u", { name: "n", custom_attributes: { a: 1, "b" => "x" } }))["custom_attributes"])
    # Keyword-style fields are keywords of set_user_script: the braces are required there.
    assert_raises(ArgumentError) { @key.set_user_script("u", name: "n") }
    assert_equal "n", JSON.parse(@key.set_user_payload("u", name: "n"))["name"]
  end

  def test_a_field_value_is_never_quoted_in_an_error
    secretish = "s3cr3t-#{rand(10**9)}\xff".dup.force_encoding(Encoding::UTF_8)
    error = assert_raises(ChatwootIdentity::InvalidFieldValueError) { @key.set_user_payload("u", { name: secretish }) }
    refute_includes error.message, secretish.b[0, 10]
  end

  def test_user_code_that_closes_the_key_runs_before_the_key_is_used
    key = ChatwootIdentity::Key.new(SECRET)
    identifier = Object.new
    identifier.define_singleton_method(:to_str) { key.close || "u" }
    assert_raises(ChatwootIdentity::KeyClosedError) { key.set_user_script(identifier, { name: "n" }) }
    assert key.closed?

    key = ChatwootIdentity::Key.new(SECRET)
    value = Object.new
    value.define_singleton_method(:to_json) { |*| key.close || '"n"' }
    assert_raises(ChatwootIdentity::KeyClosedError) { key.set_user_payload("u", { name: value }) }
    assert_raises(ChatwootIdentity::KeyClosedError) { key.set_user_payload("u", { name: "n" }) }
  end

  def test_payload_is_plain_json_and_inputs_are_copied
    identifier = +"user-1"
    fields = { name: +"Jane" }
    payload = @key.set_user_payload(identifier, fields)
    identifier << "-changed"
    fields[:name] << "-changed"
    assert_equal({ "identifier" => "user-1", "identifier_hash" => openssl_hash(SECRET, "user-1"), "name" => "Jane" }, JSON.parse(payload))
    refute payload.frozen?
  end

  def run_ruby(code)
    out, status = Open3.capture2e(RbConfig.ruby, "-w", "-I#{File.expand_path("../lib", __dir__)}", "-e", code)
    assert status.success?, out
    out
  end

  # Without ActiveSupport: plain Strings. With it: the scripts are SafeBuffers (not escaped
  # again by ERB), the payload stays a plain String.
  def test_html_safe_only_with_active_support
    out = run_ruby(<<~RUBY)
      require "chatwoot_identity"
      key = ChatwootIdentity::Key.new(#{SECRET.dump})
      script = key.set_user_script("u", { name: "<b>" })
      p [defined?(ActiveSupport), script.class, ChatwootIdentity.reset_script.class, script.respond_to?(:html_safe?)]
    RUBY
    assert_equal "[nil, String, String, false]\n", out
    out = run_ruby(<<~RUBY)
      require "chatwoot_identity"
      require "active_support"
      require "active_support/core_ext/string/output_safety"
      key = ChatwootIdentity::Key.new(#{SECRET.dump})
      script = key.set_user_script("u", { name: "<b>" }, nonce: "abc")
      reset = ChatwootIdentity.reset_script
      payload = key.set_user_payload("u", { name: "<b>" })
      p [script.class, script.html_safe?, reset.html_safe?, payload.class, payload.html_safe?]
      p [ERB::Util.html_escape(script) == script, ERB::Util.html_escape(reset) == reset, script.start_with?('<script nonce="abc">')]
    RUBY
    assert_equal "[ActiveSupport::SafeBuffer, true, true, String, false]\n[true, true, true]\n", out
  end
end
