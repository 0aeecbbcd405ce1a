#!/usr/bin/env python3
"""Chatwoot's documented Python sample, through libchatwoot_identity.

Chatwoot's docs compute the widget's identifier_hash with
    hmac.new(b"your-secret-token-for-hmac", b"unique-identifier-of-the-user", hashlib.sha256).hexdigest()
This does the same through the chatwoot_identity package and prints the hash last.
Run it with `make -C bindings/python example` (or after `pip install` of the wheel).
"""

import chatwoot_identity

secret = "your-secret-token-for-hmac"  # the inbox's HMAC token (Settings > Inboxes > Configuration)
identifier = "unique-identifier-of-the-user"

# Once per request:
identifier_hash = chatwoot_identity.identifier_hash(secret, identifier)

# Or, in a long-lived process, prepare the secret once and reuse it:
with chatwoot_identity.IdentityKey(secret) as key:
    assert key.identifier_hash(identifier) == identifier_hash
    assert key.verify(identifier, identifier_hash)

print(f"libchatwoot_identity {chatwoot_identity.library_version()} ({chatwoot_identity.library_path})")
print(identifier_hash)
