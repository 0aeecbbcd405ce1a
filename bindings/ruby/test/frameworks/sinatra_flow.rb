# frozen_string_literal: true

# The Sinatra helpers inside a small app, driven through Rack with a cookie jar: sign in, another
# page, logout (reset once), a custom chatwoot_user, several inboxes, the payload.
require "minitest/autorun"
require "openssl"
require "rack/mock"
require "json"
require "chatwoot_identity/sinatra"

SECRET = "sinatra-flow-#{rand(10**9)}-secret"

class FlowApp < Sinatra::Base
  register ChatwootIdentity::Sinatra
  enable :sessions
  set :session_secret, "x" * 64
  set :chatwoot, { default: ChatwootIdentity::Widget.new(base_url: "https://c.example", website_token: "w", hmac_token: SECRET),
                   shop: ChatwootIdentity::Widget.new(base_url: "https://c.example", website_token: "w2", hmac_token: "other-token") }
  User = Struct.new(:id, :name, :email)

  helpers do
    def current_user
      session[:id] && User.new(session[:id], "Ada", nil)
    end
  end

  get("/login") { session[:id] = Integer(params[:id]); chatwoot_widget }
  get("/page") { chatwoot_widget }
  get("/shop") { chatwoot_widget(inbox: :shop, nonce: "n0nce") }
  get("/logout") { session.delete(:id); chatwoot_reset!; "bye" }
  get("/payload") { chatwoot_payload || halt(401) }
end

class CustomApp < Sinatra::Base
  register ChatwootIdentity::Sinatra
  set :chatwoot, ChatwootIdentity::Widget.new(base_url: "https://c.example", website_token: "w", hmac_token: SECRET)
  helpers do
    def chatwoot_user = { identifier: "custom-1", email: "c@x" }
  end
  get("/") { chatwoot_widget }
end

class SinatraFlowTest < Minitest::Test
  def setup
    @cookies = {}
  end

  def get(app, path)
    env = Rack::MockRequest.env_for(path, "HTTP_COOKIE" => @cookies.map { |k, v| "#{k}=#{v}" }.join("; "))
    status, headers, body = app.call(env)
    text = +""
    body.each { |part| text << part }
    Array(headers["Set-Cookie"]).flat_map { |c| c.split("\n") }.each do |cookie|
      name, value = cookie.split(";").first.split("=", 2)
      @cookies[name] = value
    end
    [status, text]
  end

  def test_sign_in_page_logout_and_inboxes
    _, html = get(FlowApp, "/login?id=42")
    assert_includes html, OpenSSL::HMAC.hexdigest("SHA256", SECRET, "42")
    assert_includes html, %(var identifier = "42")
    _, html = get(FlowApp, "/page")
    assert_includes html, OpenSSL::HMAC.hexdigest("SHA256", SECRET, "42")
    _, html = get(FlowApp, "/shop")
    assert_includes html, OpenSSL::HMAC.hexdigest("SHA256", "other-token", "42")
    assert_equal 3, html.scan('nonce="n0nce"').size, "loader, run and setUser"
    status, json = get(FlowApp, "/payload")
    assert_equal 200, status
    assert_equal "42", JSON.parse(json)["identifier"]
    get(FlowApp, "/logout")
    _, html = get(FlowApp, "/page")
    assert_includes html, "$chatwoot.reset()"
    refute_includes html, "setUser"
    _, html = get(FlowApp, "/page")
    refute_includes html, "reset()", "the reset is rendered once"
    assert_equal 401, get(FlowApp, "/payload").first
    refute_includes html, SECRET
  end

  def test_a_custom_chatwoot_user
    _, html = get(CustomApp, "/")
    assert_includes html, OpenSSL::HMAC.hexdigest("SHA256", SECRET, "custom-1")
  end
end
