# frozen_string_literal: true

Rails.application.routes.draw do
  get "/login", to: "sessions#create"
  get "/csp-login", to: "sessions#create", defaults: { csp: true }
  get "/logout", to: "sessions#destroy"
  get "/page", to: "pages#show"
  get "/payload", to: "pages#payload"
end
