"""The browser checks for ONE example app (tests/e2e/README.md's contract), in headless
Chromium driven by Selenium: hostile users signed in through the app's rendered snippet must
reach the stand-in Chatwoot verified (200) with the identifier as the same string, run no
injected script, log no console error; the CSP page still runs; a wrong secret gets 401;
logout's reset forgets the user; the SPA payload verifies."""

import base64
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

PWN = "</script><script>window.__pwned=1</script>"

# (label, identifier as the app receives it, identifier_type, name, email)
USERS = [
    ("script-breakout", PWN, "string", PWN, "pwn@example.com"),
    ("quotes-and-amp", "O'Brien & \"Sons\" <b>", "string", "O'Brien & \"Sons\" <i>&amp;</i>", "o'brien+&@example.com"),
    ("u2028", "line\u2028sep\u2029end", "string", "a\u2028b\u2029c", "ls@example.com"),
    ("non-bmp", "user-\U0001F600-\U00010348", "string", "\U0001F600 \u00dcn\u00efc\u00f6d\u00e9", "emoji@example.com"),
    ("integer-2^53+1", "9007199254740993", "integer", "Big Int", "big@example.com"),
    ("valid-email", "jane.doe@example.com", "string", "Jane Doe", "jane.doe@example.com"),
]


class Failure(AssertionError):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


