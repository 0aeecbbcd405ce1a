# frozen_string_literal: true

require_relative "errors"

module ChatwootIdentity
  # Owns one native key and keeps it alive while calls use it, without a Mutex: Mutex#lock
  # raises in a Signal.trap handler, and a lock or a wait would deadlock a handler that
  # interrupts a call on its own thread. Instead each thread counts its calls in progress, and
  # the native key is freed by #close, or by the last call still running when #close came.
  #
  # Why this is safe under the GVL: a caller registers its use, then checks that the key is
  # still open; #close marks the key closed, then frees only if no use is registered. So a call
  # either sees the key closed (and never touches the pointer) or is seen by #close.
  # A trap handler running between two steps of its own thread's update leaves the count as it
  # found it (its uses are balanced), so a per-thread read-modify-write stays exact.
  # Threads that no longer exist hold nothing: in a forked child only the forking thread lives
  # on, so calls that were running in other threads at fork time never delay #close there.
  # @api private
  class KeyHandle
    # pointer: a Fiddle::Pointer whose free function is cw_key_free (also run by the GC).
    def initialize(pointer)
      @pointer = pointer
      @closed = false
      @uses = {}.compare_by_identity # Thread => calls in progress on that thread
    end

    # Yields the native pointer, which stays valid until the block returns.
    def use
      thread = Thread.current
      @uses[thread] = @uses.fetch(thread, 0) + 1
      begin
        raise KeyClosedError, "this Key was closed: create a new one" if @closed

        yield @pointer
      ensure
        count = @uses.fetch(thread) - 1
        count.zero? ? @uses.delete(thread) : @uses[thread] = count
        free_if_unused if @closed
      end
    end

    # Idempotent, never blocks: frees now, or when the last running call returns.
    def close
      @closed = true
      free_if_unused
      nil
    end

    def closed?
      @closed
    end

    # The native key has been freed (not only closed).
    def freed?
      @pointer.freed?
    end

    private

    def free_if_unused
      # keys is a snapshot: a trap handler may update @uses while we look.
      @uses.keys.each { |thread| @uses.delete(thread) unless thread.alive? }
      @pointer.call_free if @uses.empty? # call_free is idempotent
    end
  end
end
