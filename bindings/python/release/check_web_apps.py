"""make test-web: the Django and Flask example apps (examples/web/django, examples/web/flask),
each started by its own `run` (the built wheel in a venv outside the checkout), driven over
HTTP with a cookie jar like one browser: sign in, another page, logout with a redirect (the
next page resets the widget, once), a second user with an integer id, the SPA payload
endpoint with the framework's auth, and the HMAC token never in the app's output.
The browser half (the widget really signs the user in) is tests/e2e, run with E2E_APPS.

Usage: check_web_apps.py APP_DIR..."""

import hashlib
import hmac
import http.cookiejar
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

SECRET = "web-apps-Sekr3t-token"
SUPPORT_SECRET = "support-inbox-Sekr3t"
TOKEN = "webToken1"
BASE = "http://127.0.0.1:9"  # never contacted: the browser half is tests/e2e


def expected_hash(identifier):
    return hmac.new(SECRET.encode(), str(identifier).encode(), hashlib.sha256).hexdigest()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path, **query):
        url = self.base + path + ("?" + urllib.parse.urlencode(query) if query else "")
        try:
            with self.opener.open(url, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def check(app_dir):
    failures = []

    def expect(condition, what):
        print(f"  {'ok  ' if condition else 'FAIL'} {os.path.basename(app_dir)}: {what}")
        if not condition:
            failures.append(what)

    port = free_port()
    env = dict(os.environ, PORT=str(port), CHATWOOT_BASE_URL=BASE, CHATWOOT_WEBSITE_TOKEN=TOKEN,
               CHATWOOT_HMAC_TOKEN=SECRET, CHATWOOT_SUPPORT_WEBSITE_TOKEN="supportToken",
               CHATWOOT_SUPPORT_HMAC_TOKEN=SUPPORT_SECRET)
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen([os.path.join(app_dir, "run")], env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.time() + int(os.environ.get("E2E_TIMEOUT", "300"))
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if proc.poll() is not None or time.time() > deadline:
                        log.seek(0)
                        sys.exit(f"{app_dir}: did not start:\n{log.read()}")
                    time.sleep(0.5)
            b = Browser(f"http://127.0.0.1:{port}")
            hostile = "</script><script>window.__pwned=1</script>"
            status, page = b.get("/login", identifier="user-a", name=hostile, email="a@example.com")
            expect(status == 200 and expected_hash("user-a") in page, "sign-in renders the verified setUser")
            expect(hostile not in page, "a hostile name stays inside its string")
            expect(f'"websiteToken":"{TOKEN}"' in page and f"{BASE}/packs/js/sdk.js" in page,
                   "the loader and run() carry the configured inbox")
            status, page = b.get("/page")
            expect(status == 200 and expected_hash("user-a") in page and "reset()" not in page,
                   "another page renders the same user from the session")
            status, page = b.get("/support")
            support_hash = hmac.new(SUPPORT_SECRET.encode(), b"user-a", hashlib.sha256).hexdigest()
            expect(status == 200 and '"websiteToken":"supportToken"' in page and support_hash in page
                   and 'window.chatwootSettings = {"position":"left","launcherTitle":"Help"}' in page,
                   "a second inbox: its own website token, HMAC token and widget settings")
            status, page = b.get("/chatwoot/payload")
            expect(status == 200 and json.loads(page).get("identifier_hash") == expected_hash("user-a"),
                   "the SPA payload endpoint answers for the session's user")
            status, page = b.get("/logout-and-redirect")  # follows the redirect to /page
            expect(status == 200 and "$chatwoot.reset()" in page and "setUser" not in page,
                   "the page after a logout (through a redirect) resets the widget")
            status, page = b.get("/page")
            expect(status == 200 and "reset()" not in page and "setUser" not in page,
                   "the reset happens once: the next page has neither")
            status, page = b.get("/chatwoot/payload")
            expect(status == 401, "the payload endpoint refuses an anonymous visitor (401)")
            status, page = b.get("/login", identifier="9007199254740993", identifier_type="integer",
                                 name="Second")
            expect(status == 200 and '"9007199254740993"' in page
                   and expected_hash(9007199254740993) in page and "reset()" not in page,
                   "a second user with an integer id: sent as its digits, in a string")
            status, page = b.get("/logout")
            expect(status == 200 and "$chatwoot.reset()" in page, "/logout's own page resets the widget")
            status, page = b.get("/csp-login", identifier="user-c", name="C")
            nonces = {part.split('"')[1] for part in page.split("<script")[1:]}
            expect(status == 200 and len(nonces) == 1 and "" not in nonces,
                   "the CSP page puts the framework's nonce on every script")
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        log.seek(0)
        output = log.read()
    expect(SECRET not in output and SUPPORT_SECRET not in output,
           "the HMAC tokens never appear in the app's output")
    return failures


def main():
    failures = []
    for app_dir in sys.argv[1:]:
        failures += check(os.path.abspath(app_dir))
    if failures:
        sys.exit(f"check_web_apps: {len(failures)} failure(s)")
    print("check_web_apps: ok")


if __name__ == "__main__":
    main()
