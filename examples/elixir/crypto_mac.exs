# The working form of Chatwoot's documented Elixir snippet on OTP 22.1+ (:crypto.mac/4):
#   elixir examples/elixir/crypto_mac.exs
# Prints the identifier_hash last.
:crypto.mac(:hmac, :sha256, ~c"your-secret-token-for-hmac", ~c"unique-identifier-of-the-user")
|> Base.encode16(case: :lower)
|> IO.puts()
