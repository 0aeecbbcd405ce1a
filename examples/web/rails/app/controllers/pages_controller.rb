# frozen_string_literal: true

class PagesController < ApplicationController
  def show
    @title = "Another page"
    render "pages/show"
  end

  # The set-user JSON for a single-page app, for the session's user (the query signs one in,
  # as /login does, so the contract's harness can ask for any user).
  def payload
    sign_in_from_params if params[:identifier]
    json = chatwoot_payload
    json ? render(json: json) : render(json: { error: "not signed in" }, status: :unauthorized)
  end
end
