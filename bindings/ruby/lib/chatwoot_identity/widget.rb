# frozen_string_literal: true

require "erb"
require "json"
require_relative "errors"
require_relative "input"
require_relative "key"
require_relative "native"
require_relative "render"

module ChatwootIdentity
  # One Chatwoot website inbox (a widget): its base URL, website token, HMAC token (kept only
  # inside a Key, never as text) and optional window.chatwootSettings. Renders the whole widget
  # for a page: the settings, the SDK loader, the run call and, for a signed-in user, the
  # verified setUser (or, after a logout, the reset). Framework-free; the Rails and Sinatra
  # integrations build on it.
  #
  #   widget = ChatwootIdentity::Widget.new(base_url: "https://chat.example.com",
  #                                         website_token: "abc", hmac_token: ENV["CHATWOOT_HMAC_TOKEN"],
  #                                         settings: { locale: "de", position: "left" })
  #   widget.html(user: { identifier: 42, name: "Ada" }, nonce: csp_nonce)
  class Widget
    # What window.chatwootSettings takes (Chatwoot's SDK reads these at run time).
    SETTINGS = %i[locale position type launcherTitle darkMode hideMessageBubble showPopoutButton
                  showUnreadMessagesDialog useBrowserLanguage baseDomain widgetStyle].freeze
    SETTING_ALIASES = { launcher_title: :launcherTitle, dark_mode: :darkMode, hide_message_bubble: :hideMessageBubble,
                        show_popout_button: :showPopoutButton, show_unread_messages_dialog: :showUnreadMessagesDialog,
                        use_browser_language: :useBrowserLanguage, base_domain: :baseDomain,
                        widget_style: :widgetStyle }.freeze
    # The user Hash keys the renderer takes besides the identifier.
    FIELDS = %i[name email avatar_url phone_number description company_name country_code city
                social_profiles custom_attributes].freeze

    attr_reader :base_url, :website_token, :settings

    def initialize(base_url:, website_token:, hmac_token:, settings: {})
      @base_url = text(base_url, :base_url).chomp("/")
      raise ArgumentError, "base_url must be an http(s) URL, e.g. https://app.chatwoot.com" unless @base_url.match?(%r{\Ahttps?://[^\s"'<>]+\z})

      @website_token = text(website_token, :website_token)
      @settings = checked_settings(settings)
      @key = Key.new(hmac_token) # refuses a missing or padded token here, at configuration
    end

    # The widget's HTML for a page (marked html_safe under Rails). user: nil, or a Hash with
    # :identifier (String or Integer) and the contact fields; reset: render the logout reset
    # (the widget forgets the previous contact) when no user is signed in; nonce: the page's CSP
    # nonce or nil.
    def html(user: nil, reset: false, nonce: nil)
      attribute = nonce ? %( nonce="#{ERB::Util.html_escape(nonce)}") : ""
      config = json_for_script({ websiteToken: @website_token, baseUrl: @base_url })
      parts = []
      parts << "<script#{attribute}>window.chatwootSettings = #{json_for_script(@settings)};</script>" unless @settings.empty?
      parts << %(<script#{attribute} src="#{ERB::Util.html_escape(@base_url)}/packs/js/sdk.js"></script>)
      parts << "<script#{attribute}>window.chatwootSDK.run(#{config});</script>"
      if user
        parts << set_user_script(user, nonce)
      elsif reset
        parts << Native.reset_script(Input.nonce(nonce))
      end
      Render.html(parts.join("\n"))
    end

    # The JSON payload (a String) of a single-page app's endpoint for user (a Hash as for #html).
    def payload(user)
      identifier, fields = split(user)
      @key.set_user_payload(identifier, fields)
    end

    def set_user_script(user, nonce = nil)
      identifier, fields = split(user)
      @key.set_user_script(identifier, fields, nonce: nonce)
    end

    def inspect
      "#<#{self.class.name} #{@base_url} website_token=#{@website_token}>"
    end
    alias to_s inspect

    private

    def split(user)
      raise TypeError, "the user mapping must return a Hash with :identifier, got #{Input.describe(user)}" unless user.is_a?(Hash)

      user = user.transform_keys(&:to_sym)
      identifier = user.fetch(:identifier) { raise ArgumentError, "the user mapping returned no :identifier" }
      unknown = user.keys - FIELDS - [:identifier]
      raise UnknownFieldError, "the user mapping returned unknown keys: #{unknown.join(', ')}" unless unknown.empty?

      [identifier, user.slice(*FIELDS).reject { |_, value| value.nil? || value == "" }]
    end

    def text(value, name)
      string = String.try_convert(value)
      raise ArgumentError, "#{name} is not configured (a non-empty String)" if string.nil? || string.strip.empty?

      string.strip
    end

    def checked_settings(given)
      raise TypeError, "settings must be a Hash, got #{Input.describe(given)}" unless given.is_a?(Hash)

      given.to_h do |name, value|
        key = SETTING_ALIASES.fetch(name.to_sym, name.to_sym)
        raise ArgumentError, "unknown widget setting #{name} (known: #{SETTINGS.join(', ')})" unless SETTINGS.include?(key)

        [key, value]
      end
    end

    # JSON that cannot close a <script> or start an HTML comment inside one.
    def json_for_script(value)
      JSON.generate(value).gsub("<", "\\u003c").gsub(">", "\\u003e").gsub("&", "\\u0026")
                          .gsub("\u2028", "\\u2028").gsub("\u2029", "\\u2029")
    end
  end
end
