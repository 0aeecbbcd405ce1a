package chatwootidentity_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	chatwootidentity "github.com/chatwoot-identity/chatwoot-identity/bindings/go"
)

// Every call that takes a secret, with every bad input beside it: no error string, no %v,
// %+v or %#v of the error, the Key or the result ever shows the secret.
func TestNoSecretInErrorsOrFormatting(t *testing.T) {
	const secret = "s3cr3t-RECOGNISABLE-inbox-token"
	bads := []string{"", " padded ", "\xff\xfe", "x\x00y", secret + "\n"}
	var seen []any
	check := func(what string, vs ...any) {
		t.Helper()
		for _, v := range vs {
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
				if s := fmt.Sprintf(verb, v); strings.Contains(s, secret) {
					t.Fatalf("%s: %s shows the secret: %s", what, verb, s)
				}
			}
			if err, ok := v.(error); ok && err != nil {
				for e := err; e != nil; e = errors.Unwrap(e) {
					if strings.Contains(e.Error(), secret) {
						t.Fatalf("%s: a wrapped error shows the secret", what)
					}
				}
			}
		}
		seen = append(seen, vs...)
	}
	for _, bad := range bads {
		_, err := chatwootidentity.IdentifierHash(secret+"\n", bad)
		check("IdentifierHash", err)
		_, err = chatwootidentity.IdentifierHash(bad, "42")
		check("IdentifierHash secret", err)
		_, err = chatwootidentity.NewKey(" " + secret)
		check("NewKey", err)
		_, err = chatwootidentity.NewKeyBytes([]byte(secret + "\r\n"))
		check("NewKeyBytes", err)
		k, err := chatwootidentity.NewKey(secret)
		if err != nil {
			t.Fatal(err)
		}
		_, err = k.IdentifierHash(bad)
		check("Key.IdentifierHash", k, err)
		_, err = k.IdentifierHashes([]string{"1", bad, "3"})
		check("Key.IdentifierHashes", err)
		_, err = k.SetUserScript(bad, chatwootidentity.Fields{City: "x"}, bad)
		check("Key.SetUserScript", err)
		_, err = k.SetUserPayload("42", chatwootidentity.Fields{CustomAttributes: map[string]any{"a": []int{1}}})
		check("Key.SetUserPayload", err)
		ex, err := chatwootidentity.Explain(secret, bad, "x", chatwootidentity.WithOtherSecrets(secret, bad))
		check("Explain", ex, err)
		ex, err = chatwootidentity.Explain(bad, "42", secret, chatwootidentity.WithOtherSecrets(secret))
		check("Explain with the secret as the hash", ex, err)
		check("ExplainOption", chatwootidentity.WithOtherSecrets(secret))
		k.Close()
		_, err = k.IdentifierHash("42")
		check("closed Key", k, err)
	}
	if len(seen) == 0 {
		t.Fatal("nothing was checked")
	}
}
