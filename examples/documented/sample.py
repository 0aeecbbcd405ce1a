import hashlib
import hmac

secret = bytes('your-secret-token-for-hmac', 'utf-8')
message = bytes('unique-identifier-of-the-user', 'utf-8')

hash = hmac.new(secret, message, hashlib.sha256)
identifier_hash = hash.hexdigest()
print(identifier_hash)
