# frozen_string_literal: true

require "rails/railtie"
require_relative "widget"
# `require "chatwoot_identity/rails"` alone loads the whole gem too.
require_relative "../chatwoot_identity" unless defined?(ChatwootIdentity.identifier_hash)

module ChatwootIdentity
  # Rails integration: a Railtie (loaded by `require "chatwoot_identity"` when Rails is present)
  # that gives every view `<%= chatwoot_widget %>` and every controller `chatwoot_payload` and
  # `chatwoot_reset!`. Configure once, in config/initializers/chatwoot.rb:
  #
  #   ChatwootIdentity::Rails.configure do |c|
  #     c.base_url = "https://app.chatwoot.com"
  #     c.website_token = ENV.fetch("CHATWOOT_WEBSITE_TOKEN")
  #     c.hmac_token = ENV.fetch("CHATWOOT_HMAC_TOKEN")           # kept only inside a Key
  #     c.settings = { locale: "de", position: "left" }          # window.chatwootSettings
  #     c.user_method = :current_user                           # the default
  #     c.user_mapping = ->(user) { { identifier: user.id, name: user.name, email: user.email } }
  #     c.inbox(:shop, base_url: "...", website_token: "...", hmac_token: "...")  # more widgets
  #   end
  #
  # or nothing at all: `rails credentials:edit` with a `chatwoot:` entry (base_url,
  # website_token, hmac_token, settings, inboxes: { shop: {...} }), else the environment's
  # CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN and CHATWOOT_HMAC_TOKEN.
  module Rails
    # Set on logout, read (and removed) by the next page's chatwoot_widget.
    RESET_COOKIE = :chatwoot_identity_reset

    # The settings of ChatwootIdentity::Rails.configure. Never shows a token.
    class Configuration
      attr_accessor :base_url, :website_token, :settings, :user_method, :user_mapping

      def initialize
        @settings = {}
        @user_method = :current_user
        @user_mapping = Rails.method(:default_user_mapping)
        @inboxes = {}
        @hmac_token = nil
      end

      # The default inbox's HMAC token (Settings > Inboxes > Configuration > Identity validation).
      def hmac_token=(token)
        @hmac_token = token.nil? ? nil : -> { token } # kept out of inspect and instance_variables' values
      end

      # Another widget: chatwoot_widget(inbox: name). Takes base_url, website_token,
      # hmac_token and settings; base_url defaults to the default inbox's.
      def inbox(name, **options)
        @inboxes[name.to_sym] = options
      end

      def inspect
        "#<#{self.class.name} base_url=#{@base_url.inspect} website_token=#{@website_token.inspect} " \
          "hmac_token=#{@hmac_token ? '[FILTERED]' : 'nil'} inboxes=#{@inboxes.keys.inspect} user_method=#{@user_method.inspect}>"
      end
      alias to_s inspect

      # name => Widget, from this configuration, else credentials, else the environment.
      # @api private
      def widgets(credentials, env)
        credentials = (credentials || {}).to_h.transform_keys(&:to_sym)
        default = {
          base_url: @base_url || credentials[:base_url] || env["CHATWOOT_BASE_URL"],
          website_token: @website_token || credentials[:website_token] || env["CHATWOOT_WEBSITE_TOKEN"],
          hmac_token: @hmac_token&.call || credentials[:hmac_token] || env["CHATWOOT_HMAC_TOKEN"],
          settings: @settings.empty? ? (credentials[:settings] || {}).to_h : @settings
        }
        others = (credentials[:inboxes] || {}).to_h.transform_keys(&:to_sym)
                                            .transform_values { |o| o.to_h.transform_keys(&:to_sym) }.merge(@inboxes)
        widgets = { default: Widget.new(**default) }
        others.each do |name, options|
          widgets[name] = Widget.new(**{ base_url: default[:base_url], settings: {} }.merge(options.slice(:base_url, :website_token, :hmac_token, :settings)))
        end
        widgets
      rescue ArgumentError, TypeError => e
        raise e.class, "chatwoot_identity: the Chatwoot configuration is incomplete or wrong: #{e.message} " \
                       "(set it in config/initializers with ChatwootIdentity::Rails.configure, in the credentials' " \
                       "chatwoot: entry, or in CHATWOOT_BASE_URL / CHATWOOT_WEBSITE_TOKEN / CHATWOOT_HMAC_TOKEN)"
      end
    end

    class << self
      def config
        @config ||= Configuration.new
      end

      def configure
        yield config
        @widgets = nil
      end

      # The configured widgets (built once, on first use, after every initializer ran).
      def widgets
        @widgets ||= config.widgets(app_credentials, ENV)
      end

      def widget(name = :default)
        widgets.fetch(name.to_sym) { raise ArgumentError, "no Chatwoot inbox #{name.inspect} (configured: #{widgets.keys.join(', ')})" }
      end

      # Forget the built widgets (tests; after changing the configuration at run time).
      def reset!
        @widgets = nil
      end

      # id (integer ids become strings in the page), name, email, avatar_url, phone_number and
      # company_name, from whichever of the usual attributes the user model has.
      def default_user_mapping(user)
        pick = lambda do |*names|
          names.each do |name|
            value = user.public_send(name) if user.respond_to?(name)
            return value if present?(value)
          end
          nil
        end
        full = [pick.call(:first_name), pick.call(:last_name)].compact.join(" ")
        { identifier: user.id, name: pick.call(:name, :full_name, :display_name) || (full.empty? ? nil : full),
          email: pick.call(:email), avatar_url: pick.call(:avatar_url),
          phone_number: pick.call(:phone_number, :phone), company_name: pick.call(:company_name) }
      end

      private

      def present?(value)
        !value.nil? && !(value.respond_to?(:empty?) && value.empty?)
      end

      def app_credentials
        ::Rails.application&.credentials&.chatwoot
      rescue StandardError
        nil
      end
    end

    # Mixed into every controller (and exposed to views as helpers).
    module Controller
      # The signed-in user through config.user_method, or nil.
      def chatwoot_user
        method = ChatwootIdentity::Rails.config.user_method
        respond_to?(method, true) ? send(method) : nil
      end

      # The user's mapped fields ({identifier:, name:, ...}), or nil when nobody is signed in.
      def chatwoot_user_fields
        user = chatwoot_user
        user && ChatwootIdentity::Rails.config.user_mapping.call(user)
      end

      # The set-user JSON for a single-page app (a String; nil when nobody is signed in):
      #   def chatwoot = render(json: chatwoot_payload || {}, status: chatwoot_payload ? 200 : 401)
      def chatwoot_payload(inbox: :default)
        fields = chatwoot_user_fields
        fields && ChatwootIdentity::Rails.widget(inbox).payload(fields)
      end

      # Makes the next page's chatwoot_widget reset the widget (call it where you log out;
      # reset_session and Devise's sign_out call it already).
      def chatwoot_reset!
        cookies[RESET_COOKIE] = { value: "1", httponly: true, same_site: :lax }
      end

      # Rails' own logout: a new session, and the widget forgets the contact on the next page.
      def reset_session
        super
        chatwoot_reset!
      end
    end

    # View helpers.
    module Helper
      # The whole widget: settings, loader, run call and the verified setUser for the signed-in
      # user (or the reset after a logout), with the page's CSP nonce when the app has a nonce
      # generator. inbox: a name given to c.inbox; user: a user model to use instead of
      # config.user_method's.
      def chatwoot_widget(inbox: :default, user: nil, nonce: nil)
        fields = user ? ChatwootIdentity::Rails.config.user_mapping.call(user) : controller.chatwoot_user_fields
        reset = cookies[RESET_COOKIE].present?
        cookies.delete(RESET_COOKIE) if reset
        nonce ||= content_security_policy_nonce if respond_to?(:content_security_policy_nonce)
        ChatwootIdentity::Rails.widget(inbox).html(user: fields, reset: reset, nonce: nonce)
      end
    end

    class Railtie < ::Rails::Railtie
      initializer "chatwoot_identity.helpers" do
        ActiveSupport.on_load(:action_controller) do
          include ChatwootIdentity::Rails::Controller
          helper_method :chatwoot_user_fields, :chatwoot_payload if respond_to?(:helper_method)
        end
        ActiveSupport.on_load(:action_view) { include ChatwootIdentity::Rails::Helper }
      end

      # Devise and other Warden apps: sign_out resets the widget on the next page.
      initializer "chatwoot_identity.warden" do
        if defined?(::Warden::Manager)
          ::Warden::Manager.before_logout do |_user, auth, _opts|
            # The request's own cookie jar (kept in the Rack env), which the response writes out.
            ActionDispatch::Request.new(auth.env).cookie_jar[RESET_COOKIE] = { value: "1", httponly: true, same_site: :lax }
          end
        end
      end
    end
  end
end