def http(method, url, body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


class Harness:
    def __init__(self, driver, standin, secret, website_token):
        self.driver, self.standin, self.secret, self.token = driver, standin, secret.encode(), website_token

    def expected_hash(self, identifier):
        return hmac.new(self.secret, identifier.encode(), hashlib.sha256).hexdigest()

    def clear_requests(self):
        http("DELETE", self.standin + "/__requests")

    def set_user_requests(self, want=1, timeout=5):
        deadline = time.time() + timeout
        while True:
            _, _, body = http("GET", self.standin + "/__requests")
            found = [r for r in json.loads(body) if r["method"] == "PATCH"]
            if len(found) >= want or time.time() > deadline:
                return found
            time.sleep(0.05)

    def console_errors(self):
        return [e["message"] for e in self.driver.get_log("browser") if e["level"] == "SEVERE"]

    def wait_ready(self, timeout=10):
        deadline = time.time() + timeout
        while not self.driver.execute_script("return !!(window.$chatwoot && window.$chatwoot.hasLoaded);"):
            check(time.time() < deadline, "the widget never fired chatwoot:ready")
            time.sleep(0.05)

    @staticmethod
    def query(identifier, kind, name, email):
        return urlencode({"identifier": identifier, "identifier_type": kind, "name": name, "email": email})

    def sign_in(self, app, route, user, want_status=200):
        """Loads the app's sign-in page and returns the stand-in's record of the PATCH."""
        _, identifier, kind, name, email = user
        self.clear_requests()
        self.driver.get(f"{app}/{route}?{self.query(identifier, kind, name, email)}")
        self.wait_ready()
        pwned = self.driver.execute_script("return typeof window.__pwned;")
        check(pwned == "undefined", "window.__pwned is set: injected script ran")
        found = self.set_user_requests()
        check(len(found) == 1, f"the stand-in received {len(found)} set_user requests, want 1")
        record = found[0]
        check(record["status"] == want_status, f"the stand-in answered {record['status']}, want {want_status}")
        raw = base64.b64decode(record["body_base64"])
        body = json.loads(raw)
        check(isinstance(body.get("identifier"), str), f"identifier sent as {type(body.get('identifier')).__name__}: {raw[:120]!r}")
        check(body["identifier"] == identifier, f"identifier {body['identifier']!r} != {identifier!r}")
        check(body.get("name") == name and body.get("email") == email, f"fields changed on the way: {body}")
        return body

    def check_page_state(self, identifier):
        pwned, got = self.driver.execute_script("return [typeof window.__pwned, window.$chatwoot.identifier];")
        check(pwned == "undefined", "window.__pwned is set: injected script ran")
        check(got == identifier, f"window.$chatwoot.identifier is {got!r}, want the string {identifier!r}")

    # Each check below returns None or raises Failure.

    def check_sign_in(self, app, user):
        body = self.sign_in(app, "login", user)
        check(body["identifier_hash"] == self.expected_hash(user[1]), "the page's identifier_hash is not Python's HMAC")
        self.check_page_state(user[1])
        errors = self.console_errors()
        check(not errors, f"console errors: {errors}")

    def check_csp(self, app, user):
        status, headers, html = http("GET", f"{app}/csp-login?{self.query(*user[1:])}")
        check(status == 200, f"/csp-login answered {status}")
        csp = {k.lower(): v for k, v in headers.items()}.get("content-security-policy", "")
        check(csp.startswith("script-src 'nonce-") and csp.endswith("'"), f"CSP header is {csp!r}")
        nonce = csp[len("script-src 'nonce-"):-1]
        check(html.decode().count(f'nonce="{nonce}"') >= 3, "not every script carries the CSP nonce")
        self.sign_in(app, "csp-login", user)
        self.check_page_state(user[1])
        errors = self.console_errors()
        check(not errors, f"console errors (a CSP violation?): {errors}")

    def check_wrong_secret(self, wrong_app, user):
        self.sign_in(wrong_app, "login", user, want_status=401)
        self.console_errors()  # the 401 itself is logged; drop it

    def check_logout(self, app, user):
        self.sign_in(app, "login", user)
        cookie = f"cw_user_{self.token}"
        check(self.driver.get_cookie(cookie) is not None, "setUser left no user cookie")
        self.driver.get(f"{app}/logout")
        self.wait_ready()
        deadline = time.time() + 5
        while self.driver.execute_script("return window.$chatwoot.resetCount;") < 1:
            check(time.time() < deadline, "the logout page never called $chatwoot.reset()")
            time.sleep(0.05)
        remembered, identifier = self.driver.execute_script("return [window.$chatwoot.rememberedIdentifier, window.$chatwoot.identifier];")
        check(remembered == user[1], "the stand-in did not remember the user into the logout page")
        check(identifier is None, f"after reset the widget still has identifier {identifier!r}")
        check(self.driver.get_cookie(cookie) is None, "after reset the user cookie is still there")
        errors = self.console_errors()
        check(not errors, f"console errors: {errors}")

    def check_payload(self, app, wrong_app, user):
        _, identifier, kind, name, email = user
        q = self.query(identifier, kind, name, email)
        status, headers, body = http("GET", f"{app}/payload?{q}")
        check(status == 200, f"/payload answered {status}: {body[:200]!r}")
        check("application/json" in {k.lower(): v for k, v in headers.items()}.get("content-type", ""), "payload is not application/json")
        payload = json.loads(body)
        check(isinstance(payload["identifier"], str) and payload["identifier"] == identifier, f"payload identifier {payload['identifier']!r}")
        check(payload["identifier_hash"] == self.expected_hash(identifier), "payload hash is not Python's HMAC")
        check(payload.get("name") == name and payload.get("email") == email, "payload fields changed")
        set_user = f"{self.standin}/api/v1/widget/contact/set_user?website_token={self.token}"
        status, _, _ = http("PATCH", set_user, body, {"Content-Type": "application/json"})
        check(status == 200, f"the stand-in answered {status} to the app's payload")
        _, _, wrong = http("GET", f"{wrong_app}/payload?{q}")
        status, _, _ = http("PATCH", set_user, wrong, {"Content-Type": "application/json"})
        check(status == 401, f"the stand-in answered {status} to a payload signed with a wrong secret")

    def check_enforced(self):
        """Enforce-identity mode: a set_user without identifier_hash is refused like a wrong one."""
        url = f"{self.standin}/api/v1/widget/contact/set_user?website_token={self.token}"
        status, _, body = http("PATCH", url, json.dumps({"identifier": "42", "name": "No Hash"}).encode(), {"Content-Type": "application/json"})
        check(status == 401, f"a set_user without identifier_hash got {status}")
        check(json.loads(body) == {"error": "HMAC failed: Invalid Identifier Hash Provided"}, f"401 body {body!r}")

    def run(self, app, wrong_app):
        """Every check for one app: [(name, None or failure message)]."""
        checks = []
        for user in USERS:
            checks.append((f"sign-in {user[0]}", lambda u=user: self.check_sign_in(app, u)))
            checks.append((f"payload {user[0]}", lambda u=user: self.check_payload(app, wrong_app, u)))
        for user in (USERS[0], USERS[4]):
            checks.append((f"csp {user[0]}", lambda u=user: self.check_csp(app, u)))
        checks.append(("wrong-secret 401", lambda: self.check_wrong_secret(wrong_app, USERS[5])))
        checks.append(("logout reset", lambda: self.check_logout(app, USERS[5])))
        checks.append(("stand-in enforces identity", self.check_enforced))
        results = []
        for name, fn in checks:
            # A clean start: no cookie, and no console message left over from the last page.
            self.driver.get("about:blank")
            self.driver.delete_all_cookies()
            time.sleep(0.1)
            self.driver.get_log("browser")
            try:
                fn()
                results.append((name, None))
            except Exception as e:  # a crash in one check must not hide the others
                results.append((name, f"{type(e).__name__}: {e}"))
        return results
