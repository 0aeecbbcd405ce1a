# frozen_string_literal: true

require "rails"
require "action_controller/railtie"
require "action_view/railtie"
require "securerandom"
# What Bundler.require does in a generated app: after Rails, so the gem installs its Railtie.
require "chatwoot_identity"

module ChatwootExample
  class Application < Rails::Application
    config.load_defaults 6.1
    config.root = File.expand_path("..", __dir__)
    config.eager_load = false
    config.logger = ActiveSupport::Logger.new($stderr)
    config.log_level = :warn
    config.secret_key_base = ENV.fetch("SECRET_KEY_BASE") { SecureRandom.hex(64) }
    config.session_store :cookie_store, key: "_chatwoot_example_session"
    config.action_dispatch.cookies_serializer = :json
    config.consider_all_requests_local = false
    # Rails' CSP nonce: content_security_policy_nonce in views, picked up by chatwoot_widget.
    config.content_security_policy_nonce_generator = ->(_request) { SecureRandom.base64(16) }
    config.content_security_policy_nonce_directives = %w[script-src]
  end
end
