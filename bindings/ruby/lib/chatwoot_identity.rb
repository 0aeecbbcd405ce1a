# frozen_string_literal: true

require_relative "chatwoot_identity/version"
require_relative "chatwoot_identity/errors"
require_relative "chatwoot_identity/input"
require_relative "chatwoot_identity/native"
require_relative "chatwoot_identity/key"
require_relative "chatwoot_identity/render"
require_relative "chatwoot_identity/verdict"
require_relative "chatwoot_identity/widget"

# Chatwoot identity validation through libchatwoot_identity:
# identifier_hash = lowercase hex HMAC-SHA256(key = the inbox's secret, message = the identifier),
# exactly what Chatwoot's server recomputes for the web widget's setUser.
#
#   ChatwootIdentity.identifier_hash("your-secret-token-for-hmac", "unique-identifier-of-the-user")
#   # => "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
#
# Strings are hashed as their bytes in their own encoding (like OpenSSL::HMAC); a text String
# that is invalid in its encoding raises InvalidEncodingError (binary Strings are bytes);
# Integers as their decimal text (`to_s`, as Chatwoot's server does). Anything else raises TypeError.
#
# For the page: Key#set_user_script renders the widget's setUser call, Key#set_user_payload the
# JSON for a single-page app, ChatwootIdentity.reset_script the logout call.
module ChatwootIdentity
  module_function

  # The identifier_hash of identifier under secret. Raises TypeError for wrong types, and
  # EmptySecretError, SecretWhitespaceError, EmptyIdentifierError or InvalidEncodingError
  # (all ChatwootIdentity::Error).
  def identifier_hash(secret, identifier)
    Native.identifier_hash(Input.secret(secret), Input.identifier(identifier))
  end

  # Whether identifier_hash is exactly identifier's hash under secret, compared in constant time
  # by the library. False for every bad value (empty or padded secret, empty identifier, nil,
  # uppercase or wrong-length hash, text invalid in its encoding); TypeError only when secret or
  # identifier has a wrong type.
  def verify(secret, identifier, identifier_hash)
    secret = Input.secret(secret)
    identifier = Input.identifier(identifier)
    identifier_hash = Input.identifier_hash(identifier_hash) or return false
    Native.verify(secret, identifier, identifier_hash)
  rescue InvalidEncodingError
    false
  end

  # Why identifier_hash does or does not match identifier under secret: a Verdict naming the
  # most likely mistake (:uppercase_hex, :padded_secret, :js_rounded_number, ...) with the
  # library's message. A debugging aid for logs and support, NOT constant-time: decide a login
  # with #verify only. identifier_hash may be hex text or raw bytes (a 32-byte digest gives
  # :raw_digest). other_secrets (the token before a rotation, another inbox's token) and
  # other_identifiers (the user's email when the identifier is the id, or the reverse) are
  # tried last: when one reproduces the hash the verdict is :other_candidate, with
  # candidate_kind (:secret / :identifier) and candidate_index. A secret with whitespace
  # around it is the verdict :secret_whitespace; an empty (or only-whitespace) secret raises
  # EmptySecretError, an empty identifier EmptyIdentifierError, wrong types TypeError.
  def explain(secret, identifier, identifier_hash, other_secrets: [], other_identifiers: [])
    secret = Input.secret(secret)
    identifier = Input.identifier(identifier)
    identifier_hash = Input.hash_to_explain(identifier_hash)
    other_secrets = Input.candidates(other_secrets, :other_secrets)
    other_identifiers = Input.candidates(other_identifiers, :other_identifiers)
    code, kind, index = Native.explain(secret, identifier, identifier_hash, other_secrets, other_identifiers)
    Verdict.new(code, Native.verdict_message(code), candidate_kind: kind, candidate_index: index)
  end

  # The logout <script>: window.$chatwoot.reset() once the widget is ready, so the next visitor
  # on this browser does not inherit the signed-in contact. nonce: a CSP nonce (base64 or
  # base64url) for <script nonce="...">, else nil. Marked html_safe when ActiveSupport is loaded.
  def reset_script(nonce: nil)
    Render.html(Native.reset_script(Input.nonce(nonce)))
  end

  # The version of the loaded libchatwoot_identity, e.g. "0.1.0".
  def library_version
    Native.version
  end

  # Where libchatwoot_identity was loaded from.
  def library_path
    Native::PATH
  end
end

# Rails apps get the Railtie (view helper chatwoot_widget, controller helpers) when Rails is
# loaded before this gem, as Bundler.require does; others can require "chatwoot_identity/rails".
require_relative "chatwoot_identity/rails" if defined?(::Rails::Railtie)
