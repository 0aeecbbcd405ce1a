// Package chatwoothttp puts a verified Chatwoot widget in a net/http application: a
// Widget configured once (base URL, website token, the inbox's HMAC token, optional
// window.chatwootSettings), a middleware that makes it available to every request, an
// html/template function that renders the loader, the run call and the signed-in user's
// setUser script (with the request's CSP nonce), a logout helper that resets the widget, and
// a JSON handler for single-page apps. It uses only the standard library.
//
//	widget, err := chatwoothttp.New(chatwoothttp.Config{
//		BaseURL:      os.Getenv("CHATWOOT_BASE_URL"),
//		WebsiteToken: os.Getenv("CHATWOOT_WEBSITE_TOKEN"),
//		HMACToken:    os.Getenv("CHATWOOT_HMAC_TOKEN"),
//	})
//	tmpl := template.New("page").Funcs(chatwoothttp.FuncMap())  // {{ chatwootWidget .Request }}
//	handler := widget.Middleware(auth(mux))                       // auth calls chatwoothttp.WithUser
//
// The current user comes from the request context: the application's own authentication
// middleware calls WithUser (or, with Config.User, the widget reads it from the request).
package chatwoothttp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"

	chatwootidentity "github.com/chatwoot-identity/chatwoot-identity/bindings/go"
)

// User is what the widget shows Chatwoot about the signed-in user: the identifier (an integer
// id as its decimal string: chatwootidentity.IntIdentifier) and the contact's fields.
type User struct {
	Identifier string
	Fields     chatwootidentity.Fields
}

// Config is a widget's configuration, read once at start-up.
type Config struct {
	// Name tells several widgets (inboxes) apart in templates: {{ chatwootWidget .Request "support" }}.
	// The empty name is the default widget.
	Name string
	// BaseURL is the Chatwoot installation, e.g. "https://app.chatwoot.com".
	BaseURL string
	// WebsiteToken is the inbox's website token (Settings > Inboxes > the inbox > Configuration).
	WebsiteToken string
	// HMACToken is the inbox's identity-validation secret. It is handed to the library once
	// and never kept, logged or printed; read it from the environment or a secret store.
	HMACToken string
	// Settings become window.chatwootSettings (locale, position, type, launcherTitle,
	// darkMode, ...), JSON-encoded with < escaped.
	Settings map[string]any
	// User maps a request to its signed-in user (ok false: anonymous). Nil: the user that
	// WithUser put in the request context.
	User func(*http.Request) (User, bool)
	// Logger receives one line per render error (never the secret). Nil: slog.Default().
	Logger *slog.Logger
}

// Widget renders one inbox's widget. It is safe for concurrent use; Close releases its key.
type Widget struct {
	cfg Config
	key *chatwootidentity.Key
	log *slog.Logger
}

// New checks the configuration and prepares the HMAC key. Errors name the setting, never
// the secret's value.
func New(cfg Config) (*Widget, error) {
	if cfg.BaseURL == "" || cfg.WebsiteToken == "" {
		return nil, errors.New("chatwoothttp: BaseURL and WebsiteToken are required")
	}
	key, err := chatwootidentity.NewKey(cfg.HMACToken)
	if err != nil {
		return nil, fmt.Errorf("chatwoothttp: HMACToken: %w", err)
	}
	cfg.HMACToken = "" // not kept: the key holds what it needs
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	return &Widget{cfg: cfg, key: key, log: log}, nil
}

// Close releases the widget's key.
func (w *Widget) Close() error { return w.key.Close() }

// String never shows the configuration's secret (it is not kept).
func (w *Widget) String() string {
	return fmt.Sprintf("chatwoothttp.Widget{name: %q, websiteToken: %q}", w.cfg.Name, w.cfg.WebsiteToken)
}

type ctxKey int

const (
	widgetsKey ctxKey = iota
	userKey
	nonceKey
	resetKey
)

// resetCookie carries a logout to the next page when the logout response redirects.
const resetCookie = "chatwoot_reset"

// Middleware makes the widget available to the request's templates and handlers, and turns a
// pending logout (see Logout) into one reset script on this page.
func (w *Widget) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		widgets := map[string]*Widget{}
		if prev, ok := r.Context().Value(widgetsKey).(map[string]*Widget); ok {
			for k, v := range prev {
				widgets[k] = v
			}
		}
		widgets[w.cfg.Name] = w
		ctx := context.WithValue(r.Context(), widgetsKey, widgets)
		if c, err := r.Cookie(resetCookie); err == nil && c.Value == "1" {
			http.SetCookie(rw, &http.Cookie{Name: resetCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
			ctx = context.WithValue(ctx, resetKey, true)
		}
		next.ServeHTTP(rw, r.WithContext(ctx))
	})
}

// WithUser returns ctx with the signed-in user, for the application's authentication middleware.
func WithUser(ctx context.Context, u User) context.Context { return context.WithValue(ctx, userKey, u) }

