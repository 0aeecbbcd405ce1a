# frozen_string_literal: true

# The Rails integration inside the example app (examples/web/rails), driven through Rack in
# this process with a cookie jar: sign in, change pages, log out (reset), sign in someone else;
# configuration from credentials and the environment; a custom user method and mapping.
# Run by frameworks_test.rb in its own process (Rails changes global state).
require "minitest/autorun"
require "openssl"
require "rack/mock"

ENV["CHATWOOT_BASE_URL"] = "https://chat.example.com"
ENV["CHATWOOT_WEBSITE_TOKEN"] = "site-token"
ENV["CHATWOOT_HMAC_TOKEN"] = SECRET = "rails-flow-#{rand(10**9)}-secret"
ENV["RAILS_ENV"] = "production"

# Warden's hook API as Devise apps have it (Warden itself is not installed here): the Railtie
# registers a before_logout hook, which the test runs with a request's env.
module Warden
  class Manager
    def self.before_logout(&hook)
      (@hooks ||= []) << hook
    end

    def self.hooks
      @hooks || []
    end
  end
end
require_relative "../../../../examples/web/rails/config/environment"

class RailsFlowTest < Minitest::Test
  def setup
    @cookies = {}
  end

  def get(path)
    env = Rack::MockRequest.env_for(path, "HTTP_COOKIE" => @cookies.map { |k, v| "#{k}=#{v}" }.join("; "))
    status, headers, body = Rails.application.call(env)
    text = +""
    body.each { |part| text << part }
    body.close if body.respond_to?(:close)
    Array(headers["Set-Cookie"]).flat_map { |c| c.split("\n") }.each do |cookie|
      name, value = cookie.split(";").first.split("=", 2)
      value.to_s.empty? || cookie.match?(/max-age=0|expires=Thu, 01 Jan 1970/i) ? @cookies.delete(name) : @cookies[name] = value
    end
    [status, headers, text]
  end

  def hash_of(identifier)
    OpenSSL::HMAC.hexdigest("SHA256", SECRET, identifier)
  end

  def test_sign_in_pages_logout_and_a_second_user
    status, _, html = get("/login?identifier=42&identifier_type=integer&name=Ada")
    assert_equal 200, status
    assert_includes html, %(var identifier = "42")
    assert_includes html, hash_of("42")
    assert_includes html, %(window.chatwootSettings = {"locale":"en","position":"right"})
    _, _, html = get("/page")
    assert_includes html, hash_of("42"), "another page signs the session's user in too"
    refute_includes html, "reset()"
    _, _, html = get("/logout")
    assert_includes html, "$chatwoot.reset()"
    refute_includes html, hash_of("42")
    _, _, html = get("/page")
    refute_includes html, "reset()", "the reset is rendered once"
    refute_includes html, "setUser"
    assert_includes html, "chatwootSDK.run"
    _, _, html = get("/login?identifier=bob%40example.com&email=bob%40example.com")
    assert_includes html, hash_of("bob@example.com")
    refute_includes html, SECRET
  end

  def test_csp_nonce_and_payload
    _, headers, html = get("/csp-login?identifier=7&name=N")
    nonce = headers["Content-Security-Policy"][/'nonce-([^']+)'/, 1]
    assert nonce
    assert_equal 4, html.scan(%(nonce="#{nonce}")).size
    status, _, json = get("/payload")
    assert_equal 200, status
    assert_equal hash_of("7"), JSON.parse(json)["identifier_hash"]
    get("/logout")
    assert_equal 401, get("/payload").first
  end

  def test_configuration_never_shows_the_token_and_other_sources_work
    config = ChatwootIdentity::Rails.config
    refute_includes config.inspect, SECRET
    assert_includes config.inspect, "hmac_token=[FILTERED]"
    refute_includes ChatwootIdentity::Rails.widget.inspect, SECRET
    from_credentials = ChatwootIdentity::Rails::Configuration.new.widgets(
      { base_url: "https://c.example", website_token: "w", hmac_token: "t1",
        inboxes: { shop: { website_token: "w2", hmac_token: "t2" } } }, {}
    )
    assert_equal %i[default shop], from_credentials.keys
    assert_includes from_credentials[:shop].html(user: { identifier: "u", name: "n" }), OpenSSL::HMAC.hexdigest("SHA256", "t2", "u")
    assert_includes from_credentials[:shop].html, %("websiteToken":"w2","baseUrl":"https://c.example")
    error = assert_raises(ArgumentError) { ChatwootIdentity::Rails::Configuration.new.widgets({}, {}) }
    assert_match(/base_url is not configured.*CHATWOOT_HMAC_TOKEN/, error.message)
    error = assert_raises(ChatwootIdentity::SecretWhitespaceError) do
      ChatwootIdentity::Rails::Configuration.new.widgets({}, "CHATWOOT_BASE_URL" => "https://c", "CHATWOOT_WEBSITE_TOKEN" => "w",
                                                             "CHATWOOT_HMAC_TOKEN" => "#{SECRET}\n")
    end
    refute_includes error.message, SECRET
  end

  def test_a_warden_logout_resets_the_widget_on_the_next_page
    assert_equal 1, Warden::Manager.hooks.size
    env = Rack::MockRequest.env_for("/logout")
    Warden::Manager.hooks.first.call(nil, Struct.new(:env).new(env), {})
    assert_equal "1", ActionDispatch::Request.new(env).cookie_jar[ChatwootIdentity::Rails::RESET_COOKIE]
  end

  def test_default_mapping_reads_the_usual_attributes
    person = Struct.new(:id, :first_name, :last_name, :email, :phone).new(9, "Ada", "Lovelace", "a@x", "+1")
    assert_equal({ identifier: 9, name: "Ada Lovelace", email: "a@x", avatar_url: nil, phone_number: "+1", company_name: nil },
                 ChatwootIdentity::Rails.default_user_mapping(person))
  end

  def test_a_custom_user_method_and_mapping
    original = ChatwootIdentity::Rails.config.user_mapping
    ChatwootIdentity::Rails.configure do |c|
      c.user_mapping = ->(user) { { identifier: "user-#{user.id}", name: user.name, custom_attributes: { plan: "pro" } } }
    end
    _, _, html = get("/login?identifier=5&identifier_type=integer&name=Z")
    assert_includes html, hash_of("user-5")
    assert_includes html, %("custom_attributes":{"plan":"pro"})
  ensure
    ChatwootIdentity::Rails.configure { |c| c.user_mapping = original }
  end
end
