# frozen_string_literal: true

# `rackup` works too; ./run uses server.rb.
require_relative "config/environment"
run Rails.application