// WithNonce returns ctx with the page's CSP nonce (base64 or base64url), put on every <script>.
func WithNonce(ctx context.Context, nonce string) context.Context {
	return context.WithValue(ctx, nonceKey, nonce)
}

// Nonce is the nonce WithNonce put in ctx ("" for none).
func Nonce(ctx context.Context) string { s, _ := ctx.Value(nonceKey).(string); return s }

// Logout resets the widget: the page this request renders carries the reset script, and, if
// the response redirects instead, the next page does (a short-lived cookie). Call it in the
// logout handler, next to clearing the session, and render or redirect with the returned request.
func Logout(rw http.ResponseWriter, r *http.Request) *http.Request {
	http.SetCookie(rw, &http.Cookie{Name: resetCookie, Value: "1", Path: "/", MaxAge: 300, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	return r.WithContext(context.WithValue(r.Context(), resetKey, true))
}

func (w *Widget) user(r *http.Request) (User, bool) {
	if w.cfg.User != nil {
		return w.cfg.User(r)
	}
	u, ok := r.Context().Value(userKey).(User)
	return u, ok
}

// Tag renders the whole widget for r: window.chatwootSettings, the SDK loader, the run call,
// and the signed-in user's verified setUser (or, after Logout, the reset script), each
// <script> with the request's nonce. Every value is escaped for the page by construction.
func (w *Widget) Tag(r *http.Request) (template.HTML, error) {
	ctx := r.Context()
	nonce := Nonce(ctx)
	attr := ""
	if nonce != "" {
		if !validNonce(nonce) {
			return "", chatwootidentity.ErrInvalidNonce
		}
		attr = ` nonce="` + nonce + `"`
	}
	var b strings.Builder
	if len(w.cfg.Settings) > 0 {
		settings, err := jsonForScript(w.cfg.Settings)
		if err != nil {
			return "", fmt.Errorf("chatwoothttp: Settings: %w", err)
		}
		b.WriteString("<script" + attr + ">window.chatwootSettings = " + settings + ";</script>\n")
	}
	base := strings.TrimRight(w.cfg.BaseURL, "/")
	run, err := jsonForScript(map[string]string{"websiteToken": w.cfg.WebsiteToken, "baseUrl": base})
	if err != nil {
		return "", err
	}
	b.WriteString("<script" + attr + ` src="` + template.HTMLEscapeString(base) + `/packs/js/sdk.js"></script>` + "\n")
	b.WriteString("<script" + attr + ">window.chatwootSDK.run(" + run + ");</script>\n")
	var snippet string
	if reset, _ := ctx.Value(resetKey).(bool); reset {
		snippet, err = chatwootidentity.ResetScript(nonce)
	} else if u, ok := w.user(r); ok {
		snippet, err = w.key.SetUserScript(u.Identifier, u.Fields, nonce)
	}
	if err != nil {
		w.log.Error("chatwoothttp: cannot render the Chatwoot widget's user script", "widget", w.cfg.Name, "error", err)
		return "", err
	}
	b.WriteString(snippet)
	return template.HTML(b.String()), nil
}

// PayloadHandler answers the signed-in user's setUser payload as JSON, for a single-page app
// (it calls window.$chatwoot.setUser(payload.identifier, payload)); 401 without a user.
func (w *Widget) PayloadHandler() http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		u, ok := w.user(r)
		if !ok {
			http.Error(rw, `{"error":"not signed in"}`, http.StatusUnauthorized)
			return
		}
		body, err := w.key.SetUserPayload(u.Identifier, u.Fields)
		if err != nil {
			w.log.Error("chatwoothttp: cannot render the Chatwoot payload", "widget", w.cfg.Name, "error", err)
			http.Error(rw, err.Error(), http.StatusBadRequest)
			return
		}
		rw.Header().Set("Content-Type", "application/json")
		rw.Header().Set("Cache-Control", "no-store")
		rw.Write(body)
	})
}

// FuncMap is the html/template functions: chatwootWidget renders a widget's Tag for a
// request ({{ chatwootWidget .Request }} or, for a named widget, {{ chatwootWidget .Request
// "support" }}); the request must have passed through that widget's Middleware.
func FuncMap() template.FuncMap {
	return template.FuncMap{"chatwootWidget": func(r *http.Request, name ...string) (template.HTML, error) {
		n := ""
		if len(name) > 0 {
			n = name[0]
		}
		widgets, _ := r.Context().Value(widgetsKey).(map[string]*Widget)
		w, ok := widgets[n]
		if !ok {
			return "", fmt.Errorf("chatwoothttp: no widget %q on this request: wrap the handler with its Middleware", n)
		}
		return w.Tag(r)
	}}
}

// jsonForScript encodes v for a <script> body: encoding/json escapes <, > and & and the
// line separators U+2028/U+2029, so nothing can close the script.
func jsonForScript(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// validNonce is the library's rule for the loader's tags too: base64 or base64url characters.
func validNonce(s string) bool {
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.ContainsRune("+/=-_", c)) {
			return false
		}
	}
	return true
}
