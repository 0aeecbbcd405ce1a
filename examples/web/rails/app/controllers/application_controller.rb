# frozen_string_literal: true

class ApplicationController < ActionController::Base
  # A bad value (a hostile identifier the library refuses, an empty one) is a 400 with the
  # library's message, which never holds the secret.
  rescue_from ArgumentError, TypeError do |error|
    render plain: "#{error.class.name}: #{error.message}\n", status: :bad_request
  end

  private

  def sign_in_from_params
    identifier = params[:identifier].to_s
    identifier = Integer(identifier, 10) if params[:identifier_type] == "integer"
    session[:user] = { "id" => identifier, "name" => params[:name].presence, "email" => params[:email].presence }
  end

  def current_user
    data = session[:user] or return nil
    User.new(id: data["id"], name: data["name"], email: data["email"])
  end
end
