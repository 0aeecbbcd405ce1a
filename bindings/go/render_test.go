package chatwootidentity

import (
	"bytes"
	"encoding/json"
	"errors"
	"html/template"
	"math"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// hostileUser is one user of the end-to-end test's list: identifier, name and email.
type hostileUser struct{ name, identifier, userName, email string }

var hostileUsers = []hostileUser{
	{"breakout", "</script><script>window.__pwned=1</script>", "</script><script>window.__pwned=1</script>", "</script><script>window.__pwned=1</script>"},
	{"quotes", `O'Brien "the" & <b>co</b>`, `O'Brien "the" & <b>co</b>`, `o'brien+"x"&y@example.com`},
	{"line separators", "line\u2028sep\u2029para", "Ann\u2028Lee\u2029", "ann\u2028@example.com"},
	{"non-BMP", "user-😀-𝄞", "Zoë 😀 𝄞", "😀@example.com"},
	{"integer", IntIdentifier(int64(9007199254740993)), "Big Id", "big@example.com"},
	{"plain", "42", "Jane Doe", "jane@example.com"},
}

// scriptJSON matches the two JSON values the script passes to setUser.
var scriptJSON = regexp.MustCompile(`var identifier = ("(?:[^"\\]|\\.)*"), user = (\{.*\}); function run`)

func renderKey(t *testing.T) *Key {
	t.Helper()
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { key.Close() })
	return key
}

// checkScriptText: one script element, nothing inside it that HTML or XHTML could read as
// markup, no character that ends a JavaScript line.
func checkScriptText(t *testing.T, script, nonce string) string {
	t.Helper()
	open := "<script>"
	if nonce != "" {
		open = `<script nonce="` + nonce + `">`
	}
	if !strings.HasPrefix(script, open) || !strings.HasSuffix(script, "</script>") {
		t.Fatalf("not one script element: %q", script)
	}
	body := strings.TrimSuffix(strings.TrimPrefix(script, open), "</script>")
	if strings.ContainsAny(body, "<\u2028\u2029\x00") {
		t.Fatalf("the script body holds a raw <, U+2028, U+2029 or NUL: %q", body)
	}
	return body
}

