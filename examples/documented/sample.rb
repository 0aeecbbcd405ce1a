require 'openssl'

key = 'your-secret-token-for-hmac'
message = 'unique-identifier-of-the-user'

identifier_hash = OpenSSL::HMAC.hexdigest('sha256', key, message)
puts identifier_hash
