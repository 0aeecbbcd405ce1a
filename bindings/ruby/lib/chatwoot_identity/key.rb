# frozen_string_literal: true

require_relative "batch"
require_relative "errors"
require_relative "input"
require_relative "key_handle"
require_relative "native"
require_relative "render"

module ChatwootIdentity
  # An inbox secret prepared once for fast repeated hashing (the library caches its HMAC
  # midstates). Thread-safe, fork-safe and usable from a Signal.trap handler: share one Key.
  # The library wipes and frees it on #close, or when the Key is garbage-collected. It never
  # keeps nor shows the secret.
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

    # Raises TypeError unless secret is a String, EmptySecretError, SecretWhitespaceError or
    # InvalidEncodingError.
    def initialize(secret)
      @handle = KeyHandle.new(Native.key_new(Input.secret(secret)))
    end

    # The identifier_hash of one identifier (String bytes, or an Integer's decimal text).
    def identifier_hash(identifier)
      identifier = Input.identifier(identifier) # user code (#to_str) runs here, before the key is used
      @handle.use { |key| Native.key_identifier_hash(key, identifier) }
    end

    # Whether identifier_hash is exactly this identifier's hash (constant-time, in the library).
    # False for any bad value, including a nil or non-String identifier_hash and text that is
    # not valid in its encoding. Raises only TypeError (wrong identifier type) and KeyClosedError.
    def verify(identifier, identifier_hash)
      identifier = Input.identifier(identifier)
      identifier_hash = Input.identifier_hash(identifier_hash) or return false
      @handle.use { |key| Native.key_verify(key, identifier, identifier_hash) }
    rescue InvalidEncodingError
      false
    end

    # The identifier_hash of each identifier, in order, computed in one library call (other
    # Ruby threads run meanwhile). An empty identifier raises EmptyIdentifierError naming its index.
    def identifier_hashes(identifiers)
      batch = Batch.new(identifiers) # every element is read and copied before the key is used
      return [] if batch.count.zero?

      hashes = @handle.use { |key| Native.key_identifier_hash_batch(key, batch.data, batch.offsets, batch.count) }
      Batch.split(hashes, batch.count)
    end

    # The <script> that signs the user in to Chatwoot's widget: window.$chatwoot.setUser(
    # identifier, { identifier_hash, ...fields }) once the widget is ready. Put it in the page's
    # body. Every value is JSON-escaped for HTML (no field can close the script).
    #
    # identifier: a String (UTF-8 text) or an Integer (emitted as a string of its digits).
    # fields: name, email, avatar_url, phone_number, description, company_name, country_code,
    # city (Strings, nil = not set) and custom_attributes (a Hash of Strings, numbers and
    # booleans), with Symbol or String keys; one of name, email or avatar_url is required.
    # nonce: a CSP nonce (base64 or base64url) for <script nonce="...">, else nil.
    # Returns a String, marked html_safe when ActiveSupport is loaded. Raises TypeError,
    # EmptyIdentifierError, InvalidEncodingError, UnknownFieldError, InvalidFieldValueError,
    # MissingContactFieldError, InvalidNonceError or KeyClosedError.
    def set_user_script(identifier, fields = {}, nonce: nil)
      # user code (#to_str, #to_json) runs here, before the key is used
      identifier = Input.text_identifier(identifier)
      fields = Input.fields_json(fields)
      nonce = Input.nonce(nonce)
      Render.html(@handle.use { |key| Native.key_set_user_script(key, identifier, fields, nonce) })
    end

    # The JSON object { "identifier": ..., "identifier_hash": ..., ...fields } (a String) for a
    # single-page app's endpoint, passed by the page to window.$chatwoot.setUser (the widget's
    # data, not a body for Chatwoot's public client API). Arguments and errors as in
    # #set_user_script, without the nonce.
    def set_user_payload(identifier, fields = {})
      identifier = Input.text_identifier(identifier)
      fields = Input.fields_json(fields)
      @handle.use { |key| Native.key_set_user_payload(key, identifier, fields) }
    end

    # Closes the key: later calls raise KeyClosedError. The native key is wiped and freed now,
    # or, if calls are running in other threads, as soon as the last of them returns. Never
    # blocks (safe in a Signal.trap handler and in a forked child). Idempotent.
    def close
      @handle.close
    end

    def closed?
      @handle.closed?
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

  end
end
