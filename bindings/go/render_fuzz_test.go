package chatwootidentity

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRender feeds arbitrary identifiers, names and attribute values to the renderer: a
// valid user gives a script with nothing HTML can read as markup and a payload that
// encoding/json reads back exactly; anything else is a typed error, never a snippet.
func FuzzRender(f *testing.F) {
	for _, u := range hostileUsers {
		f.Add(u.identifier, u.userName, u.email, "n0nce")
	}
	f.Add("", "", "", "")
	f.Add("caf\xe9", "a\x00b", "\xed\xa0\x80", "a b")
	key, err := NewKey(sampleSecret)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, identifier, name, attr, nonce string) {
		fields := Fields{Name: name, CustomAttributes: map[string]any{"attr": attr}}
		script, serr := key.SetUserScript(identifier, fields, nonce)
		payload, perr := key.SetUserPayload(identifier, fields)
		valid := identifier != "" && name != "" && utf8.ValidString(identifier) && utf8.ValidString(name) && utf8.ValidString(attr)
		if !valid {
			if serr == nil || perr == nil {
				t.Fatalf("accepted an invalid user: %q %q %q", identifier, name, attr)
			}
			var e *Error
			var fe *FieldError
			if !errors.As(perr, &e) && !errors.As(perr, &fe) && !errors.Is(perr, ErrInvalidUTF8) {
				t.Fatalf("untyped error: %v", perr)
			}
			return
		}
		if perr != nil {
			t.Fatalf("SetUserPayload: %v", perr)
		}
		var got struct {
			Identifier       string            `json:"identifier"`
			IdentifierHash   string            `json:"identifier_hash"`
			Name             string            `json:"name"`
			CustomAttributes map[string]string `json:"custom_attributes"`
		}
		if err := json.Unmarshal(payload, &got); err != nil {
			t.Fatalf("payload %q: %v", payload, err)
		}
		if got.Identifier != identifier || got.Name != name || got.CustomAttributes["attr"] != attr ||
			got.IdentifierHash != goHMAC([]byte(sampleSecret), []byte(identifier)) {
			t.Fatalf("payload %q does not round-trip", payload)
		}
		if serr != nil {
			if !errors.Is(serr, ErrInvalidNonce) {
				t.Fatalf("SetUserScript: %v", serr)
			}
			return
		}
		if strings.Count(script, "</script") != 1 || !strings.HasSuffix(script, "</script>") ||
			strings.ContainsAny(strings.TrimSuffix(script[1:], "</script>"), "<\u2028\u2029\x00") {
			t.Fatalf("unsafe script %q", script)
		}
	})
}
