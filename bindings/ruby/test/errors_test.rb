# frozen_string_literal: true

require_relative "test_helper"

# Typed errors: one hierarchy under ChatwootIdentity::Error < ArgumentError, the library's own
# messages, TypeError for wrong types, and never a secret in a message.
class ErrorsTest < Minitest::Test
  include TestSupport

  def test_hierarchy
    ERROR_CLASSES.each_value do |klass|
      assert_operator klass, :<, ChatwootIdentity::Error
    end
    assert_operator ChatwootIdentity::KeyClosedError, :<, ChatwootIdentity::Error
    assert_operator ChatwootIdentity::InvalidEncodingError, :<, ChatwootIdentity::Error
    assert_operator ChatwootIdentity::Error, :<, ArgumentError
  end

  def test_errors_carry_the_library_message_and_status
    cases = {
      ["", IDENTIFIER] => [ChatwootIdentity::EmptySecretError, -2],
      ["#{SECRET}\n", IDENTIFIER] => [ChatwootIdentity::SecretWhitespaceError, -3],
      [" #{SECRET}", IDENTIFIER] => [ChatwootIdentity::SecretWhitespaceError, -3],
      [SECRET, ""] => [ChatwootIdentity::EmptyIdentifierError, -4]
    }
    cases.each do |(secret, identifier), (klass, status)|
      error = assert_raises(klass) { ChatwootIdentity.identifier_hash(secret, identifier) }
      assert_equal status, error.status
      assert_nil error.index
      assert_equal ChatwootIdentity::Native.status_message(status), error.message
      refute_empty error.message
    end
  end

  def test_status_messages_come_from_the_library
    assert_match(/secret is empty/, ChatwootIdentity::Native.status_message(-2))
    assert_match(/whitespace/, ChatwootIdentity::Native.status_message(-3))
    assert_match(/identifier is empty/, ChatwootIdentity::Native.status_message(-4))
    assert_equal Encoding::UTF_8, ChatwootIdentity::Native.status_message(-4).encoding
  end

  def test_every_generated_status_has_its_class
    ChatwootIdentity::Abi::STATUSES.each do |name, code|
      next if code.zero?

      error = ChatwootIdentity::Error.for_status(code, ChatwootIdentity::Native.status_message(code))
      assert_instance_of ERROR_CLASSES.fetch(name.to_s.upcase), error, name
      assert_equal name.to_s.upcase.to_sym, error.status_name
      refute_match(/unknown/, error.message, name)
    end
    assert_equal ChatwootIdentity::Abi::STATUSES.keys.map { |n| n.to_s.upcase } - ["OK"], ERROR_CLASSES.keys
  end

  def test_key_closed_error_is_its_own_class_without_a_status
    key = ChatwootIdentity::Key.new(SECRET)
    key.close
    error = assert_raises(ChatwootIdentity::KeyClosedError) { key.identifier_hash(IDENTIFIER) }
    assert_nil error.status
    refute_includes ERROR_CLASSES.values, ChatwootIdentity::KeyClosedError
    refute ChatwootIdentity.const_defined?(:ClosedKeyError), "one name for a closed key"
  end

  def test_unknown_status_is_a_plain_error
    error = ChatwootIdentity::Error.for_status(-99, "unknown")
    assert_instance_of ChatwootIdentity::Error, error
    assert_nil error.status_name
  end

  def test_key_constructor_raises_typed_errors
    assert_raises(ChatwootIdentity::EmptySecretError) { ChatwootIdentity::Key.new("") }
    assert_raises(ChatwootIdentity::SecretWhitespaceError) { ChatwootIdentity::Key.new("#{SECRET}\r\n") }
    assert_raises(ChatwootIdentity::SecretWhitespaceError) { ChatwootIdentity::Key.new("\t#{SECRET}") }
  end

  def test_wrong_identifier_types_raise_type_error_saying_what_to_pass
    [nil, 1.0, :user, [1], { id: 1 }, Object.new].each do |bad|
      error = assert_raises(TypeError, bad.inspect) { ChatwootIdentity.identifier_hash(SECRET, bad) }
      assert_match(/\Aidentifier must be a String or an Integer, got /, error.message)
      error = assert_raises(TypeError, bad.inspect) { ChatwootIdentity.verify(SECRET, bad, DOCUMENTED_HASH) }
      assert_match(/\Aidentifier must be a String or an Integer, got /, error.message)
      ChatwootIdentity::Key.open(SECRET) do |key|
        assert_raises(TypeError) { key.identifier_hash(bad) }
        assert_raises(TypeError) { key.verify(bad, DOCUMENTED_HASH) }
      end
    end
    assert_match(/got Float \(a Float is ambiguous/, assert_raises(TypeError) { ChatwootIdentity.identifier_hash(SECRET, 1.0) }.message)
    assert_match(/got nil\z/, assert_raises(TypeError) { ChatwootIdentity.identifier_hash(SECRET, nil) }.message)
  end

  def test_wrong_secret_types_raise_type_error
    [nil, 123, :secret].each do |bad|
      error = assert_raises(TypeError) { ChatwootIdentity.identifier_hash(bad, IDENTIFIER) }
      assert_match(/\Asecret must be a String \(the inbox's HMAC token\), got /, error.message)
      assert_raises(TypeError) { ChatwootIdentity.verify(bad, IDENTIFIER, DOCUMENTED_HASH) }
      assert_raises(TypeError) { ChatwootIdentity::Key.new(bad) }
    end
  end

  def test_objects_convertible_to_string_are_accepted
    token = Object.new
    token.define_singleton_method(:to_str) { SECRET }
    assert_equal DOCUMENTED_HASH, ChatwootIdentity.identifier_hash(token, IDENTIFIER)
  end

  def test_verify_fails_closed_on_bad_hashes
    bad_hashes = [nil, 42, "", DOCUMENTED_HASH.upcase, "#{DOCUMENTED_HASH}\n", " #{DOCUMENTED_HASH}",
                  "#{DOCUMENTED_HASH}\0", DOCUMENTED_HASH[0, 63], "#{DOCUMENTED_HASH}0", :sym, "\0" * 64,
                  "\t#{DOCUMENTED_HASH} "]
    ChatwootIdentity::Key.open(SECRET) do |key|
      bad_hashes.each do |bad|
        refute ChatwootIdentity.verify(SECRET, IDENTIFIER, bad), bad.inspect
        refute key.verify(IDENTIFIER, bad), bad.inspect
      end
      assert key.verify(IDENTIFIER, DOCUMENTED_HASH.encode(Encoding::UTF_8))
    end
    refute ChatwootIdentity.verify("", IDENTIFIER, DOCUMENTED_HASH)
    refute ChatwootIdentity.verify("#{SECRET}\n", IDENTIFIER, DOCUMENTED_HASH)
    refute ChatwootIdentity.verify(SECRET, "", DOCUMENTED_HASH)
  end

  def test_no_message_ever_contains_the_secret
    secret = "s3cr3t-#{rand(10**9)}-token"
    messages = []
    messages << assert_raises(ChatwootIdentity::SecretWhitespaceError) { ChatwootIdentity.identifier_hash("#{secret} ", "x") }.message
    messages << assert_raises(ChatwootIdentity::EmptyIdentifierError) { ChatwootIdentity.identifier_hash(secret, "") }.message
    messages << assert_raises(TypeError) { ChatwootIdentity.identifier_hash(secret, nil) }.message
    messages << assert_raises(TypeError) { ChatwootIdentity.identifier_hash(secret.to_sym, "x") }.message
    ChatwootIdentity::Key.open(secret) do |key|
      messages << assert_raises(ChatwootIdentity::EmptyIdentifierError) { key.identifier_hashes(["x", ""]) }.message
      messages << assert_raises(TypeError) { key.identifier_hashes([secret.to_sym]) }.message
    end
    messages.each { |message| refute_includes message, secret }
  end
end
