key = 'your-secret-token-for-hmac'
message = 'unique-identifier-of-the-user'

signature = :crypto.hmac(:sha256, key, message)

signature_hex = Base.encode16(signature, case: :lower)
IO.puts(signature_hex)
