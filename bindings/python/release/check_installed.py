"""test-dist, inside the user's venv: the installed package is the one in use, and every
shared vector matches through every entry point. Usage: check_installed.py VECTORS_JSON"""

import json
import sys
from pathlib import Path

import chatwoot_identity as ci

package = Path(ci.__file__).resolve().parent
assert Path(sys.prefix).resolve() in package.parents, f"not the venv's copy: {package}"
assert ci.library_path.resolve().is_relative_to(package / "_lib"), ci.library_path

with open(sys.argv[1], encoding="utf-8") as f:
    vectors = json.load(f)

checked = 0
for case in vectors["hash"]:
    secret, identifier = bytes.fromhex(case["secret_hex"]), bytes.fromhex(case["identifier_hex"])
    expected = case["identifier_hash"]
    key = ci.IdentityKey(secret)
    assert ci.identifier_hash(secret, identifier) == expected, case["name"]
    assert key.identifier_hash(identifier) == expected, case["name"]
    assert key.identifier_hashes([identifier]) == [expected], case["name"]
    assert ci.verify(secret, identifier, expected) and key.verify(identifier, expected), case["name"]
    checked += 1
for case in vectors["rejected"]:
    secret, identifier = bytes.fromhex(case["secret_hex"]), bytes.fromhex(case["identifier_hex"])
    try:
        ci.identifier_hash(secret, identifier)
    except ci.IdentityError as exc:
        assert exc.status == case["code"], case["name"]
    else:
        raise AssertionError(f"{case['name']}: accepted")
    checked += 1
for case in vectors["verify"]:
    secret, identifier = bytes.fromhex(case["secret_hex"]), bytes.fromhex(case["identifier_hex"])
    candidate = case["identifier_hash"]
    assert ci.verify(secret, identifier, candidate) is case["valid"], case["name"]
    checked += 1
for case in vectors["explain"]:
    secret, identifier = bytes.fromhex(case["secret_hex"]), bytes.fromhex(case["identifier_hex"])
    got = ci.explain(secret, identifier, bytes.fromhex(case["hash_hex"]),
                     other_secrets=[bytes.fromhex(h) for h in case.get("other_secrets_hex", [])],
                     other_identifiers=[bytes.fromhex(h) for h in case.get("other_identifiers_hex", [])])
    assert (got.verdict.value, got.code) == (case["verdict"], case["code"]), case["name"]
    checked += 1
# The renderer: the documented sample as the SPA payload, read back with json.
payload = json.loads(ci.IdentityKey(vectors["hash"][0]["secret"]).set_user_payload(
    vectors["hash"][0]["identifier"], name="</script>"))
assert payload == {"identifier": vectors["hash"][0]["identifier"], "name": "</script>",
                   "identifier_hash": vectors["hash"][0]["identifier_hash"]}, payload
print(f"{checked} vectors and the renderer ok through {ci.library_path}")
