// Command go-nethttp is a net/http application with a verified Chatwoot widget through the
// chatwoothttp package: the widget is configured once from the environment, a small session
// middleware signs the user in, every page renders {{ chatwootWidget .Request }}, and logout
// resets the widget. It follows the example-app contract of tests/e2e/README.md.
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"html/template"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"
	"time"

	chatwootidentity "github.com/chatwoot-identity/chatwoot-identity/bindings/go"
	"github.com/chatwoot-identity/chatwoot-identity/bindings/go/chatwoothttp"
)

var page = template.Must(template.New("page").Funcs(chatwoothttp.FuncMap()).Parse(`<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>{{.Title}}</title></head><body>
<h1>{{.Title}}</h1>
{{ chatwootWidget .Request }}
</body></html>
`))

// sessions is the app's session store: a random cookie value -> the signed-in user.
type sessions struct {
	mu    sync.Mutex
	users map[string]chatwoothttp.User
}

func (s *sessions) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie("sid"); err == nil {
			s.mu.Lock()
			u, ok := s.users[c.Value]
			s.mu.Unlock()
			if ok {
				r = r.WithContext(chatwoothttp.WithUser(r.Context(), u))
			}
		}
		next.ServeHTTP(w, r)
	})
}

// signIn reads the user from the query (an integer id as an int64, as an app holds it),
// stores it in a new session and returns the request as signed in.
func (s *sessions) signIn(w http.ResponseWriter, r *http.Request) (*http.Request, error) {
	q := r.URL.Query()
	identifier := q.Get("identifier")
	if q.Get("identifier_type") == "integer" {
		id, err := strconv.ParseInt(identifier, 10, 64)
		if err != nil {
			return nil, errors.New("identifier is not a 64-bit integer")
		}
		identifier = chatwootidentity.IntIdentifier(id)
	}
	u := chatwoothttp.User{Identifier: identifier, Fields: chatwootidentity.Fields{Name: q.Get("name"), Email: q.Get("email")}}
	sid := token()
	s.mu.Lock()
	s.users[sid] = u
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: sid, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	return r.WithContext(chatwoothttp.WithUser(r.Context(), u)), nil
}

func (s *sessions) signOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie("sid"); err == nil {
		s.mu.Lock()
		delete(s.users, c.Value)
		s.mu.Unlock()
	}
	http.SetCookie(w, &http.Cookie{Name: "sid", Path: "/", MaxAge: -1})
}

func main() {
	widget, err := chatwoothttp.New(chatwoothttp.Config{
		BaseURL:      os.Getenv("CHATWOOT_BASE_URL"),
		WebsiteToken: os.Getenv("CHATWOOT_WEBSITE_TOKEN"),
		HMACToken:    os.Getenv("CHATWOOT_HMAC_TOKEN"),
	})
	if err != nil {
		log.Fatal(err) // names the setting, never the secret
	}
	defer widget.Close()
	s := &sessions{users: map[string]chatwoothttp.User{}}

	mux := http.NewServeMux()
	login := func(w http.ResponseWriter, r *http.Request) {
		r, err := s.signIn(w, r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if r.URL.Path == "/csp-login" {
			nonce := token()
			w.Header().Set("Content-Security-Policy", "script-src 'nonce-"+nonce+"'")
			r = r.WithContext(chatwoothttp.WithNonce(r.Context(), nonce))
		}
		render(w, r, "Signed in")
	}
	mux.HandleFunc("GET /login", login)
	mux.HandleFunc("GET /csp-login", login)
	mux.HandleFunc("GET /page", func(w http.ResponseWriter, r *http.Request) { render(w, r, "Another page") })
	mux.HandleFunc("GET /logout", func(w http.ResponseWriter, r *http.Request) {
		s.signOut(w, r)
		r = chatwoothttp.Logout(w, r) // this page resets the widget
		render(w, r, "Signed out")
	})
	mux.HandleFunc("GET /payload", func(w http.ResponseWriter, r *http.Request) {
		r, err := s.signIn(w, r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		widget.PayloadHandler().ServeHTTP(w, r)
	})

	srv := &http.Server{
		Addr:              net.JoinHostPort("127.0.0.1", os.Getenv("PORT")),
		Handler:           widget.Middleware(s.middleware(mux)),
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

// render executes the page into a buffer first, so a widget error is a 400 with its message.
func render(w http.ResponseWriter, r *http.Request, title string) {
	var b bytes.Buffer
	if err := page.Execute(&b, struct {
		Title   string
		Request *http.Request
	}{title, r}); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b.Bytes())
}

func token() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
