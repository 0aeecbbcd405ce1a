import Config

# The widget, configured once. The HMAC token stays in the environment: {:system, var} is
# read when a page renders and never logged.
config :chatwoot_identity, ChatwootIdentity.Widget,
  base_url: System.fetch_env!("CHATWOOT_BASE_URL"),
  website_token: System.fetch_env!("CHATWOOT_WEBSITE_TOKEN"),
  hmac_token: {:system, "CHATWOOT_HMAC_TOKEN"}
