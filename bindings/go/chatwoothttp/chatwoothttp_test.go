package chatwoothttp_test

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	chatwootidentity "github.com/chatwoot-identity/chatwoot-identity/bindings/go"
	"github.com/chatwoot-identity/chatwoot-identity/bindings/go/chatwoothttp"
)

const secret = "s3cr3t-RECOGNISABLE-hmac-token"

func newWidget(t *testing.T, cfg chatwoothttp.Config) *chatwoothttp.Widget {
	t.Helper()
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://chat.example.com/"
	}
	if cfg.WebsiteToken == "" {
		cfg.WebsiteToken = "web-token"
	}
	if cfg.HMACToken == "" {
		cfg.HMACToken = secret
	}
	w, err := chatwoothttp.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

var page = template.Must(template.New("p").Funcs(chatwoothttp.FuncMap()).Parse(`<body>{{ chatwootWidget . }}</body>`))

func serve(w *chatwoothttp.Widget, auth func(*http.Request) *http.Request, h http.Handler, target string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	if h == nil {
		h = http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			if err := page.Execute(rw, r); err != nil {
				http.Error(rw, err.Error(), 500)
			}
		})
	}
	inner := h
	handler := w.Middleware(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if auth != nil {
			r = auth(r)
		}
		inner.ServeHTTP(rw, r)
	}))
	req := httptest.NewRequest("GET", target, nil)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	return rec
}

func signIn(id string, f chatwootidentity.Fields) func(*http.Request) *http.Request {
	return func(r *http.Request) *http.Request {
		return r.WithContext(chatwoothttp.WithUser(r.Context(), chatwoothttp.User{Identifier: id, Fields: f}))
	}
}

func TestTagRendersLoaderRunAndVerifiedUser(t *testing.T) {
	w := newWidget(t, chatwoothttp.Config{Settings: map[string]any{"locale": "fr", "launcherTitle": "</script><b>"}})
	rec := serve(w, signIn(chatwootidentity.IntIdentifier(int64(42)), chatwootidentity.Fields{Name: `</script><script>alert(1)</script>`}), nil, "/")
	body := rec.Body.String()
	hash, _ := chatwootidentity.IdentifierHash(secret, "42")
	for _, want := range []string{
		`<script src="https://chat.example.com/packs/js/sdk.js"></script>`,
		`window.chatwootSDK.run({"baseUrl":"https://chat.example.com","websiteToken":"web-token"});`,
		`window.chatwootSettings = {"launcherTitle":"\u003c/script\u003e\u003cb\u003e","locale":"fr"};`,
		`var identifier = "42"`, hash,
	} {
		if !strings.Contains(body, want) {
			t.Fatalf("missing %q in\n%s", want, body)
		}
	}
	if strings.Count(body, "</script>") != strings.Count(body, "<script") {
		t.Fatalf("a value closed a script:\n%s", body)
	}
}

func TestAnonymousPageHasTheLoaderOnly(t *testing.T) {
	body := serve(newWidget(t, chatwoothttp.Config{}), nil, nil, "/").Body.String()
	if !strings.Contains(body, "chatwootSDK.run(") || strings.Contains(body, "setUser") || strings.Contains(body, "reset()") {
		t.Fatalf("anonymous page:\n%s", body)
	}
}

func TestNonceOnEveryScript(t *testing.T) {
	w := newWidget(t, chatwoothttp.Config{Settings: map[string]any{"position": "left"}})
	auth := func(r *http.Request) *http.Request {
		return signIn("u1", chatwootidentity.Fields{Email: "a@b.c"})(r.WithContext(chatwoothttp.WithNonce(r.Context(), "abc123+/=")))
	}
	body := serve(w, auth, nil, "/").Body.String()
	scripts := regexp.MustCompile(`<script[^>]*>`).FindAllString(body, -1)
	if len(scripts) != 4 {
		t.Fatalf("want 4 scripts (settings, loader, run, setUser), got %d:\n%s", len(scripts), body)
	}
	for _, s := range scripts {
		if !strings.Contains(s, `nonce="abc123+/="`) {
			t.Fatalf("script without the nonce: %s", s)
		}
	}
	bad := func(r *http.Request) *http.Request {
		return r.WithContext(chatwoothttp.WithNonce(r.Context(), `x" onload="alert(1)`))
	}
	if body := serve(w, bad, nil, "/").Body.String(); strings.Contains(body, "<script") || !strings.Contains(body, "CSP nonce") {
		t.Fatalf("a bad nonce rendered: %s", body)
	}
}

