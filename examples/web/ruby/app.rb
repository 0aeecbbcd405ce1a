# frozen_string_literal: true

# An example app that signs its users in to Chatwoot's web widget with the chatwoot_identity gem,
# on Ruby's WEBrick. Routes (tests/e2e/README.md): /login and /csp-login render the set-user
# script (/login also keeps the user in a cookie), /page renders it again for that cookie's user,
# /logout the reset script, /payload the JSON for a single-page app.

require "json"
require "securerandom"
require "uri"
require "webrick"
require "chatwoot_identity"

BASE_URL = ENV.fetch("CHATWOOT_BASE_URL")
WEBSITE_TOKEN = ENV.fetch("CHATWOOT_WEBSITE_TOKEN")
# One Key for the whole app: thread-safe, and it never shows the secret.
KEY = ChatwootIdentity::Key.new(ENV.fetch("CHATWOOT_HMAC_TOKEN"))

# The signed-in user. A real app takes it from its session; here it arrives in the query.
# An integer id stays an Integer: the gem sends it to Chatwoot as a string of its digits.
def current_user(request, query_string = request.query_string)
  query = URI.decode_www_form(query_string.to_s, Encoding::UTF_8).to_h
  identifier = query.fetch("identifier", "")
  identifier = Integer(identifier, 10) if query["identifier_type"] == "integer"
  fields = { name: query["name"], email: query["email"] }.reject { |_, value| value.nil? || value.empty? }
  [identifier, fields]
end

def page(title, snippet, nonce = nil)
  attribute = %( nonce="#{nonce}") if nonce
  config = JSON.generate({ websiteToken: WEBSITE_TOKEN, baseUrl: BASE_URL }).gsub("<", "\\u003c")
  <<~HTML
    <!doctype html>
    <html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>#{title}</title></head><body>
    <h1>#{title}</h1>
    <script#{attribute} src="#{WEBrick::HTMLUtils.escape(BASE_URL)}/packs/js/sdk.js"></script>
    <script#{attribute}>window.chatwootSDK.run(#{config});</script>
    #{snippet}
    </body></html>
  HTML
end

def respond(response, type, body)
  response.status = 200
  response["Content-Type"] = type
  response["Cache-Control"] = "no-store"
  response.body = body
end

server = WEBrick::HTTPServer.new(BindAddress: "127.0.0.1", Port: Integer(ENV.fetch("PORT", "8000")),
                                 Logger: WEBrick::Log.new($stderr, WEBrick::Log::WARN), AccessLog: [])

server.mount_proc("/") do |request, response|
  case request.path
  when "/login", "/csp-login"
    identifier, fields = current_user(request)
    nonce = SecureRandom.urlsafe_base64(16) if request.path == "/csp-login"
    response["Content-Security-Policy"] = "script-src 'nonce-#{nonce}'" if nonce
    if request.path == "/login"
      response["Set-Cookie"] = "session=#{URI.encode_www_form_component(request.query_string.to_s)}; Path=/; HttpOnly; SameSite=Lax"
    end
    respond(response, "text/html; charset=utf-8", page("Signed in", KEY.set_user_script(identifier, fields, nonce: nonce), nonce))
  when "/page"
    # The session: the query /login kept in a cookie (a real app keeps a signed session).
    session = request.cookies.find { |c| c.name == "session" }&.value.to_s
    raise WEBrick::HTTPStatus::Unauthorized if session.empty?

    identifier, fields = current_user(request, URI.decode_www_form_component(session))
    respond(response, "text/html; charset=utf-8", page("Signed in", KEY.set_user_script(identifier, fields)))
  when "/logout"
    response["Set-Cookie"] = "session=; Path=/; Max-Age=0"
    respond(response, "text/html; charset=utf-8", page("Signed out", ChatwootIdentity.reset_script))
  when "/payload"
    identifier, fields = current_user(request)
    respond(response, "application/json", KEY.set_user_payload(identifier, fields))
  else
    raise WEBrick::HTTPStatus::NotFound
  end
rescue ArgumentError, TypeError => e # ChatwootIdentity::Error is an ArgumentError
  response.status = 400
  response["Content-Type"] = "text/plain; charset=utf-8"
  response.body = "#{e.class.name}: #{e.message}\n"
end

trap("TERM") { server.shutdown }
trap("INT") { server.shutdown }
server.start
