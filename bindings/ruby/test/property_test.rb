# frozen_string_literal: true

require_relative "test_helper"
require_relative "support/hostile_values"

# Seeded random property suite: random and hostile secrets, identifiers and claimed hashes
# (strings in many encodings, binary, Integers, invalid text, wrong types, #to_str objects,
# String subclasses with lying methods, Enumerators, user code closing the Key mid-call),
# each checked against OpenSSL::HMAC and the documented error rules.
#
# FUZZ_SEED=<n> replays a run (the seed is in every failure message); FUZZ_SECONDS sets how
# long it runs (`make test`: 1 second; `make fuzz`: 60 by default).
class PropertyTest < Minitest::Test
  include TestSupport

  SEED = Integer(ENV.fetch("FUZZ_SEED", Random.new_seed % (2**64)))
  SECONDS = Float(ENV.fetch("FUZZ_SECONDS", "1"))
  INPUT_ERRORS = { type: TypeError, encoding: ChatwootIdentity::InvalidEncodingError }.freeze
  SECRET_ERRORS = { empty: ChatwootIdentity::EmptySecretError, whitespace: ChatwootIdentity::SecretWhitespaceError,
                    invisible: ChatwootIdentity::SecretInvisibleError }.freeze

  def setup
    @random = Random.new(SEED)
    @values = HostileValues.new(@random)
  end

  def teardown
    HostileValues.on_user_code = nil
    warn "PropertyTest failed: replay with FUZZ_SEED=#{SEED}" unless passed?
  end

  def test_random_and_hostile_values_behave_like_openssl_and_the_error_rules
    deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + SECONDS
    cases = 0
    until cases >= 50 && Process.clock_gettime(Process::CLOCK_MONOTONIC) > deadline
      check_one_shot(@values.secret, @values.identifier, "case #{cases}")
      check_key(@values.secret, Array.new(@random.rand(1..6)) { @values.identifier }, "case #{cases}")
      cases += 1
    end
    assert_operator cases, :>=, 50
  end

  # Random Unicode users (HTML and JavaScript metacharacters, line separators, controls, non-BMP,
  # big Integers) through the renderer: the payload parses back to the same values with the
  # OpenSSL hash, and the script never holds a raw "<", ">", U+2028 or U+2029 inside.
  def test_random_users_round_trip_through_the_renderer
    key = ChatwootIdentity::Key.new(SECRET)
    deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + SECONDS / 2
    cases = 0
    until cases >= 200 && Process.clock_gettime(Process::CLOCK_MONOTONIC) > deadline
      identifier = @random.rand(4).zero? ? @random.rand(-(2**80)..2**80) : random_text(1)
      fields = { name: random_text(1), email: (random_text(0) if @random.rand(2).zero?),
                 custom_attributes: { random_text(0) => random_text(0), "n" => @random.rand(-(2**53 - 1)..(2**53 - 1)), "b" => @random.rand(2).zero? } }
      message = "#{identifier.inspect} #{fields.inspect} (replay with FUZZ_SEED=#{SEED})"
      payload = JSON.parse(key.set_user_payload(identifier, fields))
      assert_equal identifier.to_s, payload.delete("identifier"), message
      assert_equal openssl_hash(SECRET, identifier.to_s), payload.delete("identifier_hash"), message
      assert_equal JSON.parse(JSON.generate(fields)).compact, payload, message
      script = key.set_user_script(identifier, fields, nonce: "n#{cases}")
      body = script.delete_prefix(%(<script nonce="n#{cases}">)).delete_suffix("</script>")
      refute_match(/[<>\u2028\u2029]/, body, message)
      cases += 1
    end
  ensure
    key&.close
  end

  private

  ALPHABET = ["<", ">", "&", "'", "\"", "\\", "/", "\u2028", "\u2029", "\u0000", "\u001f", "\u007f", "é", "😀", "𝄞",
              "\u{10FFFF}", "\uFEFF", "a", "z", "0", " ", "</script>", "<!--", "]]>"].freeze

  def random_text(min)
    Array.new(@random.rand(min..12)) { ALPHABET.sample(random: @random) }.join
  end

  def context(label, *cases)
    "#{label}: #{cases.map(&:label).join(' / ')} (replay with FUZZ_SEED=#{SEED})"
  end

  # The error the gem must raise, checked in its order: argument types and encodings first
  # (secret, then identifier), then the library's rules (secret, then identifier).
  def expected_error(secret, identifier)
    [secret, identifier].each { |c| return INPUT_ERRORS[c.outcome] if INPUT_ERRORS.key?(c.outcome) }
    return SECRET_ERRORS[secret.outcome] if SECRET_ERRORS.key?(secret.outcome)

    ChatwootIdentity::EmptyIdentifierError if identifier.outcome == :empty
  end

  def check_one_shot(secret, identifier, label)
    message = context(label, secret, identifier)
    error = expected_error(secret, identifier)
    if error
      assert_raises(error, message) { ChatwootIdentity.identifier_hash(secret.value, identifier.value) }
      verify_must = error == TypeError ? :raise : false
      right = openssl_hash("k", "x")
    else
      right = openssl_hash(secret.bytes, identifier.bytes)
      assert_equal right, ChatwootIdentity.identifier_hash(secret.value, identifier.value), message
    end
    claimed = @values.claimed_hash(right)
    if verify_must == :raise
      assert_raises(TypeError, message) { ChatwootIdentity.verify(secret.value, identifier.value, claimed) }
    else
      expected = error.nil? && claimed.is_a?(String) && claimed.b == right
      assert_equal expected, ChatwootIdentity.verify(secret.value, identifier.value, claimed), "#{message}, claimed #{claimed.inspect}"
    end
  end

  def check_key(secret, identifiers, label)
    message = context(label, secret, *identifiers)
    if (error = key_error(secret))
      assert_raises(error, message) { ChatwootIdentity::Key.new(secret.value) }
      return
    end
    key = ChatwootIdentity::Key.new(secret.value)
    # Half the time, any user code the gem runs (a #to_str, an Enumerator) closes the key.
    HostileValues.on_user_code = @random.rand(2).zero? ? -> { key.close } : nil
    identifiers.each { |identifier| check_key_single(key, secret, identifier, message) }
    check_key_batch(key, secret, identifiers, message)
  ensure
    key&.close
  end

  def key_error(secret)
    INPUT_ERRORS[secret.outcome] || SECRET_ERRORS[secret.outcome]
  end

  # A call may meet a key its own user code closed: then KeyClosedError, else the exact result.
  def closed_or(key, message)
    yield
  rescue ChatwootIdentity::KeyClosedError
    assert key.closed?, message
    :closed
  end

  def check_key_single(key, secret, identifier, message)
    error = INPUT_ERRORS[identifier.outcome] || (ChatwootIdentity::EmptyIdentifierError if identifier.outcome == :empty)
    if error
      assert_raises(error, message) { closed_or(key, message) { key.identifier_hash(identifier.value) } } unless key.closed?
      return
    end
    right = openssl_hash(secret.bytes, identifier.bytes)
    result = closed_or(key, message) { key.identifier_hash(identifier.value) }
    assert_equal right, result, message unless result == :closed
    claimed = @values.claimed_hash(right)
    expected = claimed.is_a?(String) && claimed.b == right
    result = closed_or(key, message) { key.verify(identifier.value, claimed) }
    assert_equal expected, result, "#{message}, claimed #{claimed.inspect}" unless result == :closed
  end

  def check_key_batch(key, secret, identifiers, message)
    list = identifiers.map(&:value)
    list = list.each_entry.lazy.map { |v| HostileValues.user_code_ran || v } if @random.rand(3).zero?
    bad = identifiers.index { |c| INPUT_ERRORS.key?(c.outcome) }
    empty = identifiers.index { |c| c.outcome == :empty }
    result = closed_or(key, message) { key.identifier_hashes(list) }
  rescue TypeError, ChatwootIdentity::Error => e
    expected_index = bad || empty
    refute_nil expected_index, "#{message}: unexpected #{e.class}: #{e.message}"
    expected_class = bad ? INPUT_ERRORS.fetch(identifiers[bad].outcome) : ChatwootIdentity::EmptyIdentifierError
    assert_instance_of expected_class, e, message
    assert_equal expected_index, e.index, message if e.is_a?(ChatwootIdentity::Error)
  else
    assert_nil bad || empty, "#{message}: no error raised"
    assert_equal identifiers.map { |c| openssl_hash(secret.bytes, c.bytes) }, result, message unless result == :closed
  end
end
