# frozen_string_literal: true

require "sinatra/base"
require_relative "../chatwoot_identity"

module ChatwootIdentity
  # Sinatra helpers: `register ChatwootIdentity::Sinatra`, then `<%= chatwoot_widget %>` in any
  # template. Configure with settings (the HMAC token goes straight into a Widget's Key):
  #
  #   register ChatwootIdentity::Sinatra
  #   set :chatwoot, ChatwootIdentity::Widget.new(base_url: ENV["CHATWOOT_BASE_URL"],
  #         website_token: ENV["CHATWOOT_WEBSITE_TOKEN"], hmac_token: ENV["CHATWOOT_HMAC_TOKEN"])
  #   helpers do # only to change the default mapping (current_user's id, name and email)
  #     def chatwoot_user = current_user && { identifier: current_user.uuid, name: current_user.name }
  #   end
  #
  # (without `set :chatwoot`, the widget is built from those three environment variables;
  # a Hash of name => Widget gives several inboxes: chatwoot_widget(inbox: :shop)).
  # Call chatwoot_reset! where you log out: the next page resets
  # the widget (it needs sessions enabled).
  module Sinatra
    module Helpers
      def chatwoot_widget(inbox: :default, nonce: nil)
        reset = session.delete(:chatwoot_identity_reset) if env["rack.session"]
        chatwoot_inbox(inbox).html(user: chatwoot_user_fields, reset: reset ? true : false, nonce: nonce)
      end

      # The set-user JSON for a single-page app, or nil when nobody is signed in.
      def chatwoot_payload(inbox: :default)
        fields = chatwoot_user_fields
        fields && chatwoot_inbox(inbox).payload(fields)
      end

      def chatwoot_reset!
        session[:chatwoot_identity_reset] = true
      end

      # The signed-in user's fields ({identifier:, name:, ...}) or nil: current_user's id, name
      # and email when the app has a current_user helper. Define chatwoot_user in the app's own
      # helpers to change it.
      def chatwoot_user
        user = respond_to?(:current_user, true) ? current_user : nil
        user && { identifier: user.id, name: (user.name if user.respond_to?(:name)),
                  email: (user.email if user.respond_to?(:email)) }
      end

      def chatwoot_user_fields
        chatwoot_user
      end

      def chatwoot_inbox(name)
        widgets = settings.chatwoot
        return widgets if widgets.is_a?(Widget) && name.to_sym == :default

        widgets.fetch(name.to_sym) { raise ArgumentError, "no Chatwoot inbox #{name.inspect}" }
      end
    end

    def self.registered(app)
      app.helpers Helpers
      unless app.respond_to?(:chatwoot)
        # Built on first use, so a later `set :chatwoot` wins and nothing is read too early.
        app.set :chatwoot, proc {
          @chatwoot_from_env ||= Widget.new(base_url: ENV["CHATWOOT_BASE_URL"], website_token: ENV["CHATWOOT_WEBSITE_TOKEN"],
                                            hmac_token: ENV["CHATWOOT_HMAC_TOKEN"])
        }
      end
    end
  end
end
