# frozen_string_literal: true

require "fiddle"
require_relative "abi"
require_relative "errors"
require_relative "library"
require_relative "signatures"

module ChatwootIdentity
  # The C functions of libchatwoot_identity (signatures generated in signatures.rb), called
  # with String buffers. Fiddle pins a String passed as a pointer for the duration of the call,
  # and every output buffer is a fresh, unshared String, so the library only ever writes memory
  # we own. Memory the library reads through a struct (explain's candidates) is malloc'd, so no
  # GC can move it.
  # @api private
  module Native
    HANDLE, PATH = Library.open
    HASH_LEN = Abi::HASH_LEN

    # Short calls keep the GVL (releasing it costs more than the hash); only the batch,
    # which may hash millions of identifiers, lets other Ruby threads run meanwhile.
    RELEASES_GVL = %i[cw_key_identifier_hash_batch].freeze
    # Every function of the header, with its generated signature (Library.open has checked
    # that the library exports each one).
    FUNCTIONS = Signatures::FUNCTIONS.to_h do |name, (args, ret)|
      [name, Fiddle::Function.new(HANDLE[name.to_s], args, ret, name: name.to_s,
                                                             need_gvl: !RELEASES_GVL.include?(name))]
    end.freeze

    # Each as a constant named after it without the prefix: cw_key_verify => KEY_VERIFY.
    FUNCTIONS.each { |name, function| const_set(name.to_s.delete_prefix("cw_").upcase, function) }

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

    # [verdict, candidate_kind, candidate_index] for a hash: not constant-time (a debugging aid,
    # never a login check). other_secrets, other_identifiers: Arrays of our own Strings.
    def explain(secret, identifier, identifier_hash, other_secrets, other_identifiers)
      out = new_buffer(EXPLANATION_SIZE)
      with_candidates(other_secrets, other_identifiers) do |candidates|
        check(EXPLAIN.call(secret, secret.bytesize, identifier, identifier.bytesize,
                           identifier_hash, identifier_hash.bytesize, candidates, out))
      end
      out.unpack(EXPLANATION)
    end

    EXPLANATION = Signatures::STRUCTS.fetch(:cw_explanation)
    EXPLANATION_SIZE = [0, 0, 0].pack(EXPLANATION).bytesize
    BYTES_SIZE = [0, 0].pack(Signatures::STRUCTS.fetch(:cw_bytes)).bytesize
    CANDIDATES = Signatures::STRUCTS.fetch(:cw_candidates)

    # Yields a packed cw_candidates (nil when both lists are empty) whose cw_bytes table and
    # bytes sit in one malloc'd block, zeroed (they may be secrets) and freed after the call.
    def with_candidates(secrets, identifiers)
      return yield(nil) if secrets.empty? && identifiers.empty?

      all = secrets + identifiers
      table_size = all.size * BYTES_SIZE
      block = Fiddle::Pointer.malloc([table_size + all.sum(&:bytesize), 1].max, Fiddle::RUBY_FREE)
      begin
        offset = table_size
        table = all.flat_map do |bytes|
          block[offset, bytes.bytesize] = bytes unless bytes.empty?
          entry = [block.to_i + offset, bytes.bytesize]
          offset += bytes.bytesize
          entry
        end
        block[0, table_size] = table.pack("J*")
        yield [block.to_i, secrets.size, block.to_i + secrets.size * BYTES_SIZE, identifiers.size].pack(CANDIDATES)
      ensure
        block[0, block.size] = "\0".b * block.size
        block.call_free
      end
    end

    # The set-user <script> as a UTF-8 String. fields_json: our own JSON text of the fields;
    # nonce: our own String ("" for none).
    def key_set_user_script(key, identifier, fields_json, nonce)
      render do |out, capacity, out_len|
        KEY_SET_USER_SCRIPT.call(key, identifier, identifier.bytesize, fields_json, fields_json.bytesize,
                                 nonce, nonce.bytesize, out, capacity, out_len)
      end
    end

    def key_set_user_payload(key, identifier, fields_json)
      render do |out, capacity, out_len|
        KEY_SET_USER_PAYLOAD.call(key, identifier, identifier.bytesize, fields_json, fields_json.bytesize,
                                  out, capacity, out_len)
      end
    end

    def reset_script(nonce)
      render { |out, capacity, out_len| RESET_SCRIPT.call(nonce, nonce.bytesize, out, capacity, out_len) }
    end

    RENDER_CAPACITY = 1024
    BUFFER_TOO_SMALL = Abi::STATUSES.fetch(:buffer_too_small)

    # The library's required-size protocol: try a buffer, and on BUFFER_TOO_SMALL once more with
    # the capacity it asked for. Yields (out, capacity, out_len) and returns the text.
    def render(capacity = RENDER_CAPACITY)
      out_len = [0].pack("J")
      out = new_buffer(capacity)
      status = yield(out, capacity, out_len)
      if status == BUFFER_TOO_SMALL
        capacity = out_len.unpack1("J")
        out = new_buffer(capacity)
        status = yield(out, capacity, out_len)
      end
      check(status)
      out.byteslice(0, out_len.unpack1("J")).force_encoding(Encoding::UTF_8)
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
