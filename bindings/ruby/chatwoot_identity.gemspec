# frozen_string_literal: true

require_relative "lib/chatwoot_identity/version"
require_relative "lib/chatwoot_identity/target"

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

  spec.files = Dir["lib/**/*.rb", "lib/chatwoot_identity/native/*/*", "README.md"]
  spec.require_paths = ["lib"]
  # A platform gem carries one target's library in lib/chatwoot_identity/native/<target>/
  # (`make dist` stages it; the loader picks the folder of the target it detects).
  targets = Dir["lib/chatwoot_identity/native/*/"].map { |dir| File.basename(dir) }
  raise "one target per platform gem, found #{targets.join(', ')}" if targets.size > 1

  if (target = targets.first)
    spec.platform = ChatwootIdentity::Target.platform(target) or raise "no RubyGems platform for #{target}"
  else
    spec.post_install_message = "chatwoot_identity: this is the source gem, without libchatwoot_identity. " \
                                "Install a platform gem (#{ChatwootIdentity::Target::PLATFORMS.values.join(', ')}), " \
                                "or the library itself (`make install` in the " \
                                "chatwoot-identity repository), or set CHATWOOT_IDENTITY_LIB to its path."
  end

  spec.add_dependency "fiddle", "~> 1.1" # a default gem up to Ruby 3.4, a bundled one afterwards
  spec.metadata["rubygems_mfa_required"] = "true"
end
