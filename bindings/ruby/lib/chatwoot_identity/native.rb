# frozen_string_literal: true

require "fiddle"
require_relative "errors"
require_relative "library"

module ChatwootIdentity
  # The C functions of libchatwoot_identity, called through Fiddle with String buffers.
  # Fiddle pins a String passed as a pointer for the duration of the call, and every output
  # buffer is a fresh, unshared String, so the library only ever writes memory we own.
  # @api private
  module Native
    HANDLE, PATH = Library.open
    HASH_LEN = 64 # CW_HASH_LEN

    PTR = Fiddle::TYPE_VOIDP
    SIZE = Fiddle::TYPE_SIZE_T
    STATUS = Fiddle::TYPE_INT
    BOOL = Fiddle::TYPE_CHAR # C bool: one byte, 0 or 1

    # Short calls keep the GVL (releasing it costs more than the hash); only the batch,
    # which may hash millions of identifiers, lets other Ruby threads run meanwhile.
    def self.function(name, args, ret, need_gvl: true)
      Fiddle::Function.new(HANDLE[name], args, ret, name: name, need_gvl: need_gvl)
    end
    private_class_method :function

    IDENTIFIER_HASH = function("cw_identifier_hash", [PTR, SIZE, PTR, SIZE, PTR, SIZE], STATUS)
    VERIFY = function("cw_verify", [PTR, SIZE, PTR, SIZE, PTR, SIZE], BOOL)
    KEY_NEW = function("cw_key_new", [PTR, SIZE, PTR], STATUS)
    KEY_FREE = function("cw_key_free", [PTR], Fiddle::TYPE_VOID)
    KEY_IDENTIFIER_HASH = function("cw_key_identifier_hash", [PTR, PTR, SIZE, PTR, SIZE], STATUS)
    KEY_VERIFY = function("cw_key_verify", [PTR, PTR, SIZE, PTR, SIZE], BOOL)
    KEY_IDENTIFIER_HASH_BATCH = function("cw_key_identifier_hash_batch",
                                         [PTR, PTR, SIZE, PTR, SIZE, PTR, SIZE], STATUS, need_gvl: false)
    EXPLAIN = function("cw_explain", [PTR, SIZE, PTR, SIZE, PTR, SIZE], Fiddle::TYPE_INT) # enum cw_verdict
    STATUS_MESSAGE = function("cw_status_message", [Fiddle::TYPE_INT32_T], PTR)
    VERDICT_MESSAGE = function("cw_verdict_message", [Fiddle::TYPE_INT32_T], PTR)
    VERDICT_NAME = function("cw_verdict_name", [Fiddle::TYPE_INT32_T], PTR)
    VERSION = function("cw_version", [], PTR)

    module_function

    def identifier_hash(secret, identifier)
      out = new_buffer(HASH_LEN)
      check(IDENTIFIER_HASH.call(secret, secret.bytesize, identifier, identifier.bytesize, out, HASH_LEN))
      out.force_encoding(Encoding::US_ASCII)
    end

    def verify(secret, identifier, identifier_hash)
      VERIFY.call(secret, secret.bytesize, identifier, identifier.bytesize,
                  identifier_hash, identifier_hash.bytesize) != 0
    end

    # A Fiddle::Pointer that calls cw_key_free when it is garbage-collected or #call_free'd.
    def key_new(secret)
      out = [0].pack("J") # receives the cw_key*
      check(KEY_NEW.call(secret, secret.bytesize, out))
      Fiddle::Pointer.new(out.unpack1("J"), 0, KEY_FREE)
    end

    def key_identifier_hash(key, identifier)
      out = new_buffer(HASH_LEN)
      check(KEY_IDENTIFIER_HASH.call(key, identifier, identifier.bytesize, out, HASH_LEN))
      out.force_encoding(Encoding::US_ASCII)
    end

    def key_verify(key, identifier, identifier_hash)
      KEY_VERIFY.call(key, identifier, identifier.bytesize, identifier_hash, identifier_hash.bytesize) != 0
    end

    # data: every identifier's bytes back to back; offsets: count + 1 size_t packed with "J*".
    # Returns one US-ASCII String of count * 64 hex characters.
    def key_identifier_hash_batch(key, data, offsets, count)
      out = new_buffer(count * HASH_LEN)
      check(KEY_IDENTIFIER_HASH_BATCH.call(key, data, data.bytesize, offsets, count, out, out.bytesize))
      out.force_encoding(Encoding::US_ASCII)
    end

    # The cw_verdict code for a hash: not constant-time (a debugging aid, never a login check).
    def explain(secret, identifier, identifier_hash)
      EXPLAIN.call(secret, secret.bytesize, identifier, identifier.bytesize,
                   identifier_hash, identifier_hash.bytesize)
    end

    # The library's static sentences and names (never freed; Fiddle copies them into Strings).
    def verdict_message(verdict)
      VERDICT_MESSAGE.call(verdict).to_s.force_encoding(Encoding::UTF_8)
    end

    def verdict_name(verdict)
      VERDICT_NAME.call(verdict).to_s
    end

    def status_message(status)
      STATUS_MESSAGE.call(status).to_s.force_encoding(Encoding::UTF_8)
    end

    def version
      VERSION.call.to_s
    end

    def check(status)
      raise Error.for_status(status, status_message(status)) unless status.zero?
    end

    # `*` allocates a new, unshared String, so writing into it cannot touch another one.
    def new_buffer(size)
      "\0".b * size
    end
  end
end
