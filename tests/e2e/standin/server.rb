# A stand-in Chatwoot for the end-to-end tests, on Chatwoot's own stack (Rack, ActiveSupport),
# served by WEBrick: the widget loader (sdk.js), the widget page for the iframe (widget.js), and
# the widget's contact endpoints with the checks and the contact updates of
# Api::V1::Widget::ContactsController and ContactIdentifyAction (../README.md's conformance
# table says which source each behaviour follows). It records every request and keeps a contact
# store; the harness reads both (/__requests, /__contacts) and clears them.
#
# Environment: PORT, CHATWOOT_HMAC_TOKEN (the inbox secret), CHATWOOT_WEBSITE_TOKEN,
# HMAC_MANDATORY ("1" = enforce identity validation, the default; "0" = optional),
# WIDGET_DELAY (seconds before the widget page is served, default 0.3: the iframe is never
# ready before the page's own scripts have run, as on a real network).
require "json"
require "openssl"
require "securerandom"
require "rack"
require "rack/handler/webrick"
require "active_support"
require "active_support/core_ext/object/blank"
require "active_support/core_ext/hash/deep_merge"

class StandInChatwoot
  SET_USER = "/api/v1/widget/contact/set_user".freeze
  CONTACT = "/api/v1/widget/contact".freeze
  HMAC_FAILED = { error: "HMAC failed: Invalid Identifier Hash Provided" }.freeze
  # ContactsController#permitted_params: anything else in the body is dropped.
  PERMITTED = %w[website_token identifier identifier_hash email name avatar_url phone_number].freeze
  CORS = {
    "access-control-allow-origin" => "*",
    "access-control-allow-methods" => "PATCH, OPTIONS",
    "access-control-allow-headers" => "Content-Type, X-Auth-Token"
  }.freeze

  def initialize(hmac_token:, website_token:, hmac_mandatory:, widget_delay:)
    @hmac_token = hmac_token
    @website_token = website_token
    @hmac_mandatory = hmac_mandatory
    @widget_delay = widget_delay
    @sdk = File.read(File.join(__dir__, "sdk.js"))
    @widget_js = File.read(File.join(__dir__, "widget.js"))
    @lock = Mutex.new
    clear
  end

  def call(env)
    request = Rack::Request.new(env)
    body = request.body ? request.body.read : ""
    status, headers, text = @lock.synchronize { route(request, body) } || widget_page(request)
    record(request, body, status) unless request.path.start_with?("/__")
    [status, headers, [text]]
  end

  private

  def clear
    @requests = []
    @contacts = []      # each: id, identifier, name, email, phone_number, avatar_url, additional/custom attributes, verified
    @sessions = {}      # widget auth token => contact id (Chatwoot's contact inbox and its JWT)
    @widget_errors = []
  end

  def route(request, body)
    case [request.request_method, request.path]
    in ["GET", "/packs/js/sdk.js"] then [200, { "content-type" => "application/javascript" }, @sdk]
    in ["GET", "/widget"] then nil # served outside the lock: it waits WIDGET_DELAY first
    in ["OPTIONS", _] then [204, CORS, ""]
    in ["PATCH", SET_USER] then with_params(request, body) { |params| set_user(request, params) }
    in ["PATCH", CONTACT] then with_params(request, body) { |params| update(request, params) }
    in ["POST", "/__widget_errors"] then (@widget_errors << body) && json(200, {})
    in ["GET", "/__requests"] then json(200, @requests)
    in ["GET", "/__contacts"] then json(200, { contacts: @contacts, widget_errors: @widget_errors })
    in ["DELETE", "/__requests"] then @requests.clear && json(200, {})
    in ["DELETE", "/__state"] then clear && json(200, {})
    else json(404, { error: "not found" })
    end
  end

  # The widget page for the iframe: a session token (the cw_conversation the SDK passes back,
  # when it is one of ours, else a new anonymous contact's), and widget.js.
  def widget_page(request)
    sleep @widget_delay
    token = request.params["cw_conversation"]
    @lock.synchronize { token = new_session(new_contact) unless @sessions.key?(token) }
    config = JSON.generate({ websiteToken: request.params["website_token"], authToken: token }).gsub("<", "\\u003c")
    html = "<!doctype html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"></head><body>" \
           "<script type=\"application/json\" id=\"config\">#{config}</script><script>#{@widget_js}</script></body></html>"
    [200, { "content-type" => "text/html" }, html]
  end

  def with_params(request, body)
    return json(404, { error: "web widget does not exist" }) unless request.params["website_token"] == @website_token

    params = body.empty? ? {} : JSON.parse(body)
    return json(422, { error: "expected a JSON object" }) unless params.is_a?(Hash)

    yield params.merge("website_token" => request.params["website_token"])
  rescue JSON::ParserError
    json(400, { error: "invalid JSON" })
  end

  def session_contact(request)
    token = request.get_header("HTTP_X_AUTH_TOKEN")
    token = new_session(new_contact) unless @sessions.key?(token)
    [token, @contacts.find { |c| c[:id] == @sessions[token] }]
  end

  # ContactsController#set_user: the HMAC check first (validate_hmac), then a different
  # identified contact gets a new contact inbox, then ContactIdentifyAction.
  def set_user(request, params)
    return json(401, HMAC_FAILED) if should_verify_hmac?(params) && !valid_hmac?(params)

    token, contact = session_contact(request)
    if contact[:identifier].present? && contact[:identifier] != params["identifier"]
      contact = new_contact
      token = new_session(contact)
    end
    contact = identify(contact, params, token)
    contact[:verified] = true if should_verify_hmac?(params) && valid_hmac?(params)
    json(200, contact)
  end

  # ContactsController#update (what setCustomAttributes reaches): no HMAC check.
  def update(request, params)
    token, contact = session_contact(request)
    json(200, identify(contact, params, token))
  end

  def should_verify_hmac?(params)
    return false if params["identifier_hash"].blank? && !@hmac_mandatory
    return false if params["custom_attributes"].present? && params["identifier"].blank?

    true
  end

  # A plain == against the hex digest of identifier.to_s, as Chatwoot compares.
  def valid_hmac?(params)
    params["identifier_hash"] == OpenSSL::HMAC.hexdigest("sha256", @hmac_token, params["identifier"].to_s)
  end

  # ContactIdentifyAction, without its e-mail and phone merges: a contact already known by the
  # identifier takes over the session; the non-blank identifier, name, email and phone_number
  # replace the stored ones; additional and custom attributes are deep-merged.
  def identify(contact, params, token)
    existing = @contacts.find { |c| c[:identifier].present? && c[:identifier] == params["identifier"] }
    if existing && existing[:id] != contact[:id]
      contact = existing
      @sessions[token] = contact[:id]
    end
    permitted = params.slice(*PERMITTED)
    %w[identifier name email phone_number].each do |key|
      contact[key.to_sym] = permitted[key] if permitted[key].present?
    end
    contact[:avatar_url] = permitted["avatar_url"] if permitted["avatar_url"].present? # ContactAvatarJob
    %w[additional_attributes custom_attributes].each do |key|
      value = params[key]
      contact[key.to_sym] = contact[key.to_sym].deep_merge(value) if value.is_a?(Hash) && value.present?
    end
    contact
  end

  def new_contact
    contact = { id: @contacts.size + 1, identifier: nil, name: nil, email: nil, phone_number: nil, avatar_url: nil,
                additional_attributes: {}, custom_attributes: {}, verified: false }
    @contacts << contact
    contact
  end

  def new_session(contact)
    token = SecureRandom.hex(16)
    @sessions[token] = contact[:id]
    token
  end

  def json(status, value)
    [status, CORS.merge("content-type" => "application/json"), JSON.generate(value)]
  end

  # The raw body travels base64-encoded so the test compares the exact bytes received.
  def record(request, body, status)
    entry = { method: request.request_method, path: request.path, query: request.query_string, status: status,
              body_base64: [body].pack("m0") }
    @lock.synchronize { @requests << entry }
  end
end

port = Integer(ENV.fetch("PORT"))
app = StandInChatwoot.new(
  hmac_token: ENV.fetch("CHATWOOT_HMAC_TOKEN"),
  website_token: ENV.fetch("CHATWOOT_WEBSITE_TOKEN"),
  hmac_mandatory: ENV.fetch("HMAC_MANDATORY", "1") == "1",
  widget_delay: Float(ENV.fetch("WIDGET_DELAY", "0.3"))
)
$stdout.sync = true
Rack::Handler::WEBrick.run(app, Host: "127.0.0.1", Port: port, AccessLog: [],
                                Logger: WEBrick::Log.new($stderr, WEBrick::Log::WARN)) do |server|
  %w[INT TERM].each { |signal| trap(signal) { server.shutdown } }
end
