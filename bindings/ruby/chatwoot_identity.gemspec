# frozen_string_literal: true

require_relative "lib/chatwoot_identity/version"

Gem::Specification.new do |spec|
  spec.name = "chatwoot_identity"
  spec.version = ChatwootIdentity::VERSION
  spec.authors = ["chatwoot-identity contributors"]
  spec.license = "MIT"
  spec.summary = "Chatwoot identity validation (identifier_hash) through libchatwoot_identity"
  spec.description = "Computes and verifies the identifier_hash Chatwoot's web widget expects " \
                     "(lowercase hex HMAC-SHA256 of the user's identifier under the inbox secret), " \
                     "through the audited libchatwoot_identity C library loaded with Fiddle."
  spec.required_ruby_version = ">= 3.1"

  spec.files = Dir["lib/**/*.rb", "lib/chatwoot_identity/native/*", "README.md"]
  spec.require_paths = ["lib"]
  # A copy of the library in lib/chatwoot_identity/native/ makes the gem platform-specific.
  spec.platform = Gem::Platform.local if Dir["lib/chatwoot_identity/native/*"].any?

  spec.add_dependency "fiddle", "~> 1.1" # a default gem up to Ruby 3.4, a bundled one afterwards
  spec.metadata["rubygems_mfa_required"] = "true"
end
