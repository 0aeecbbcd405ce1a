# frozen_string_literal: true

require "timeout"
require_relative "test_helper"

# A Key stays alive for the whole call that uses it, whatever user code, other threads, signal
# handlers or fork do meanwhile: the right hash or KeyClosedError, never a freed key, never a hang.
class KeyLifetimeTest < Minitest::Test
  include TestSupport

  ATTACKER = "attacker-secret"

  # The only two acceptable outcomes of a call racing a close.
  def assert_right_hash_or_closed(expected)
    result = yield
    assert_equal expected, result
  rescue ChatwootIdentity::KeyClosedError => e
    assert_match(/closed/, e.message)
  end

  def test_an_enumerator_that_closes_the_key_mid_batch_gets_key_closed_error
    key = ChatwootIdentity::Key.new(SECRET)
    ids = Enumerator.new do |y|
      y << "user-42"
      key.close
      ChatwootIdentity::Key.new(ATTACKER) # would reuse the freed memory
      GC.start
      y << "user-43"
    end
    assert_raises(ChatwootIdentity::KeyClosedError) { key.identifier_hashes(ids) }
    assert key.closed?
  end

  def test_a_to_str_that_closes_the_key_gets_key_closed_error_in_every_entry_point
    calls = {
      identifier_hash: ->(key, id) { key.identifier_hash(id) },
      verify: ->(key, id) { key.verify(id, openssl_hash(SECRET, "user-42")) },
      verify_hash_argument: ->(key, id) { key.verify("user-42", id) },
      identifier_hashes: ->(key, id) { key.identifier_hashes(["user-1", id]) }
    }
    calls.each do |name, call|
      key = ChatwootIdentity::Key.new(SECRET)
      value = name == :verify_hash_argument ? openssl_hash(SECRET, "user-42") : "user-42"
      closer = Object.new
      closer.define_singleton_method(:to_str) do
        key.close
        ChatwootIdentity::Key.new(ATTACKER)
        value
      end
      assert_raises(ChatwootIdentity::KeyClosedError, name.to_s) { call.call(key, closer) }
    end
  end

  # to_s is never called on an argument (only to_str, before the key is used): such an object
  # is a TypeError, and its to_s never ran.
  def test_an_argument_with_only_to_s_is_a_type_error_and_its_to_s_never_runs
    key = ChatwootIdentity::Key.new(SECRET)
    sneaky = Object.new
    sneaky.define_singleton_method(:to_s) { key.close || "user-42" }
    assert_raises(TypeError) { key.identifier_hash(sneaky) }
    assert_raises(TypeError) { key.verify(sneaky, DOCUMENTED_HASH) }
    assert_raises(TypeError) { key.identifier_hashes([sneaky]) }
    assert_equal false, key.verify("user-42", sneaky)
    refute key.closed?
  ensure
    key&.close
  end

  # A String subclass or singleton method runs no code inside the call and cannot lie about
  # its length (a huge #bytesize would read past the end).
  def test_string_methods_of_the_argument_are_never_called_mid_call
    key = ChatwootIdentity::Key.new(SECRET)
    hostile_class = Class.new(String) do
      define_method(:bytesize) { key.close || (1 << 40) }
      define_method(:to_s) { key.close || "other" }
      define_method(:b) { key.close || "other".b }
    end
    hostile = hostile_class.new("user-42")
    singleton = +"user-42"
    singleton.define_singleton_method(:bytesize) { key.close || 3 }
    expected = openssl_hash(SECRET, "user-42")
    [hostile, singleton].each do |identifier|
      assert_equal expected, key.identifier_hash(identifier)
      assert key.verify(identifier, expected)
      assert_equal [expected, expected], key.identifier_hashes([identifier, identifier])
      assert_equal expected, ChatwootIdentity.identifier_hash(SECRET, identifier)
      assert ChatwootIdentity.verify(SECRET, identifier, expected)
      assert_equal expected, ChatwootIdentity.identifier_hash(hostile_class.new(SECRET), "user-42")
    end
    refute key.closed?
  ensure
    key&.close
  end

  def test_another_thread_closing_mid_call_gives_the_right_hash_or_key_closed_error
    ids = Array.new(20_000) { |i| "user-#{i}" }
    expected = ids.map { |id| openssl_hash(SECRET, id) }
    3.times do |round|
      key = ChatwootIdentity::Key.new(SECRET)
      closer = Thread.new do
        sleep(0.001 * round)
        key.close
        ChatwootIdentity::Key.new(ATTACKER)
      end
      4.times do
        assert_right_hash_or_closed(expected) { key.identifier_hashes(ids) }
        assert_right_hash_or_closed(expected[7]) { key.identifier_hash(ids[7]) }
        assert_right_hash_or_closed(true) { key.verify(ids[9], expected[9]) }
      end
      closer.join
      assert_raises(ChatwootIdentity::KeyClosedError) { key.identifier_hash(ids[0]) }
    end
  end

  def test_close_never_waits_and_a_running_batch_still_finishes_right
    key = ChatwootIdentity::Key.new(SECRET)
    handle = key.instance_variable_get(:@handle)
    pointer = handle.instance_variable_get(:@pointer)
    ids = Array.new(200_000) { |i| "user-#{i}" }
    # On a loaded machine a batch may finish before this thread looks: start another until one
    # is seen running (no fixed time to wait for).
    batch = nil
    Timeout.timeout(300) do
      loop do
        batch = Thread.new { key.identifier_hashes(ids) }
        Thread.pass while handle.instance_variable_get(:@uses).empty? && batch.alive?
        break unless handle.instance_variable_get(:@uses).empty?

        batch.join
      end
    end
    key.close # returns at once; the running batch keeps the native key alive
    assert key.closed?
    assert_raises(ChatwootIdentity::KeyClosedError) { key.identifier_hash(ids[0]) }
    hashes = batch.value
    assert_equal openssl_hash(SECRET, ids.last), hashes.last
    assert_equal openssl_hash(SECRET, ids.first), hashes.first
    assert pointer.freed?, "the last call frees the closed key"
  end

  # In the child of a fork, only the forking thread exists: a batch that another thread was
  # running at fork time must not keep the child's close waiting (it used to hang forever).
  def test_close_returns_in_a_forked_child_while_another_thread_was_mid_batch
    key = ChatwootIdentity::Key.new(SECRET)
    ids = Array.new(100_000) { |i| "user-#{i}" }
    expected_last = openssl_hash(SECRET, ids.last)
    stop = false
    worker = Thread.new do
      rounds = 0
      until stop
        assert_equal expected_last, key.identifier_hashes(ids).last
        rounds += 1
      end
      rounds
    end
    5.times do
      sleep 0.02
      reader, writer = IO.pipe
      pid = fork do
        reader.close
        status = begin
          Timeout.timeout(60) do
            key.close
            pointer = key.instance_variable_get(:@handle).instance_variable_get(:@pointer)
            writer.write(pointer.freed? ? "freed" : "not freed")
          end
          0
        rescue Exception => e # rubocop:disable Lint/RescueException -- report anything, even fatal
          writer.write("#{e.class}: #{e.message}")
          1
        end
        writer.close
        exit!(status)
      end
      writer.close
      report = Timeout.timeout(120) { reader.read }
      _, status = Process.wait2(pid)
      reader.close
      assert status.success?, "the child's close: #{report}"
      assert_equal "freed", report
    end
    stop = true
    assert_operator worker.value, :>=, 1
    assert_equal openssl_hash(SECRET, "after-fork"), key.identifier_hash("after-fork"), "the parent's key is untouched"
  ensure
    stop = true
    worker&.join
    key&.close
  end

  def with_trap(signal, handler)
    previous = Signal.trap(signal, &handler)
    yield
  ensure
    Signal.trap(signal, previous || "DEFAULT")
  end

  # Calls from a Signal.trap handler used to raise ThreadError (Mutex#lock in trap context).
  def test_every_key_method_works_inside_a_trap_handler
    key = ChatwootIdentity::Key.new(SECRET)
    results = Queue.new
    handler = lambda do |_|
      results << key.identifier_hash(IDENTIFIER)
      results << key.verify(IDENTIFIER, DOCUMENTED_HASH)
      results << key.verify(IDENTIFIER, DOCUMENTED_HASH.upcase)
      results << key.identifier_hashes([IDENTIFIER, 42])
      ChatwootIdentity::Key.open(SECRET) { |other| results << other.identifier_hash(IDENTIFIER) }
      key.close
      results << key.closed?
      results << key.verify(IDENTIFIER, DOCUMENTED_HASH)
    rescue Exception => e # rubocop:disable Lint/RescueException -- the test reports it
      results << e
    end
    with_trap("USR2", handler) do
      Process.kill("USR2", Process.pid)
      got = Array.new(6) { Timeout.timeout(60) { results.pop } }
      got.each { |value| raise value if value.is_a?(Exception) }
      assert_equal [DOCUMENTED_HASH, true, false, [DOCUMENTED_HASH, openssl_hash(SECRET, "42")], DOCUMENTED_HASH, true],
                   got.first(6)
      assert_instance_of ChatwootIdentity::KeyClosedError, Timeout.timeout(60) { results.pop }
    end
  end

  # A trap handler that hashes (or closes the key) between the steps of a call on the same
  # thread: both get their own right answer.
  def test_a_trap_handler_hashing_mid_call_gives_right_results_for_both
    key = ChatwootIdentity::Key.new(SECRET)
    inner = []
    # The handler never nests: a signal arriving while it runs is skipped (MRI already masks
    # trap interrupts inside a handler; the guard keeps the test right without relying on it),
    # and the deepest nesting seen is asserted below.
    depth = 0
    deepest = 0
    handler = lambda do |_|
      next unless depth.zero?

      depth += 1
      deepest = [deepest, depth].max
      begin
        id = "handler-#{inner.size}"
        inner << [id, key.identifier_hash(id), ChatwootIdentity.identifier_hash(ATTACKER, id),
                  key.identifier_hashes([id]).first, key.verify(id, openssl_hash(SECRET, id)),
                  JSON.parse(key.set_user_payload(id, { name: id }))["identifier_hash"]]
      ensure
        depth -= 1
      end
    end
    with_trap("USR2", handler) do
      pid = Process.pid
      ticker = Thread.new { loop { Process.kill("USR2", pid) && sleep(0.0002) } }
      outer = 0
      deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + 0.7
      while Process.clock_gettime(Process::CLOCK_MONOTONIC) < deadline || inner.size < 50
        id = "outer-#{outer += 1}"
        expected = openssl_hash(SECRET, id)
        assert_equal expected, key.identifier_hash(id)
        assert_equal openssl_hash(ATTACKER, id), ChatwootIdentity.identifier_hash(ATTACKER, id)
        assert_equal [expected, expected], key.identifier_hashes([id, id])
        assert key.verify(id, expected)
        refute key.verify(id, openssl_hash(ATTACKER, id))
        assert_includes key.set_user_script(id, { name: id }), expected
      end
    ensure
      ticker&.kill&.join
    end
    assert_operator inner.size, :>=, 50
    assert_equal 1, deepest
    inner.each do |id, keyed, one_shot, batched, verified, rendered|
      assert_equal keyed, rendered
      assert_equal openssl_hash(SECRET, id), keyed
      assert_equal openssl_hash(ATTACKER, id), one_shot
      assert_equal keyed, batched
      assert verified
    end
  ensure
    key&.close
  end

  def test_a_trap_handler_closing_the_key_mid_call_gives_the_right_hash_or_key_closed_error
    ids = Array.new(300) { |i| "user-#{i}" }
    expected = ids.map { |id| openssl_hash(SECRET, id) }
    key = nil
    handler = lambda do |_|
      key.close
      ChatwootIdentity::Key.new(ATTACKER)
    end
    with_trap("USR2", handler) do
      20.times do |round|
        key = ChatwootIdentity::Key.new(SECRET)
        pointer = key.instance_variable_get(:@handle).instance_variable_get(:@pointer)
        Thread.new { sleep(0.0002 * round) && Process.kill("USR2", Process.pid) }
        i = 0
        until key.closed?
          assert_right_hash_or_closed(expected[i % 300]) { key.identifier_hash(ids[i % 300]) }
          assert_right_hash_or_closed(expected) { key.identifier_hashes(ids) }
          assert_right_hash_or_closed(expected[i % 300]) { JSON.parse(key.set_user_payload(ids[i % 300], { name: "n" }))["identifier_hash"] }
          i += 1
        end
        assert pointer.freed?
      end
    end
  end
end