func TestLogoutResetsThisPageAndTheNextAfterARedirect(t *testing.T) {
	w := newWidget(t, chatwoothttp.Config{})
	logout := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		r = chatwoothttp.Logout(rw, r)
		page.Execute(rw, r)
	})
	rec := serve(w, nil, logout, "/logout")
	if !strings.Contains(rec.Body.String(), "$chatwoot.reset()") {
		t.Fatalf("logout page without reset:\n%s", rec.Body.String())
	}
	var cookie *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Name == "chatwoot_reset" && c.Value == "1" {
			cookie = c
		}
	}
	if cookie == nil {
		t.Fatal("no reset cookie for a redirecting logout")
	}
	next := serve(w, nil, nil, "/", cookie)
	if !strings.Contains(next.Body.String(), "$chatwoot.reset()") {
		t.Fatal("the page after a logout redirect has no reset")
	}
	cleared := false
	for _, c := range next.Result().Cookies() {
		cleared = cleared || c.Name == "chatwoot_reset" && c.MaxAge < 0
	}
	if !cleared {
		t.Fatal("the reset cookie is not cleared after one reset")
	}
}

func TestPayloadHandler(t *testing.T) {
	w := newWidget(t, chatwoothttp.Config{})
	if rec := serve(w, nil, w.PayloadHandler(), "/payload"); rec.Code != 401 {
		t.Fatalf("anonymous payload: %d", rec.Code)
	}
	rec := serve(w, signIn(chatwootidentity.IntIdentifier(uint64(9007199254740993)), chatwootidentity.Fields{Name: "J"}), w.PayloadHandler(), "/payload")
	var p struct {
		Identifier, Name string
		IdentifierHash   string `json:"identifier_hash"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || rec.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("payload: %v %q", err, rec.Body.String())
	}
	want, _ := chatwootidentity.IdentifierHash(secret, "9007199254740993")
	if p.Identifier != "9007199254740993" || p.IdentifierHash != want || p.Name != "J" {
		t.Fatalf("payload: %+v", p)
	}
}

func TestSeveralInboxes(t *testing.T) {
	a := newWidget(t, chatwoothttp.Config{WebsiteToken: "site-a"})
	b := newWidget(t, chatwoothttp.Config{Name: "support", WebsiteToken: "site-b", HMACToken: "other-token"})
	tmpl := template.Must(template.New("p").Funcs(chatwoothttp.FuncMap()).Parse(`{{ chatwootWidget . }}|{{ chatwootWidget . "support" }}`))
	h := a.Middleware(b.Middleware(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		r = signIn("7", chatwootidentity.Fields{Name: "N"})(r)
		if err := tmpl.Execute(rw, r); err != nil {
			t.Fatal(err)
		}
	})))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	parts := strings.Split(rec.Body.String(), "|")
	ha, _ := chatwootidentity.IdentifierHash(secret, "7")
	hb, _ := chatwootidentity.IdentifierHash("other-token", "7")
	if len(parts) != 2 || !strings.Contains(parts[0], "site-a") || !strings.Contains(parts[0], ha) ||
		!strings.Contains(parts[1], "site-b") || !strings.Contains(parts[1], hb) {
		t.Fatalf("two inboxes:\n%s", rec.Body.String())
	}
}

func TestConfigErrorsAndFormattingHideTheSecret(t *testing.T) {
	_, err := chatwoothttp.New(chatwoothttp.Config{BaseURL: "x", WebsiteToken: "y", HMACToken: secret + "\n"})
	if err == nil || strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), "HMACToken") {
		t.Fatalf("bad token: %v", err)
	}
	w := newWidget(t, chatwoothttp.Config{})
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(verb, w); strings.Contains(s, secret) {
			t.Fatalf("%s shows the secret: %s", verb, s)
		}
	}
	rec := serve(w, signIn("1", chatwootidentity.Fields{City: "no contact field"}), nil, "/")
	body, _ := io.ReadAll(rec.Body)
	if strings.Contains(string(body), "<script") || !strings.Contains(string(body), "no name, email or avatar_url") || strings.Contains(string(body), secret) {
		t.Fatalf("a render error: %d %s", rec.Code, body)
	}
}
