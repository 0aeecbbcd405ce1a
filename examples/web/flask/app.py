"""A Flask app with Flask-Login and chatwoot_identity's extension: every page carries the
verified widget through the ``chatwoot_widget()`` Jinja global. Routes of tests/e2e/README.md's
contract plus GET /page.

Environment: PORT, CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN, CHATWOOT_HMAC_TOKEN (never logged).
"""

import os
import re
import secrets

from flask import Flask, g, redirect, render_template, request
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from chatwoot_identity.flask import Chatwoot

app = Flask(__name__)
app.secret_key = secrets.token_bytes(32)
app.config.update(
    CHATWOOT_BASE_URL=os.environ["CHATWOOT_BASE_URL"],
    CHATWOOT_WEBSITE_TOKEN=os.environ["CHATWOOT_WEBSITE_TOKEN"],
    CHATWOOT_HMAC_TOKEN=os.environ["CHATWOOT_HMAC_TOKEN"],
    # A second widget (another inbox) for the help pages: chatwoot_widget("support").
    CHATWOOT_INBOXES={"support": {
        "WEBSITE_TOKEN": os.environ.get("CHATWOOT_SUPPORT_WEBSITE_TOKEN", "support"),
        "HMAC_TOKEN": os.environ.get("CHATWOOT_SUPPORT_HMAC_TOKEN", os.environ["CHATWOOT_HMAC_TOKEN"]),
        "SETTINGS": {"position": "left", "launcherTitle": "Help"},
    }},
)
login_manager = LoginManager(app)
chatwoot = Chatwoot(app)  # the default mapping reads User.id, .name and .email

USERS = {}  # a real app has a database


class User(UserMixin):
    def __init__(self, user_id, name, email):
        self.id = user_id  # an int for integer ids: sent as its digits
        self.name = name
        self.email = email

    def get_id(self):
        return ("i:" if isinstance(self.id, int) else "s:") + str(self.id)


@login_manager.user_loader
def load_user(key):
    return USERS.get(key)


def sign_in():
    identifier = request.args.get("identifier", "")
    if request.args.get("identifier_type") == "integer":
        if not re.fullmatch(r"-?[0-9]+", identifier):
            raise ValueError("identifier_type=integer needs decimal digits")
        identifier = int(identifier)
    user = User(identifier, request.args.get("name") or None, request.args.get("email") or None)
    USERS[user.get_id()] = user
    login_user(user)


def page(title):
    return render_template("page.html", title=title), 200, {"Cache-Control": "no-store"}


@app.errorhandler(ValueError)  # the binding's typed errors and a bad query: the user's input
def bad_request(error):
    return f"{type(error).__name__}: {error}\n", 400, {"Content-Type": "text/plain; charset=utf-8"}


@app.route("/login")
def login():
    sign_in()
    return page("Signed in")


@app.route("/csp-login")
def csp_login():
    g.csp_nonce = secrets.token_urlsafe(16)  # as Flask-Talisman's request.csp_nonce
    sign_in()
    body, status, headers = page("Signed in")
    headers["Content-Security-Policy"] = f"script-src 'nonce-{g.csp_nonce}'"
    return body, status, headers


@app.route("/page")
def another_page():
    return page("Another page" if current_user.is_authenticated else "Not signed in")


@app.route("/support")
def support():
    return render_template("support.html"), 200, {"Cache-Control": "no-store"}


@app.route("/logout")
def logout():
    logout_user()  # Flask-Login's user_logged_out: this page resets the widget
    return page("Signed out")


@app.route("/logout-and-redirect")
def logout_and_redirect():
    logout_user()  # the next page resets the widget
    return redirect("/page")


@app.route("/payload")
def payload():
    sign_in()
    return chatwoot.payload()


app.add_url_rule("/chatwoot/payload", "chatwoot_payload", view_func=chatwoot.payload)

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8000")), threaded=True)
