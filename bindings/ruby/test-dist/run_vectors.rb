# frozen_string_literal: true

# run_vectors.rb VECTORS_JSON GEM_HOME: tests/vectors.json through the installed gem (which must
# be the one loaded, with its own library), plus the documented sample against OpenSSL.
require "json"
require "openssl"
require "chatwoot_identity"

vectors_path, gem_home = ARGV
gem_home = File.realpath(gem_home)
failures = []
check = ->(ok, what) { failures << what unless ok }
bytes = ->(hex) { [hex].pack("H*") }

loaded = $LOADED_FEATURES.find { |f| f.end_with?("/chatwoot_identity.rb") }
check.(File.realpath(loaded).start_with?(gem_home), "chatwoot_identity.rb loaded from #{loaded}, not #{gem_home}")
check.(File.realpath(ChatwootIdentity.library_path).start_with?(gem_home), "library loaded from #{ChatwootIdentity.library_path}")

vectors = JSON.parse(File.read(vectors_path))
vectors.fetch("hash").each do |c|
  secret = bytes.(c["secret_hex"])
  identifier = bytes.(c["identifier_hex"])
  expected = c["identifier_hash"]
  check.(ChatwootIdentity.identifier_hash(secret, identifier) == expected, "hash: #{c['name']}")
  check.(OpenSSL::HMAC.hexdigest("sha256", secret, identifier) == expected, "openssl: #{c['name']}")
  check.(ChatwootIdentity.verify(secret, identifier, expected), "verify: #{c['name']}")
  ChatwootIdentity::Key.open(secret) do |key|
    check.(key.identifier_hash(identifier) == expected, "key: #{c['name']}")
    check.(key.identifier_hashes([identifier, identifier]) == [expected, expected], "batch: #{c['name']}")
  end
end
vectors.fetch("rejected").each do |c|
  secret = bytes.(c["secret_hex"])
  identifier = bytes.(c["identifier_hex"])
  begin
    ChatwootIdentity.identifier_hash(secret, identifier)
    check.(false, "rejected: #{c['name']} raised nothing")
  rescue ChatwootIdentity::Error => e
    check.(e.status == c["code"], "rejected: #{c['name']} gave status #{e.status}")
  end
  check.(!ChatwootIdentity.verify(secret, identifier, OpenSSL::HMAC.hexdigest("sha256", secret, identifier)),
         "rejected verify: #{c['name']}")
end
vectors.fetch("verify").each do |c|
  got = ChatwootIdentity.verify(bytes.(c["secret_hex"]), bytes.(c["identifier_hex"]), c["identifier_hash"])
  check.(got == c["valid"], "verify vector: #{c['name']}")
end
vectors.fetch("explain").each do |c|
  verdict = ChatwootIdentity.explain(bytes.(c["secret_hex"]), bytes.(c["identifier_hex"]), bytes.(c["hash_hex"]),
                                     other_secrets: c.fetch("other_secrets_hex", []).map(&bytes),
                                     other_identifiers: c.fetch("other_identifiers_hex", []).map(&bytes))
  candidate = c["candidate"] && [c["candidate"]["kind"].to_sym, c["candidate"]["index"]]
  check.(verdict.name == c["verdict"].to_sym && verdict.code == c["code"], "explain: #{c['name']} gave #{verdict.name}")
  check.([verdict.candidate_kind, verdict.candidate_index].compact == candidate.to_a, "explain candidate: #{c['name']}")
end
vectors.fetch("explain_rejected").each do |c|
  ChatwootIdentity.explain(bytes.(c["secret_hex"]), bytes.(c["identifier_hex"]), bytes.(c["hash_hex"]))
  check.(false, "explain rejected: #{c['name']} raised nothing")
rescue ChatwootIdentity::Error => e
  check.(e.status == c["code"], "explain rejected: #{c['name']} gave status #{e.status}")
end
# The rendered snippets, parsed back.
ChatwootIdentity::Key.open("your-secret-token-for-hmac") do |key|
  payload = JSON.parse(key.set_user_payload(9_007_199_254_740_993, { name: "</script>" }))
  check.(payload == { "identifier" => "9007199254740993", "name" => "</script>",
                      "identifier_hash" => OpenSSL::HMAC.hexdigest("sha256", "your-secret-token-for-hmac", "9007199254740993") },
         "payload: #{payload}")
  script = key.set_user_script("unique-identifier-of-the-user", { email: "a@b.c" }, nonce: "abc")
  check.(script.start_with?('<script nonce="abc">') && script.include?("fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"),
         "script: #{script}")
end
check.(ChatwootIdentity.reset_script.include?("reset()"), "reset script")
count = %w[hash rejected verify explain explain_rejected].sum { |k| vectors.fetch(k).size }
abort "vectors through the installed gem failed:\n  #{failures.join("\n  ")}" unless failures.empty?
puts "vectors: #{count} cases ok through #{ChatwootIdentity.library_path}"
