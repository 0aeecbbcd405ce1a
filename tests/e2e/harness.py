"""The browser checks for ONE example app (tests/e2e/README.md's contract), in headless
Chromium driven by Selenium: hostile users signed in through the app's rendered snippet must
reach the stand-in Chatwoot verified (200) with the identifier as the same string, run no
injected script, log no console error; the CSP page still runs; a wrong secret gets 401;
logout's reset has Chatwoot's reset semantics; another page of the session costs nothing; a
user switch on one page signs the new user in; changed fields arrive; the SPA payload verifies."""

import base64
import re
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

    def clear_state(self):
        """Requests, contacts and widget sessions."""
        http("DELETE", self.standin + "/__state")

    def set_user_requests(self, want=1, timeout=10):
        """The set_user PATCHes so far, once there are `want` (or after `timeout` seconds)."""
        deadline = time.time() + timeout
        while True:
            _, _, body = http("GET", self.standin + "/__requests")
            found = [r for r in json.loads(body) if r["method"] == "PATCH" and r["path"].endswith("/set_user")]
            if len(found) >= want or time.time() > deadline:
                return found
            time.sleep(0.05)

    def settle(self):
        """Waits until the page's widget work is over: the SDK has loaded its frame, and no
        message is in flight (two polls apart with the same counts of posts and requests)."""
        last = None
        deadline = time.time() + 10
        while time.time() < deadline:
            _, _, body = http("GET", self.standin + "/__requests")
            state = (len(json.loads(body)), self.driver.execute_script("return JSON.stringify(window.__standin || null);"))
            if state == last:
                return
            last = state
            time.sleep(0.5)

    def contacts(self):
        _, _, body = http("GET", self.standin + "/__contacts")
        return json.loads(body)

    def contact(self, identifier):
        found = [c for c in self.contacts()["contacts"] if c["identifier"] == identifier]
        check(len(found) == 1, f"the stand-in has {len(found)} contacts with identifier {identifier!r}")
        return found[0]

    def standin_state(self):
        return self.driver.execute_script("return window.__standin;")

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

    def sign_in(self, app, route, user, want_status=200, extra=None):
        """Loads the app's sign-in page and returns the stand-in's record of the PATCH."""
        _, identifier, kind, name, email = user
        self.clear_requests()
        query = self.query(identifier, kind, name, email) + ("&" + urlencode(extra) if extra else "")
        self.driver.get(f"{app}/{route}?{query}")
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
        pwned, got, errors = self.driver.execute_script("return [typeof window.__pwned, window.$chatwoot.identifier, window.__standin.errors];")
        check(pwned == "undefined", "window.__pwned is set: injected script ran")
        check(not errors, f"the widget reported errors: {errors}")
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
        """reset(): closes, removes cw_conversation and cw_user_<token>, reloads the iframe (a new
        anonymous session); hasLoaded stays true; chatwoot:ready does not fire again."""
        self.sign_in(app, "login", user)
        cookie = f"cw_user_{self.token}"
        check(self.driver.get_cookie(cookie) is not None, "setUser left no cw_user_ cookie")
        conversation = self.driver.get_cookie("cw_conversation")["value"]
        self.driver.get(f"{app}/logout")
        self.wait_ready()
        deadline = time.time() + 10
        while self.standin_state()["frameLoads"] < 2:
            check(time.time() < deadline, "the logout page never reloaded the widget (no reset())")
            time.sleep(0.05)
        state = self.driver.execute_script("return [window.$chatwoot.hasLoaded, window.$chatwoot.resetTriggered, window.__standin];")
        check(state[0] is True and state[1] is True, f"after reset hasLoaded/resetTriggered are {state[:2]}")
        check(state[2]["readyEvents"] == 1, f"chatwoot:ready fired {state[2]['readyEvents']} times")
        check(self.driver.get_cookie(cookie) is None, "after reset the cw_user_ cookie is still there")
        after = self.driver.get_cookie("cw_conversation")
        check(after is not None and after["value"] != conversation, "reset did not start a new widget session")
        check(not state[2]["errors"], f"widget errors: {state[2]['errors']}")
        errors = self.console_errors()
        check(not errors, f"console errors: {errors}")

    def check_page(self, app, user):
        """Another page of the signed-in session: the script runs again, the SDK's cookie skip
        sends nothing (nothing changed), and the contact stays verified."""
        self.sign_in(app, "login", user)
        self.clear_requests()
        self.driver.get(f"{app}/page")
        self.wait_ready()
        self.settle()
        state = self.standin_state()
        check(state["setUserSkipped"] == 1, f"setUser on /page was not the skipped call: {state}")
        check(not self.set_user_requests(want=1, timeout=0), "an unchanged user was sent again")
        check(self.driver.execute_script("return typeof window.__pwned;") == "undefined", "injected script ran")
        check(self.driver.get_cookie(f"cw_user_{self.token}") is not None, "the cw_user_ cookie is gone")
        check(not state["errors"], f"widget errors: {state['errors']}")
        errors = self.console_errors()
        check(not errors, f"console errors: {errors}")

    @staticmethod
    def last_script(html):
        """The app's snippet: the page's last <script> element, opening tag and body."""
        found = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        check(found, "no script in the page")
        return found[-1][1]

    def check_switch(self, app, first, second):
        """A single-page app's logout and login: the reset script, then the next user's script,
        on one page without reload. The second user must arrive verified in a contact of its own
        (the first contact keeps its fields), with no widget error."""
        self.sign_in(app, "login", first)
        _, _, reset_page = http("GET", f"{app}/logout")
        status, _, login_page = http("GET", f"{app}/login?{self.query(*second[1:])}")
        check(status == 200, f"/login for the second user answered {status}")
        scripts = [self.last_script(reset_page.decode()), self.last_script(login_page.decode())]
        self.clear_requests()
        self.driver.execute_script(
            "for (const text of arguments[0]) { const s = document.createElement('script'); s.textContent = text; document.body.appendChild(s); }",
            scripts)
        found = self.set_user_requests(want=1)
        check(len(found) == 1, f"the stand-in received {len(found)} set_user requests after the switch, want 1")
        check(found[0]["status"] == 200, f"the switch's set_user got {found[0]['status']}")
        body = json.loads(base64.b64decode(found[0]["body_base64"]))
        check(body.get("identifier") == second[1], f"the switch sent identifier {body.get('identifier')!r}")
        self.settle()
        state = self.standin_state()
        check(state["frameLoads"] == 2 and state["readyEvents"] == 1, f"reset semantics: {state}")
        check(not state["errors"], f"widget errors: {state['errors']}")
        b, a = self.contact(second[1]), self.contact(first[1])
        check(b["verified"] and b["id"] != a["id"], f"the second user is not a verified contact of its own: {b}")
        check(a["name"] == first[3] and a["email"] == first[4], f"the first contact changed: {a}")
        check(self.driver.execute_script("return window.$chatwoot.identifier;") == second[1], "window.$chatwoot.identifier")
        errors = self.console_errors()
        check(not errors, f"console errors: {errors}")

    def check_update(self, app, user):
        """Changed fields arrive on that page load through the SDK's cookie skip: first render,
        then a new phone, company and custom attribute, then the same again (nothing to send)."""
        identifier = user[1]
        self.sign_in(app, "login", user, extra={"phone_number": "+15550000001"})
        self.sign_in(app, "login", user, extra={"phone_number": "+15550000002", "company_name": "Acme & Co",
                                                "custom_attributes": json.dumps({"plan": "pro", "__proto__": "own"})})
        contact = self.contact(identifier)
        check(contact["phone_number"] == "+15550000002", f"the new phone number did not arrive: {contact}")
        check(contact["additional_attributes"].get("company_name") == "Acme & Co", f"the company did not arrive: {contact}")
        check(contact["custom_attributes"] == {"plan": "pro", "__proto__": "own"}, f"custom attributes: {contact['custom_attributes']}")
        check(contact["verified"], "the contact is not verified")
        self.clear_requests()
        self.driver.get(f"{app}/page")
        self.wait_ready()
        self.settle()
        check(not self.set_user_requests(want=1, timeout=0), "an unchanged user was sent again")
        check(self.standin_state()["setUserSkipped"] == 1, "setUser was not skipped for an unchanged user")
        check(self.contact(identifier)["phone_number"] == "+15550000002", "the contact changed")
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

    def run(self, app, wrong_app, update=False):
        """Every check for one app: [(name, None or failure message)]. `update`: the app takes
        the optional update fields (phone_number, company_name, custom_attributes)."""
        checks = []
        for user in USERS:
            checks.append((f"sign-in {user[0]}", lambda u=user: self.check_sign_in(app, u)))
            checks.append((f"payload {user[0]}", lambda u=user: self.check_payload(app, wrong_app, u)))
        for user in (USERS[0], USERS[4]):
            checks.append((f"csp {user[0]}", lambda u=user: self.check_csp(app, u)))
        checks.append(("wrong-secret 401", lambda: self.check_wrong_secret(wrong_app, USERS[5])))
        checks.append(("logout reset", lambda: self.check_logout(app, USERS[5])))
        checks.append(("page of the session", lambda: self.check_page(app, USERS[0])))
        checks.append(("user switch without reload", lambda: self.check_switch(app, USERS[5], USERS[1])))
        if update:
            checks.append(("contact update arrives", lambda: self.check_update(app, USERS[5])))
        checks.append(("stand-in enforces identity", self.check_enforced))
        results = []
        for name, fn in checks:
            # A clean start: no cookie, and no console message left over from the last page.
            self.driver.get("about:blank")
            self.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
            self.clear_state()
            self.driver.get_log("browser")
            try:
                fn()
                results.append((name, None))
            except Exception as e:  # a crash in one check must not hide the others
                results.append((name, f"{type(e).__name__}: {e}"))
        return results
