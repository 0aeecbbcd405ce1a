# A stand-in Chatwoot for the end-to-end tests: the widget loader and the identity part of
# the widget's contact endpoint, on Chatwoot's own stack (Rack, ActiveSupport), served by
# WEBrick. It records every request it receives; the test reads them from /__requests.
#
# Environment: PORT, CHATWOOT_HMAC_TOKEN (the inbox secret), CHATWOOT_WEBSITE_TOKEN,
# HMAC_MANDATORY ("1" = enforce identity validation, the default; "0" = optional).
require "json"
require "openssl"
require "rack"
require "rack/handler/webrick"
require "active_support"
require "active_support/security_utils"

class StandInChatwoot
  SET_USER = "/api/v1/widget/contact/set_user".freeze
  HMAC_FAILED = { error: "HMAC failed: Invalid Identifier Hash Provided" }.freeze
  CORS = {
    "access-control-allow-origin" => "*",
    "access-control-allow-methods" => "PATCH, OPTIONS",
    "access-control-allow-headers" => "Content-Type"
  }.freeze

  def initialize(hmac_token:, website_token:, hmac_mandatory:)
    @hmac_token = hmac_token
    @website_token = website_token
    @hmac_mandatory = hmac_mandatory
    @sdk = File.read(File.join(__dir__, "sdk.js"))
    @requests = []
    @lock = Mutex.new
  end

  def call(env)
    request = Rack::Request.new(env)
    body = request.body ? request.body.read : ""
    status, headers, text = route(request, body)
    record(request, body, status) unless request.path.start_with?("/__")
    [status, headers, [text]]
  end

  private

  def route(request, body)
    case [request.request_method, request.path]
    in ["GET", "/packs/js/sdk.js"] then [200, { "content-type" => "application/javascript" }, @sdk]
    in ["OPTIONS", SET_USER] then [204, CORS, ""]
    in ["PATCH", SET_USER] then set_user(request, body)
    in ["GET", "/__requests"] then json(200, @lock.synchronize { @requests.dup })
    in ["DELETE", "/__requests"] then @lock.synchronize { @requests.clear } && json(200, {})
    else json(404, { error: "not found" })
    end
  end

  # Api::V1::Widget::ContactsController#set_user, its identity part: the website token picks
  # the inbox; the identifier hash is checked when present, and always in enforce mode.
  def set_user(request, body)
    return json(404, { error: "web widget does not exist" }) unless request.params["website_token"] == @website_token

    params = JSON.parse(body)
    return json(422, { error: "expected a JSON object" }) unless params.is_a?(Hash)
    return json(401, HMAC_FAILED) if should_verify_hmac?(params) && !valid_hmac?(params)

    json(200, { identifier: params["identifier"], verified: params["identifier_hash"].to_s != "" })
  rescue JSON::ParserError
    json(400, { error: "invalid JSON" })
  end

  def should_verify_hmac?(params)
    return false if params["identifier_hash"].to_s.empty? && !@hmac_mandatory

    true
  end

  def valid_hmac?(params)
    expected = OpenSSL::HMAC.hexdigest("sha256", @hmac_token, params["identifier"].to_s)
    given = params["identifier_hash"].to_s
    given.bytesize == expected.bytesize && ActiveSupport::SecurityUtils.secure_compare(given, expected)
  end

  def json(status, value)
    headers = CORS.merge("content-type" => "application/json")
    [status, headers, JSON.generate(value)]
  end

  # The raw body travels base64-encoded so the test compares the exact bytes received.
  def record(request, body, status)
    entry = {
      method: request.request_method,
      path: request.path,
      query: request.query_string,
      status: status,
      body_base64: [body].pack("m0")
    }
    @lock.synchronize { @requests << entry }
  end
end

port = Integer(ENV.fetch("PORT"))
app = StandInChatwoot.new(
  hmac_token: ENV.fetch("CHATWOOT_HMAC_TOKEN"),
  website_token: ENV.fetch("CHATWOOT_WEBSITE_TOKEN"),
  hmac_mandatory: ENV.fetch("HMAC_MANDATORY", "1") == "1"
)
$stdout.sync = true
Rack::Handler::WEBrick.run(app, Host: "127.0.0.1", Port: port, AccessLog: [],
                                Logger: WEBrick::Log.new($stderr, WEBrick::Log::WARN)) do |server|
  %w[INT TERM].each { |signal| trap(signal) { server.shutdown } }
end
