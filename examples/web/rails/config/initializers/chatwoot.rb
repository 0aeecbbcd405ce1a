# frozen_string_literal: true

# One place for the widget's configuration; the HMAC token comes from the environment (or use
# `rails credentials:edit` with a chatwoot: entry) and is never logged.
ChatwootIdentity::Rails.configure do |c|
  c.base_url = ENV.fetch("CHATWOOT_BASE_URL")
  c.website_token = ENV.fetch("CHATWOOT_WEBSITE_TOKEN")
  c.hmac_token = ENV.fetch("CHATWOOT_HMAC_TOKEN")
  c.settings = { locale: "en", position: "right" }
  c.user_method = :current_user # the default, shown for the record
end
