# frozen_string_literal: true

# The focused script scripts/memcheck runs under valgrind: every entry point of the gem, each
# rejected input, and keys created and freed in a loop. Kept small (Ruby runs ~70x slower under
# valgrind) and free of other C extensions (no openssl, no minitest) so valgrind sees mostly the
# library, Fiddle and the interpreter. Every result is checked: a wrong answer exits non-zero.

if ARGV == ["canary"]
  # Leaks 20 keys and reads past a 100-byte secret: valgrind must report both.
  require "fiddle"
  lib = Fiddle.dlopen(ENV.fetch("CHATWOOT_IDENTITY_LIB"))
  t = Fiddle
  key_new = Fiddle::Function.new(lib["cw_key_new"], [t::TYPE_VOIDP, t::TYPE_SIZE_T, t::TYPE_VOIDP], t::TYPE_INT)
  hash = Fiddle::Function.new(lib["cw_identifier_hash"],
                              [t::TYPE_VOIDP, t::TYPE_SIZE_T, t::TYPE_VOIDP, t::TYPE_SIZE_T, t::TYPE_VOIDP, t::TYPE_SIZE_T],
                              t::TYPE_INT)
  # Each key's only pointer is wiped right away, so valgrind sees a definite leak.
  20.times do
    out = [0].pack("J")
    key_new.call("canary-secret", 13, out)
    out.replace("\0" * 8)
  end
  hash.call("s" * 100, 400, "id", 2, "\0".b * 64, 64)
  exit 0
end

require "json"
require "chatwoot_identity"

SECRET = "your-secret-token-for-hmac"
IDENTIFIER = "unique-identifier-of-the-user"
DOCUMENTED_HASH = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
KEYS = Integer(ARGV.fetch(0, "3000"))

def check(condition, what)
  raise "memcheck.rb: #{what}" unless condition
end

def rejects(error_class, what)
  yield
rescue error_class
  nil
else
  raise "memcheck.rb: #{what} did not raise #{error_class}"
end

vectors = JSON.parse(File.read(File.expand_path("../../tests/vectors.json", __dir__)))
bytes = ->(hex) { [hex].pack("H*") }

# One-shot hash and verify.
check ChatwootIdentity.identifier_hash(SECRET, IDENTIFIER) == DOCUMENTED_HASH, "documented sample"
check ChatwootIdentity.verify(SECRET, IDENTIFIER, DOCUMENTED_HASH), "verify documented sample"
vectors.fetch("hash").each do |c|
  check ChatwootIdentity.identifier_hash(bytes[c["secret_hex"]], bytes[c["identifier_hex"]]) == c["identifier_hash"], c["name"]
end
vectors.fetch("verify").each do |c|
  check ChatwootIdentity.verify(bytes[c["secret_hex"]], bytes[c["identifier_hex"]], c["identifier_hash"]) == c["valid"], c["name"]
end

# Keys created and freed in a loop: closed explicitly, and every tenth left to the GC.
KEYS.times do |i|
  key = ChatwootIdentity::Key.new("#{SECRET}-#{i}")
  hash = key.identifier_hash(i)
  check key.verify(i, hash), "key #{i} verify"
  check !key.verify(i, hash.upcase), "key #{i} uppercase"
  key.close unless (i % 10).zero?
end
GC.start(full_mark: true, immediate_sweep: true)

# Batch, equal to one-by-one, and its rejected elements.
ChatwootIdentity::Key.open(SECRET) do |key|
  ids = Array.new(2_000) { |i| i.even? ? "user-#{i}@example.com" : i }
  ids << ("x" * (1 << 20)) << "\xff\xfe".b
  check key.identifier_hashes(ids) == ids.map { |id| key.identifier_hash(id) }, "batch equals one-by-one"
  check key.identifier_hashes([]) == [], "empty batch"
  rejects(ChatwootIdentity::EmptyIdentifierError, "batch with an empty element") { key.identifier_hashes(["a", ""]) }
  rejects(TypeError, "batch with a nil element") { key.identifier_hashes(["a", nil]) }
  rejects(TypeError, "batch of nil") { key.identifier_hashes(nil) }
end

