// Command web signs a user in to Chatwoot's widget from a net/http server: a page with the
// set-user script, a logout page with the reset script, and the JSON payload for a
// single-page app. It follows the contract of tests/e2e/README.md.
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"html/template"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	chatwootidentity "github.com/chatwoot-identity/chatwoot-identity/bindings/go"
)

// html/template escapes every value for its context: the run call's config becomes JSON with
// < escaped, the nonce an attribute value; the snippet is template.HTML, escaped by the library.
var page = template.Must(template.New("page").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{{.Title}}</title></head><body>
<h1>{{.Title}}</h1>
<script{{if .Nonce}} nonce="{{.Nonce}}"{{end}} src="{{.BaseURL}}/packs/js/sdk.js"></script>
<script{{if .Nonce}} nonce="{{.Nonce}}"{{end}}>window.chatwootSDK.run({{.Config}});</script>
{{.Snippet}}
</body></html>
`))

type widgetConfig struct {
	WebsiteToken string `json:"websiteToken"`
	BaseURL      string `json:"baseUrl"`
}

type pageData struct {
	Title, Nonce, BaseURL string
	Config                widgetConfig
	Snippet               template.HTML
}

type app struct {
	key    *chatwootidentity.Key
	config widgetConfig
}

func main() {
	key, err := chatwootidentity.NewKey(os.Getenv("CHATWOOT_HMAC_TOKEN"))
	if err != nil {
		log.Fatalf("CHATWOOT_HMAC_TOKEN: %v", err) // the error never contains the secret
	}
	defer key.Close()
	a := &app{key: key, config: widgetConfig{
		WebsiteToken: os.Getenv("CHATWOOT_WEBSITE_TOKEN"),
		BaseURL:      os.Getenv("CHATWOOT_BASE_URL"),
	}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login", a.login)
	mux.HandleFunc("GET /csp-login", a.login)
	mux.HandleFunc("GET /page", a.page)
	mux.HandleFunc("GET /logout", a.logout)
	mux.HandleFunc("GET /payload", a.payload)

	srv := &http.Server{
		Addr:              net.JoinHostPort("127.0.0.1", os.Getenv("PORT")),
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	log.Printf("listening on http://%s", srv.Addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

// user reads the signed-in user from the query: a numeric id as an int64, as an app holds it.
func user(r *http.Request) (string, chatwootidentity.Fields, error) {
	q := r.URL.Query()
	identifier := q.Get("identifier")
	if q.Get("identifier_type") == "integer" {
		id, err := strconv.ParseInt(identifier, 10, 64)
		if err != nil {
			return "", chatwootidentity.Fields{}, errors.New("identifier is not a 64-bit integer")
		}
		identifier = chatwootidentity.IntIdentifier(id)
	}
	return identifier, chatwootidentity.Fields{Name: q.Get("name"), Email: q.Get("email")}, nil
}

// page is another page of the session: the user /login kept in a cookie (a real app keeps a
// signed session).
func (a *app) page(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie("session")
	if err != nil || c.Value == "" {
		http.Error(w, "not signed in", http.StatusUnauthorized)
		return
	}
	query, err := url.QueryUnescape(c.Value)
	if err != nil {
		badRequest(w, err)
		return
	}
	stored, err := http.NewRequest("GET", "/page?"+query, nil)
	if err != nil {
		badRequest(w, err)
		return
	}
	identifier, fields, err := user(stored)
	if err != nil {
		badRequest(w, err)
		return
	}
	snippet, err := a.key.SetUserScriptHTML(identifier, fields, "")
	if err != nil {
		badRequest(w, err)
		return
	}
	a.render(w, "Signed in", "", snippet)
}

func (a *app) login(w http.ResponseWriter, r *http.Request) {
	identifier, fields, err := user(r)
	if err != nil {
		badRequest(w, err)
		return
	}
	var nonce string
	if r.URL.Path == "/login" {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: url.QueryEscape(r.URL.RawQuery), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	}
	if r.URL.Path == "/csp-login" {
		nonce = newNonce()
		w.Header().Set("Content-Security-Policy", "script-src 'nonce-"+nonce+"'")
	}
	snippet, err := a.key.SetUserScriptHTML(identifier, fields, nonce)
	if err != nil {
		badRequest(w, err)
		return
	}
	a.render(w, "Signed in", nonce, snippet)
}

func (a *app) logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "session", Value: "", Path: "/", MaxAge: -1})
	snippet, err := chatwootidentity.ResetScriptHTML("")
	if err != nil {
		badRequest(w, err)
		return
	}
	a.render(w, "Signed out", "", snippet)
}

func (a *app) payload(w http.ResponseWriter, r *http.Request) {
	identifier, fields, err := user(r)
	if err != nil {
		badRequest(w, err)
		return
	}
	body, err := a.key.SetUserPayload(identifier, fields)
	if err != nil {
		badRequest(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(body)
}

func (a *app) render(w http.ResponseWriter, title, nonce string, snippet template.HTML) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	err := page.Execute(w, pageData{Title: title, Nonce: nonce, BaseURL: a.config.BaseURL, Config: a.config, Snippet: snippet})
	if err != nil {
		log.Printf("rendering the page: %v", err)
	}
}

func badRequest(w http.ResponseWriter, err error) {
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, err.Error(), http.StatusBadRequest)
}

// newNonce is a fresh CSP nonce: 16 random bytes in base64url.
func newNonce() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}