func TestSetUserScriptHostile(t *testing.T) {
	key := renderKey(t)
	for _, u := range hostileUsers {
		for _, nonce := range []string{"", "rAnd0m+/nonce==", "base64url_-nonce"} {
			t.Run(u.name+"/"+nonce, func(t *testing.T) {
				fields := Fields{Name: u.userName, Email: u.email}
				script, err := key.SetUserScript(u.identifier, fields, nonce)
				if err != nil {
					t.Fatal(err)
				}
				body := checkScriptText(t, script, nonce)
				m := scriptJSON.FindStringSubmatch(body)
				if m == nil {
					t.Fatalf("no setUser call in %q", body)
				}
				if strings.ContainsAny(m[1]+m[2], "<>&'") {
					t.Errorf("a JSON value holds a raw <, >, & or ': %s %s", m[1], m[2])
				}
				var identifier string
				var user map[string]string
				if err := json.Unmarshal([]byte(m[1]), &identifier); err != nil {
					t.Fatalf("identifier is not a JSON string: %v", err)
				}
				if err := json.Unmarshal([]byte(m[2]), &user); err != nil {
					t.Fatalf("user is not a JSON object of strings: %v", err)
				}
				want := map[string]string{"identifier_hash": goHMAC([]byte(sampleSecret), []byte(u.identifier)), "name": u.userName, "email": u.email}
				if identifier != u.identifier || !mapsEqual(user, want) {
					t.Errorf("setUser(%q, %v), want (%q, %v)", identifier, user, u.identifier, want)
				}
				html, err := key.SetUserScriptHTML(u.identifier, fields, nonce)
				if err != nil || string(html) != script {
					t.Errorf("SetUserScriptHTML differs: %v", err)
				}
			})
		}
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// The payload parses with encoding/json: the identifier comes back as the exact string, the
// hash is crypto/hmac's, every field round-trips.
func TestSetUserPayload(t *testing.T) {
	key := renderKey(t)
	type plan string
	for _, u := range hostileUsers {
		t.Run(u.name, func(t *testing.T) {
			fields := Fields{
				Name: u.userName, Email: u.email, AvatarURL: "https://example.com/a.png?x=1&y=<2>",
				PhoneNumber: "+15551234567", Description: u.identifier, CompanyName: "A & B", CountryCode: "IE", City: "Cork",
				SocialProfiles: map[string]string{"twitter": "@" + u.userName, "github": "octo</script>"},
				CustomAttributes: map[string]any{
					"plan": plan("pro</script>"), "seats": 12, "max": int64(1<<53 - 1), "ratio": 0.25,
					"trial": false, "small": int8(-3), "f32": float32(1.5), "note": u.userName,
				},
			}
			payload, err := key.SetUserPayload(u.identifier, fields)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.ContainsAny(payload, "<>&'\u2028\u2029") {
				t.Errorf("payload not escaped: %s", payload)
			}
			var got struct {
				Identifier     any    `json:"identifier"`
				IdentifierHash string `json:"identifier_hash"`
				Fields
			}
			dec := json.NewDecoder(bytes.NewReader(payload))
			dec.UseNumber()
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("payload %s: %v", payload, err)
			}
			if s, ok := got.Identifier.(string); !ok || s != u.identifier {
				t.Errorf("identifier = %#v, want the string %q", got.Identifier, u.identifier)
			}
			if got.IdentifierHash != goHMAC([]byte(sampleSecret), []byte(u.identifier)) {
				t.Errorf("identifier_hash = %s", got.IdentifierHash)
			}
			attrs := got.CustomAttributes
			got.CustomAttributes, fields.CustomAttributes = nil, nil
			if !reflect.DeepEqual(got.Fields, fields) {
				t.Errorf("fields = %+v, want %+v", got.Fields, fields)
			}
			want := map[string]string{"plan": "pro</script>", "seats": "12", "max": "9007199254740991", "ratio": "0.25",
				"trial": "false", "small": "-3", "f32": "1.5", "note": u.userName}
			if len(attrs) != len(want) {
				t.Fatalf("custom_attributes = %v", attrs)
			}
			for k, w := range want {
				var s string
				switch v := attrs[k].(type) {
				case string:
					s = v
				case json.Number:
					s = v.String()
				case bool:
					s = map[bool]string{true: "true", false: "false"}[v]
				}
				if s != w {
					t.Errorf("custom_attributes[%s] = %#v, want %s", k, attrs[k], w)
				}
			}
		})
	}
}

func TestIntIdentifier(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{IntIdentifier(int64(9007199254740993)), "9007199254740993"},
		{IntIdentifier(uint64(math.MaxUint64)), "18446744073709551615"},
		{IntIdentifier(int64(math.MinInt64)), "-9223372036854775808"},
		{IntIdentifier(int8(-7)), "-7"},
		{IntIdentifier(0), "0"},
	} {
		if c.got != c.want {
			t.Errorf("IntIdentifier = %q, want %q", c.got, c.want)
		}
	}
	// The integer id above 2^53 arrives as its own digits, never as a rounded number.
	payload, err := renderKey(t).SetUserPayload(IntIdentifier(int64(9007199254740993)), Fields{Name: "n"})
	if err != nil || !bytes.HasPrefix(payload, []byte(`{"identifier":"9007199254740993","identifier_hash":"`+
		goHMAC([]byte(sampleSecret), []byte("9007199254740993"))+`"`)) {
		t.Errorf("payload %s, %v", payload, err)
	}
}

func TestResetScript(t *testing.T) {
	for _, nonce := range []string{"", "abc123+/=", "a-b_c"} {
		script, err := ResetScript(nonce)
		if err != nil {
			t.Fatal(err)
		}
		body := checkScriptText(t, script, nonce)
		if !strings.Contains(body, "w.$chatwoot.reset()") || !strings.Contains(body, `"chatwoot:ready"`) {
			t.Errorf("no reset call in %q", body)
		}
		if html, err := ResetScriptHTML(nonce); err != nil || string(html) != script {
			t.Errorf("ResetScriptHTML differs: %v", err)
		}
	}
	if _, err := ResetScript(`x" onload="alert(1)`); !errors.Is(err, ErrInvalidNonce) {
		t.Errorf("ResetScript(bad nonce) = %v", err)
	}
	if h, err := ResetScriptHTML("<"); !errors.Is(err, ErrInvalidNonce) || h != "" {
		t.Errorf("ResetScriptHTML(bad nonce) = %q, %v", h, err)
	}
}

