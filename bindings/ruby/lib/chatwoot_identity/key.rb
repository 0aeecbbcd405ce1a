# frozen_string_literal: true

require_relative "batch"
require_relative "errors"
require_relative "input"
require_relative "native"

module ChatwootIdentity
  # An inbox secret prepared once for fast repeated hashing (the library caches its HMAC
  # midstates). Thread-safe: share one Key between threads. The library wipes and frees it on
  # #close, or when the Key is garbage-collected. It never keeps nor shows the secret.
  #
  #   KEY = ChatwootIdentity::Key.new(ENV.fetch("CHATWOOT_INBOX_HMAC_TOKEN"))
  #   KEY.identifier_hash(user.id)                          # => "1f2e..."
  #   KEY.verify(params[:identifier], params[:identifier_hash]) # => true / false
  class Key
    # Yields a new Key and closes it afterwards, like File.open; returns the block's value.
    def self.open(secret)
      key = new(secret)
      return key unless block_given?

      begin
        yield key
      ensure
        key.close
      end
    end

    # Raises TypeError unless secret is a String, EmptySecretError or SecretWhitespaceError.
    def initialize(secret)
      @handle = Native.key_new(Input.secret(secret))
      @lock = Mutex.new
      @idle = ConditionVariable.new
      @batches = 0 # batch calls running without the GVL; #close waits for them
    end

    # The identifier_hash of one identifier (String bytes, or an Integer's decimal text).
    def identifier_hash(identifier)
      identifier = Input.identifier(identifier)
      # The lock keeps #close from freeing the key between reading the handle and the call.
      @lock.synchronize { Native.key_identifier_hash(live_handle, identifier) }
    end

    # Whether identifier_hash is exactly this identifier's hash (constant-time, in the library).
    # False for any bad value, including a nil or non-String identifier_hash.
    def verify(identifier, identifier_hash)
      identifier = Input.identifier(identifier)
      identifier_hash = Input.identifier_hash(identifier_hash) or return false
      @lock.synchronize { Native.key_verify(live_handle, identifier, identifier_hash) }
    end

    # The identifier_hash of each identifier, in order, computed in one library call (other
    # Ruby threads run meanwhile). An empty identifier raises EmptyIdentifierError naming its index.
    def identifier_hashes(identifiers)
      batch = Batch.new(identifiers)
      return [] if batch.count.zero?

      handle = @lock.synchronize { live_handle.tap { @batches += 1 } }
      begin
        hashes = Native.key_identifier_hash_batch(handle, batch.data, batch.offsets, batch.count)
      ensure
        @lock.synchronize { @idle.broadcast if (@batches -= 1).zero? }
      end
      Batch.split(hashes, batch.count)
    end

    # Wipes and frees the key now (waiting for batches running in other threads). Idempotent;
    # later calls raise ClosedKeyError.
    def close
      @lock.synchronize do
        handle = @handle
        @handle = nil # new calls fail from now on; running batches hold their own reference
        @idle.wait(@lock) while @batches.positive?
        handle&.call_free
      end
      nil
    end

    def closed?
      @handle.nil?
    end

    def inspect
      "#<#{self.class.name}#{" (closed)" if closed?}>"
    end
    alias to_s inspect

    # One Key owns one native key: a copy would free it twice.
    def initialize_copy(_other)
      raise TypeError, "#{self.class.name} cannot be copied; share it (it is thread-safe) or create another"
    end

    def marshal_dump
      raise TypeError, "#{self.class.name} cannot be serialized (it holds the inbox secret)"
    end

    private

    def live_handle
      @handle or raise ClosedKeyError, "this #{self.class.name} was closed: create a new one"
    end
  end
end