# explain: every shared vector (with its candidates), the rejected ones, and an unknown code.
vectors.fetch("explain").each do |c|
  verdict = ChatwootIdentity.explain(bytes[c["secret_hex"]], bytes[c["identifier_hex"]], bytes[c["hash_hex"]],
                                     other_secrets: c.fetch("other_secrets_hex", []).map(&bytes),
                                     other_identifiers: c.fetch("other_identifiers_hex", []).map(&bytes))
  check verdict.name == c["verdict"].to_sym && !verdict.message.empty?, c["name"]
end
vectors.fetch("explain_rejected").each do |c|
  rejects(ChatwootIdentity::Error, c["name"]) do
    ChatwootIdentity.explain(bytes[c["secret_hex"]], bytes[c["identifier_hex"]], bytes[c["hash_hex"]])
  end
end
check ChatwootIdentity::Native.verdict_name(99) == "unknown", "unknown verdict"

# Rendering: the script, the payload (past the first buffer, so the retry runs), reset, errors.
ChatwootIdentity::Key.open(SECRET) do |key|
  long_name = "</script>\u2028😀" * 200
  check key.set_user_script(9007199254740993, { name: long_name }, nonce: "abc").include?("9007199254740993"), "script"
  check JSON.parse(key.set_user_payload(IDENTIFIER, "email" => "a@b.c"))["identifier"] == IDENTIFIER, "payload"
  check JSON.parse(key.set_user_payload(IDENTIFIER, name: long_name))["name"] == long_name, "long payload"
  rejects(ChatwootIdentity::MissingContactFieldError, "no contact field") { key.set_user_payload(IDENTIFIER) }
  rejects(ChatwootIdentity::UnknownFieldError, "unknown field") { key.set_user_script(IDENTIFIER, { name: "a", x: 1 }) }
  rejects(ChatwootIdentity::InvalidNonceError, "bad nonce") { key.set_user_script(IDENTIFIER, { name: "a" }, nonce: "\"") }
end
check ChatwootIdentity.reset_script(nonce: "abc").include?("reset()"), "reset script"

# Each rejected input: typed errors, and verify false.
rejects(ChatwootIdentity::EmptySecretError, "empty secret") { ChatwootIdentity.identifier_hash("", IDENTIFIER) }
rejects(ChatwootIdentity::EmptySecretError, "empty secret key") { ChatwootIdentity::Key.new("") }
rejects(ChatwootIdentity::SecretWhitespaceError, "secret newline") { ChatwootIdentity.identifier_hash("#{SECRET}\n", IDENTIFIER) }
rejects(ChatwootIdentity::SecretWhitespaceError, "secret space key") { ChatwootIdentity::Key.new(" #{SECRET}") }
rejects(ChatwootIdentity::EmptyIdentifierError, "empty identifier") { ChatwootIdentity.identifier_hash(SECRET, "") }
rejects(TypeError, "nil secret") { ChatwootIdentity.identifier_hash(nil, IDENTIFIER) }
rejects(TypeError, "nil identifier") { ChatwootIdentity.identifier_hash(SECRET, nil) }
rejects(TypeError, "nil hash to explain") { ChatwootIdentity.explain(SECRET, IDENTIFIER, nil) }
vectors.fetch("rejected").each do |c|
  rejects(ChatwootIdentity::Error, c["name"]) { ChatwootIdentity.identifier_hash(bytes[c["secret_hex"]], bytes[c["identifier_hex"]]) }
end
bad_hashes = [nil, "", DOCUMENTED_HASH.upcase, DOCUMENTED_HASH[0, 63], "#{DOCUMENTED_HASH}\n", "z" * 64]
ChatwootIdentity::Key.open(SECRET) do |key|
  bad_hashes.each do |bad|
    check !ChatwootIdentity.verify(SECRET, IDENTIFIER, bad), "verify #{bad.inspect}"
    check !key.verify(IDENTIFIER, bad), "key verify #{bad.inspect}"
  end
end
check !ChatwootIdentity.verify("", IDENTIFIER, DOCUMENTED_HASH), "verify empty secret"
check !ChatwootIdentity.verify(SECRET, "", DOCUMENTED_HASH), "verify empty identifier"

# A key closed twice, then used.
key = ChatwootIdentity::Key.new(SECRET)
key.close
key.close
rejects(ChatwootIdentity::KeyClosedError, "use after close") { key.identifier_hash(IDENTIFIER) }

puts "memcheck.rb: #{KEYS} keys, every call checked"
