"""chatwoot_identity.widget, the framework-neutral core of the Django and Flask integrations:
the loader, run(), the verified setUser through the renderer, reset, the default user
mapping, several inboxes, and the HMAC token kept out of reprs and errors."""

import json
import pickle
import re
import traceback

import pytest
from conftest import IDENTIFIER, SAMPLE_HASH, SECRET, reference

import chatwoot_identity as ci
from chatwoot_identity.widget import Inbox, default_user_mapping, inboxes_from

BASE = "https://chat.example.com"
TOKEN = "wT0ken_1"


class DjangoLikeUser:
    is_anonymous = False
    is_authenticated = True

    def __init__(self, pk, first="", last="", username="jane", email=""):
        self.pk, self.id, self.first, self.last = pk, pk, first, last
        self.username, self.email = username, email

    def get_full_name(self):
        return f"{self.first} {self.last}".strip()

    def get_username(self):
        return self.username


class Anonymous:
    is_anonymous = True
    is_authenticated = False
    pk = None


def test_loader_and_run_call():
    html = Inbox(BASE, TOKEN, SECRET).widget(None)
    assert html == (f'<script src="{BASE}/packs/js/sdk.js"></script>\n'
                    f'<script>window.chatwootSDK.run({{"websiteToken":"{TOKEN}","baseUrl":"{BASE}"}});</script>')
    assert isinstance(html, ci.Script) and html.__html__() == html


def test_signed_in_user_gets_the_verified_set_user_with_the_nonce():
    inbox = Inbox(BASE, TOKEN, SECRET, settings={"position": "left", "locale": "de"})
    user = DjangoLikeUser(42, "Jane", "Doe", email="jane@example.com")
    html = inbox.widget(user, nonce="abc123")
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all(' nonce="abc123"' in s for s in scripts)
    assert html.startswith('<script nonce="abc123">window.chatwootSettings = {"position":"left","locale":"de"};</script>')
    assert reference(SECRET.encode(), b"42") in html
    assert '"42"' in html and "Jane Doe" in html and "jane@example.com" in html
    assert "reset()" not in html


def test_reset_then_nobody():
    html = Inbox(BASE, TOKEN, SECRET).widget(Anonymous(), reset=True)
    assert "$chatwoot.reset()" in html and "setUser" not in html


def test_payload_is_the_renderers():
    inbox = Inbox(BASE, TOKEN, SECRET)
    payload = json.loads(inbox.payload(DjangoLikeUser(IDENTIFIER, username="jane")))
    assert payload == {"identifier": IDENTIFIER, "identifier_hash": SAMPLE_HASH, "name": "jane"}
    assert inbox.payload(Anonymous()) is None


def test_default_mapping():
    assert default_user_mapping(Anonymous()) is None
    assert default_user_mapping(None) is None
    assert default_user_mapping(DjangoLikeUser(7, "A", "B", email="a@b.c")) == (7, {"name": "A B", "email": "a@b.c"})
    assert default_user_mapping(DjangoLikeUser(7, username="u1")) == (7, {"name": "u1"})

    class FlaskLoginUser:
        is_authenticated = True
        is_anonymous = False

        def get_id(self):
            return "abc"

    assert default_user_mapping(FlaskLoginUser()) == ("abc", {})


def test_a_custom_mapping():
    inbox = Inbox(BASE, TOKEN, SECRET, user_mapping=lambda u: (u["ext"], {"email": u["mail"], "phone_number": None}))
    assert json.loads(inbox.payload({"ext": "x-1", "mail": "m@x"})) == {
        "identifier": "x-1", "identifier_hash": reference(SECRET.encode(), b"x-1"), "email": "m@x"}


def test_hostile_values_cannot_leave_the_script():
    inbox = Inbox(BASE, TOKEN, SECRET, settings={"launcherTitle": "</script><script>alert(1)</script>\u2028"})
    html = inbox.widget(DjangoLikeUser("</script>", username="</script><b>"))
    assert html.count("</script>") == html.count("<script")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"base_url": "javascript:alert(1)"}, "base_url must be the http"),
    ({"base_url": 'https://x"><script>'}, "base_url must be the http"),
    ({"website_token": "a b"}, "website_token must be"),
    ({"settings": {"positon": "left"}}, "unknown widget settings positon"),
])
def test_bad_configuration(kwargs, message):
    args = {"base_url": BASE, "website_token": TOKEN, "hmac_token": SECRET, **kwargs}
    with pytest.raises(ValueError, match=message):
        Inbox(args.pop("base_url"), args.pop("website_token"), args.pop("hmac_token"), **args)


def test_bad_nonce():
    with pytest.raises(ci.InvalidNonceError):
        Inbox(BASE, TOKEN, SECRET).widget(None, nonce='x" onload="alert(1)')


def test_several_inboxes():
    inboxes = inboxes_from({"BASE_URL": BASE, "WEBSITE_TOKEN": "main", "HMAC_TOKEN": SECRET,
                            "INBOXES": {"support": {"WEBSITE_TOKEN": "sup", "HMAC_TOKEN": "other-secret"}}})
    assert inboxes[None].website_token == "main"
    assert inboxes["support"].website_token == "sup" and inboxes["support"].base_url == BASE
    assert reference(b"other-secret", b"9") in inboxes["support"].widget(DjangoLikeUser(9))
    with pytest.raises(KeyError, match="no Chatwoot inbox named 'sales'; configured: default, support"):
        inboxes["sales"]


MARK = "Sekr3tMark"


def test_the_hmac_token_is_never_shown():
    inbox = Inbox(BASE, TOKEN, MARK)
    assert MARK not in repr(inbox) and MARK not in str(vars(inbox))
    with pytest.raises(TypeError):
        pickle.dumps(inbox)
    for config in ({"BASE_URL": BASE, "WEBSITE_TOKEN": TOKEN, "HMAC_TOKEN": MARK + "\n"},
                   {"BASE_URL": "ftp://x", "WEBSITE_TOKEN": TOKEN, "HMAC_TOKEN": MARK},
                   {"WEBSITE_TOKEN": TOKEN, "HMAC_TOKEN": MARK}):
        with pytest.raises(ValueError) as info:
            inboxes_from(config)
        # From the package's first frame on (this test's own frame holds the config).
        error = info.value.with_traceback(info.value.__traceback__.tb_next)
        text = "".join(traceback.TracebackException.from_exception(error, capture_locals=True).format())
        assert MARK not in text, text
    with pytest.raises(ci.SecretWhitespaceError, match="HMAC token of inbox wT0ken_1"):
        Inbox(BASE, TOKEN, MARK + "\n")
