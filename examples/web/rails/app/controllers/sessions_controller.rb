# frozen_string_literal: true

class SessionsController < ApplicationController
  # Signs the user of the query in (an integer identifier stays an Integer) and shows a page
  # with the widget.
  def create
    sign_in_from_params
    if params[:csp]
      # Exactly the contract's policy, with Rails' own per-request nonce.
      response.headers["Content-Security-Policy"] = "script-src 'nonce-#{request.content_security_policy_nonce}'"
    end
    @title = "Signed in"
    render "pages/show"
  end

  # Rails' logout: reset_session, which the gem hooks so this page resets the widget.
  def destroy
    reset_session
    @title = "Signed out"
    render "pages/show"
  end
end
