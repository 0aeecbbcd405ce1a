# frozen_string_literal: true

# Serves the app on WEBrick (Debian's Rack 2 handler), 127.0.0.1:$PORT, until SIGTERM.
require_relative "config/environment"
require "rack/handler/webrick"

trap("TERM") { Rack::Handler::WEBrick.shutdown }
trap("INT") { Rack::Handler::WEBrick.shutdown }
Rack::Handler::WEBrick.run(Rails.application, Host: "127.0.0.1", Port: Integer(ENV.fetch("PORT", "3000")),
                                              Logger: WEBrick::Log.new($stderr, WEBrick::Log::WARN), AccessLog: [])
