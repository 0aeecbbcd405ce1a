# frozen_string_literal: true

# The Sinatra example (tests/e2e/README.md's contract): the user signs in through the session,
# every page's layout carries <%= chatwoot_widget %>, /logout resets the widget.
require "sinatra/base"
require "securerandom"
require "rack/handler/webrick"
require "chatwoot_identity/sinatra"

class ExampleApp < Sinatra::Base
  register ChatwootIdentity::Sinatra
  set :chatwoot, ChatwootIdentity::Widget.new(base_url: ENV.fetch("CHATWOOT_BASE_URL"),
                                              website_token: ENV.fetch("CHATWOOT_WEBSITE_TOKEN"),
                                              hmac_token: ENV.fetch("CHATWOOT_HMAC_TOKEN"))
  use Rack::Session::Cookie, key: "example.session", secret: SecureRandom.hex(64), same_site: :lax
  set :logging, false

  User = Struct.new(:id, :name, :email, keyword_init: true)

  helpers do
    def current_user
      data = session[:user] or return nil
      User.new(id: data["id"], name: data["name"], email: data["email"])
    end

    def sign_in_from_params
      identifier = params[:identifier].to_s
      identifier = Integer(identifier, 10) if params[:identifier_type] == "integer"
      blank = ->(v) { v.nil? || v.empty? ? nil : v }
      session[:user] = { "id" => identifier, "name" => blank.(params[:name]), "email" => blank.(params[:email]) }
    end
  end

  # A bad value is a 400 with the library's message (never a secret).
  error ArgumentError, TypeError do
    error = env["sinatra.error"]
    content_type "text/plain"
    status 400
    "#{error.class.name}: #{error.message}\n"
  end
  set :show_exceptions, false
  set :raise_errors, false
  set :dump_errors, false

  get "/login" do
    sign_in_from_params
    erb :page, locals: { title: "Signed in", nonce: nil }
  end

  get "/csp-login" do
    sign_in_from_params
    nonce = SecureRandom.urlsafe_base64(16)
    headers "Content-Security-Policy" => "script-src 'nonce-#{nonce}'"
    erb :page, locals: { title: "Signed in", nonce: nonce }
  end

  get "/logout" do
    session.delete(:user)
    chatwoot_reset!
    erb :page, locals: { title: "Signed out", nonce: nil }
  end

  get "/page" do
    erb :page, locals: { title: "Another page", nonce: nil }
  end

  get "/payload" do
    sign_in_from_params if params[:identifier]
    content_type :json
    chatwoot_payload or halt 401, '{"error":"not signed in"}'
  end
end

server_options = { Host: "127.0.0.1", Port: Integer(ENV.fetch("PORT", "4567")),
                   Logger: WEBrick::Log.new($stderr, WEBrick::Log::WARN), AccessLog: [] }
trap("TERM") { Rack::Handler::WEBrick.shutdown }
trap("INT") { Rack::Handler::WEBrick.shutdown }
Rack::Handler::WEBrick.run(ExampleApp, **server_options)