// html/template inserts the template.HTML forms as they are, in the body.
func TestSetUserScriptHTMLTemplate(t *testing.T) {
	key := renderKey(t)
	tmpl := template.Must(template.New("p").Parse(`<body>{{.}}</body>`))
	snippet, err := key.SetUserScriptHTML(hostileUsers[0].identifier, Fields{Name: hostileUsers[0].userName}, "")
	if err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	if err := tmpl.Execute(&buf, snippet); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "<body>"+string(snippet)+"</body>" || strings.Count(buf.String(), "</script") != 1 {
		t.Errorf("template output %q", buf.String())
	}
}

type marshalsItself struct{}

func (marshalsItself) MarshalJSON() ([]byte, error) { return []byte(`"x"`), nil }

type textLevel int

func (textLevel) MarshalText() ([]byte, error) { return []byte("high"), nil }

// Each class of bad input is its own typed error, for the script and the payload alike.
func TestRenderErrors(t *testing.T) {
	key := renderKey(t)
	ok := Fields{Name: "Jane"}
	for _, c := range []struct {
		name       string
		identifier string
		fields     Fields
		nonce      string
		want       error
	}{
		{"empty identifier", "", ok, "", ErrEmptyIdentifier},
		{"no name, email or avatar", "1", Fields{City: "Cork", CustomAttributes: map[string]any{"a": 1}}, "", ErrMissingContactField},
		{"nil attribute", "1", Fields{Name: "J", CustomAttributes: map[string]any{"a": nil}}, "", ErrInvalidFieldValue},
		{"slice attribute", "1", Fields{Name: "J", CustomAttributes: map[string]any{"a": []int{1}}}, "", ErrInvalidFieldValue},
		{"map attribute", "1", Fields{Name: "J", CustomAttributes: map[string]any{"a": map[string]any{}}}, "", ErrInvalidFieldValue},
		{"pointer attribute", "1", Fields{Name: "J", CustomAttributes: map[string]any{"a": new(int)}}, "", ErrInvalidFieldValue},
		{"Marshaler attribute", "1", Fields{Name: "J", CustomAttributes: map[string]any{"a": marshalsItself{}}}, "", ErrInvalidFieldValue},
		{"TextMarshaler attribute", "1", Fields{Name: "J", CustomAttributes: map[string]any{"a": textLevel(2)}}, "", ErrInvalidFieldValue},
		{"NaN attribute", "1", Fields{Name: "J", CustomAttributes: map[string]any{"a": math.NaN()}}, "", ErrInvalidFieldValue},
		{"infinite attribute", "1", Fields{Name: "J", CustomAttributes: map[string]any{"a": math.Inf(1)}}, "", ErrInvalidFieldValue},
		{"int64 past 2^53", "1", Fields{Name: "J", CustomAttributes: map[string]any{"a": int64(1 << 53)}}, "", ErrInvalidFieldValue},
		{"social profile not UTF-8", "1", Fields{Name: "J", SocialProfiles: map[string]string{"github": "\xff"}}, "", ErrInvalidUTF8},
		{"uint64 above int64", "1", Fields{Name: "J", CustomAttributes: map[string]any{"a": uint64(math.MaxUint64)}}, "", ErrInvalidFieldValue},
		{"nonce with a quote", "1", ok, `a"b`, ErrInvalidNonce},
		{"nonce with a space", "1", ok, "a b", ErrInvalidNonce},
	} {
		t.Run(c.name, func(t *testing.T) {
			script, err := key.SetUserScript(c.identifier, c.fields, c.nonce)
			if !errors.Is(err, c.want) || script != "" {
				t.Errorf("SetUserScript = %q, %v; want %v", script, err, c.want)
			}
			if html, err := key.SetUserScriptHTML(c.identifier, c.fields, c.nonce); !errors.Is(err, c.want) || html != "" {
				t.Errorf("SetUserScriptHTML = %q, %v; want %v", html, err, c.want)
			}
			if c.nonce == "" {
				if p, err := key.SetUserPayload(c.identifier, c.fields); !errors.Is(err, c.want) || p != nil {
					t.Errorf("SetUserPayload = %s, %v; want %v", p, err, c.want)
				}
			}
			var e *Error
			if errors.As(err, &e) && (e.Code() >= 0 || !strings.HasPrefix(err.Error(), "chatwootidentity: ")) {
				t.Errorf("error %v has code %d", err, e.Code())
			}
		})
	}
	// The library's own statuses carry its message and code.
	_, err := key.SetUserScript("1", Fields{City: "x"}, "")
	assertStatus(t, "SetUserScript", err, ErrMissingContactField, -12)
	_, err = key.SetUserScript("1", ok, "?")
	assertStatus(t, "SetUserScript", err, ErrInvalidNonce, -13)
	if !strings.Contains(ErrInvalidIdentifier.Error(), "UTF-8") || ErrInvalidIdentifier.Code() != -8 ||
		ErrInvalidJSON.Code() != -9 || ErrUnknownField.Code() != -10 || ErrInvalidFieldValue.Code() != -11 {
		t.Errorf("render sentinels: %v %v %v %v", ErrInvalidIdentifier, ErrInvalidJSON, ErrUnknownField, ErrInvalidFieldValue)
	}
	// The attribute is named, never its value.
	_, err = key.SetUserPayload("1", Fields{Name: "J", CustomAttributes: map[string]any{"plan": []string{"secret-value"}}})
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != `custom_attributes["plan"]` || strings.Contains(err.Error(), "secret-value") {
		t.Errorf("FieldError = %v", err)
	}
}

