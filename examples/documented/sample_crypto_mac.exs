# The documented Elixir sample with :crypto.mac/4, the API that replaced :crypto.hmac/3 in OTP 22.1.
key = 'your-secret-token-for-hmac'
message = 'unique-identifier-of-the-user'

signature = :crypto.mac(:hmac, :sha256, key, message)

signature_hex = Base.encode16(signature, case: :lower)
IO.puts(signature_hex)
