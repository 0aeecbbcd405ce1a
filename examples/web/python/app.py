"""A signed-in page that passes the user to Chatwoot's widget, with chatwoot_identity on the
standard library's WSGI server (wsgiref). Routes: /login, /csp-login, /page, /logout, /payload.

Environment: PORT, CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN, CHATWOOT_HMAC_TOKEN (the inbox's
HMAC token: read once, never logged). The user arrives in the query string of /login, which
keeps it in a cookie for /page; a real app takes it from its signed session.
"""

import html
import json
import os
import re
import secrets
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs, quote, unquote
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from chatwoot_identity import IdentityKey, reset_script

BASE_URL = os.environ["CHATWOOT_BASE_URL"]
WEBSITE_TOKEN = os.environ["CHATWOOT_WEBSITE_TOKEN"]
# One key for the process: the secret is validated and prepared once; any thread may use it.
KEY = IdentityKey(os.environ["CHATWOOT_HMAC_TOKEN"])

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{title}</title></head><body>
<script{nonce} src="{loader}"></script>
<script{nonce}>window.chatwootSDK.run({config});</script>
{snippet}
</body></html>
"""


def page(title, snippet, nonce=None):
    # The run() call's values as JSON with "<" escaped, so no value can close the script.
    config = json.dumps({"websiteToken": WEBSITE_TOKEN, "baseUrl": BASE_URL}).replace("<", "\\u003c")
    attribute = f' nonce="{nonce}"' if nonce else ""  # token_urlsafe: no quote or "<" in it
    return PAGE.format(title=title, nonce=attribute, loader=html.escape(f"{BASE_URL}/packs/js/sdk.js"),
                       config=config, snippet=snippet)


def user_from(query):
    """(identifier, fields) from the query: identifier_type=integer gives a Python int."""
    params = parse_qs(query, keep_blank_values=True, errors="strict")  # bad UTF-8: a 400
    value = lambda name: params.get(name, [""])[0]
    identifier = value("identifier")
    if value("identifier_type") == "integer":
        if not re.fullmatch(r"-?[0-9]+", identifier):
            raise ValueError("identifier_type=integer needs decimal digits")
        identifier = int(identifier)
    fields = {name: value(name) for name in ("name", "email") if value(name)}
    return identifier, fields


def app(environ, start_response):
    path, query = environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")
    headers = [("Cache-Control", "no-store")]
    try:
        if path == "/page":  # another page of the session: the user /login stored
            cookies = dict(c.strip().split("=", 1) for c in environ.get("HTTP_COOKIE", "").split(";") if "=" in c)
            query = unquote(cookies.get("session", ""))
            if not query:
                start_response("401 Unauthorized", [("Content-Type", "text/plain"), *headers])
                return [b"not signed in\n"]
            identifier, fields = user_from(query)
            body, content_type = page("Signed in", KEY.set_user_script(identifier, **fields)), "text/html; charset=utf-8"
        elif path in ("/login", "/csp-login"):
            identifier, fields = user_from(query)
            nonce = secrets.token_urlsafe(16) if path == "/csp-login" else None
            if nonce:
                headers.append(("Content-Security-Policy", f"script-src 'nonce-{nonce}'"))
            snippet = KEY.set_user_script(identifier, nonce=nonce, **fields)
            headers.append(("Set-Cookie", f"session={quote(query)}; Path=/; HttpOnly; SameSite=Lax"))
            body, content_type = page("Signed in", snippet, nonce), "text/html; charset=utf-8"
        elif path == "/logout":
            headers.append(("Set-Cookie", "session=; Path=/; Max-Age=0"))
            body, content_type = page("Signed out", reset_script()), "text/html; charset=utf-8"
        elif path == "/payload":
            identifier, fields = user_from(query)
            body, content_type = KEY.set_user_payload(identifier, **fields), "application/json"
        else:
            start_response("404 Not Found", [("Content-Type", "text/plain"), *headers])
            return [b"not found\n"]
    except ValueError as error:  # the binding's typed errors, a bad query: the user's input
        start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8"), *headers])
        return [f"{type(error).__name__}: {error}\n".encode()]
    start_response("200 OK", [("Content-Type", content_type), *headers])
    return [body.encode()]


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """One thread per connection: Chromium opens spare connections ahead of use, and one idle
    socket would block a server that serves a connection at a time."""

    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # request lines carry the users' identifiers
        pass


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    with make_server("127.0.0.1", port, app, ThreadingWSGIServer, QuietHandler) as server:
        server.serve_forever()
