# The Elixir snippet from Chatwoot's identity-validation docs, exactly as documented:
#   elixir examples/elixir/documented_sample.exs
# :crypto.hmac/3 was deprecated in OTP 23 and removed in OTP 24, so on any current Elixir it
# raises UndefinedFunctionError. See crypto_mac.exs and identifier_hash.exs for what works.
IO.puts("Erlang/OTP #{System.otp_release()}, Elixir #{System.version()}")

try do
  hash =
    :crypto.hmac(:sha256, 'your-secret-token-for-hmac', 'unique-identifier-of-the-user')
    |> Base.encode16()
    |> String.downcase()

  IO.puts("documented sample works on this OTP: #{hash}")
rescue
  error in UndefinedFunctionError ->
    IO.puts("documented sample fails: #{inspect(error.__struct__)}")
    IO.puts(Exception.message(error))
end
