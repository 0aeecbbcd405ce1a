# frozen_string_literal: true

# Chatwoot's documented Ruby sample, through the chatwoot_identity gem:
#   OpenSSL::HMAC.hexdigest('sha256', key, identifier)
# Run it with `make -C bindings/ruby example`, or `ruby -I bindings/ruby/lib examples/ruby/identifier_hash.rb`
# from the repository root. The identifier_hash is the last line printed.

require "chatwoot_identity"

key = "your-secret-token-for-hmac"             # the inbox's secret (Inbox settings > Configuration)
identifier = "unique-identifier-of-the-user"   # your user's identifier, as passed to setUser

puts "libchatwoot_identity #{ChatwootIdentity.library_version} (#{ChatwootIdentity.library_path})"
puts ChatwootIdentity.identifier_hash(key, identifier)
