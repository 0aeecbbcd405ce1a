# frozen_string_literal: true

require "pp"
require "stringio"
require_relative "test_helper"

# ChatwootIdentity::Key: redaction, lifecycle (close and GC) and sharing between threads.
class KeyTest < Minitest::Test
  include TestSupport

  def test_inspect_never_shows_the_secret
    secret = "very-private-inbox-token"
    key = ChatwootIdentity::Key.new(secret)
    shown = [key.inspect, key.to_s, "#{key}", key.pretty_inspect, PP.pp([key], +"")]
    shown.each do |text|
      refute_includes text, secret
      refute_includes text, secret.unpack1("H*")
      assert_includes text, "ChatwootIdentity::Key"
    end
    assert_equal "#<ChatwootIdentity::Key>", key.inspect
    key.instance_variables.each do |ivar|
      value = key.instance_variable_get(ivar)
      refute_equal secret, value, "the Key keeps no copy of the secret in #{ivar}"
    end
    key.close
    assert_equal "#<ChatwootIdentity::Key (closed)>", key.inspect
  end

  def test_close_is_idempotent_and_later_calls_raise
    key = ChatwootIdentity::Key.new(SECRET)
    refute key.closed?
    assert_nil key.close
    assert key.closed?
    assert_nil key.close
    [-> { key.identifier_hash(IDENTIFIER) }, -> { key.verify(IDENTIFIER, DOCUMENTED_HASH) },
     -> { key.identifier_hashes([IDENTIFIER]) }].each do |call|
      error = assert_raises(ChatwootIdentity::KeyClosedError) { call.call }
      assert_match(/closed/, error.message)
    end
    assert_equal [], key.identifier_hashes([]), "an empty batch needs no key"
  end

  def test_open_closes_after_the_block_even_on_error
    kept = nil
    result = ChatwootIdentity::Key.open(SECRET) { |key| (kept = key).identifier_hash(IDENTIFIER) }
    assert_equal DOCUMENTED_HASH, result
    assert kept.closed?
    assert_raises(RuntimeError) { ChatwootIdentity::Key.open(SECRET) { |key| (kept = key) && raise("boom") } }
    assert kept.closed?
    key = ChatwootIdentity::Key.open(SECRET)
    refute key.closed?, "without a block, open is new"
    key.close
  end

  def test_a_key_cannot_be_copied_or_serialized
    key = ChatwootIdentity::Key.new(SECRET)
    assert_raises(TypeError) { key.dup }
    assert_raises(TypeError) { key.clone }
    error = assert_raises(TypeError) { Marshal.dump(key) }
    refute_includes error.message, SECRET
    assert_equal DOCUMENTED_HASH, key.identifier_hash(IDENTIFIER), "the original still works"
  ensure
    key&.close
  end

  def test_garbage_collection_releases_the_native_key_through_cw_key_free
    key = ChatwootIdentity::Key.new(SECRET)
    handle = key.instance_variable_get(:@handle).instance_variable_get(:@pointer)
    assert_instance_of Fiddle::Pointer, handle
    assert_equal ChatwootIdentity::Native::HANDLE["cw_key_free"], handle.free.to_i
    refute handle.freed?
    key.close
    assert handle.freed?
  end

  def test_many_unclosed_keys_are_collected_without_harm
    5_000.times { |i| ChatwootIdentity::Key.new("#{SECRET}-#{i}").identifier_hash(i) }
    GC.start(full_mark: true, immediate_sweep: true)
    GC.compact if GC.respond_to?(:compact)
    ChatwootIdentity::Key.open(SECRET) { |key| assert_equal DOCUMENTED_HASH, key.identifier_hash(IDENTIFIER) }
  end

  def test_threads_share_one_key
    key = ChatwootIdentity::Key.new(SECRET)
    threads = Array.new(8) do |t|
      Thread.new do
        ids = Array.new(2_000) { |i| "thread-#{t}-user-#{i}" }
        singles = ids.map { |id| key.identifier_hash(id) }
        batch = key.identifier_hashes(ids)
        verified = ids.zip(singles).all? { |id, hash| key.verify(id, hash) }
        [ids, singles, batch, verified]
      end
    end
    threads.each do |thread|
      ids, singles, batch, verified = thread.value
      assert_equal ids.map { |id| openssl_hash(SECRET, id) }, singles
      assert_equal singles, batch
      assert verified
    end
  ensure
    key&.close
  end

  def test_close_while_other_threads_hash_never_crashes
    key = ChatwootIdentity::Key.new(SECRET)
    ids = Array.new(20_000) { |i| "user-#{i}" }
    expected = ids.map { |id| openssl_hash(SECRET, id) }
    started = Queue.new
    workers = Array.new(3) do |t|
      Thread.new do
        rounds = 0
        loop do
          t.zero? ? assert_equal(expected, key.identifier_hashes(ids)) : assert_equal(expected[t], key.identifier_hash(ids[t]))
          rounds += 1
          started << true if rounds == 1
        end
      rescue ChatwootIdentity::KeyClosedError
        rounds
      end
    end
    3.times { started.pop }
    key.close
    assert key.closed?
    workers.each { |worker| assert_operator worker.value, :>=, 1 }
  end
end
