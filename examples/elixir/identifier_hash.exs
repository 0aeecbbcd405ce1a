# Chatwoot's documented identity-validation sample, through the chatwoot_identity binding.
# Run from bindings/elixir (Mix puts the binding on the code path):
#   cd bindings/elixir && mix run ../../examples/elixir/identifier_hash.exs
# Prints the identifier_hash last.
unless Code.ensure_loaded?(ChatwootIdentity) do
  IO.puts(
    :stderr,
    "run me with `mix run` from bindings/elixir (or `make -C bindings/elixir example`)"
  )

  System.halt(1)
end

# In a Phoenix app: key = ChatwootIdentity.Key.new!(System.fetch_env!("CHATWOOT_HMAC_SECRET"))
# once at boot, then ChatwootIdentity.Key.identifier_hash!(key, current_user.id) per page.
# The documented sample uses charlists; binaries and integers work the same way.
secret = ~c"your-secret-token-for-hmac"
identifier = ~c"unique-identifier-of-the-user"

identifier_hash = ChatwootIdentity.identifier_hash!(secret, identifier)
true = ChatwootIdentity.verify(secret, identifier, identifier_hash)

IO.puts(identifier_hash)