// A Go string that is not valid UTF-8 is refused before the library is called: encoding/json
// would otherwise turn it into U+FFFD silently.
func TestRenderInvalidUTF8(t *testing.T) {
	key := renderKey(t)
	bad := "caf\xe9"
	_, err := key.SetUserScript(bad, Fields{Name: "J"}, "")
	if !errors.Is(err, ErrInvalidUTF8) || !errors.Is(err, ErrInvalidIdentifier) {
		t.Errorf("identifier: %v", err)
	}
	if _, err := key.SetUserPayload(bad, Fields{Name: "J"}); !errors.Is(err, ErrInvalidIdentifier) {
		t.Errorf("payload identifier: %v", err)
	}
	for field, f := range map[string]Fields{
		"name":                      {Name: bad},
		"city":                      {Name: "J", City: bad},
		"custom_attributes":         {Name: "J", CustomAttributes: map[string]any{bad: "v"}},
		`custom_attributes["note"]`: {Name: "J", CustomAttributes: map[string]any{"note": bad}},
	} {
		_, err := key.SetUserPayload("1", f)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != field || !errors.Is(err, ErrInvalidUTF8) {
			t.Errorf("%s: %v", field, err)
		}
	}
}

// Renders race with Close: each result is a whole, right snippet or ErrClosed.
func TestRenderClose(t *testing.T) {
	long := strings.Repeat("long-name-", 1<<14)
	wantHash := goHMAC([]byte(sampleSecret), []byte("7"))
	for round := 0; round < 10; round++ {
		key, err := NewKey(sampleSecret)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					p, err := key.SetUserPayload("7", Fields{Name: long})
					if errors.Is(err, ErrClosed) {
						return
					}
					if err != nil || !bytes.Contains(p, []byte(wantHash)) || !bytes.HasSuffix(p, []byte(long+`"}`)) {
						t.Errorf("payload during Close: %v", err)
						return
					}
				}
			}()
		}
		key.Close()
		wg.Wait()
	}
	var nilKey *Key
	if _, err := nilKey.SetUserScript("1", Fields{Name: "J"}, ""); !errors.Is(err, ErrClosed) {
		t.Errorf("nil key: %v", err)
	}
	key := renderKey(t)
	key.Close()
	if _, err := key.SetUserScriptHTML("1", Fields{Name: "J"}, ""); !errors.Is(err, ErrClosed) {
		t.Errorf("closed key: %v", err)
	}
}

// A snippet larger than the first buffer takes the library's second, sized call.
func TestRenderLarge(t *testing.T) {
	name := strings.Repeat("<&>", 100_000)
	script, err := renderKey(t).SetUserScript("1", Fields{Name: name}, "n")
	if err != nil || len(script) < 6*len(name) || !strings.HasSuffix(script, "</script>") {
		t.Errorf("large script: %d bytes, %v", len(script), err)
	}
}
