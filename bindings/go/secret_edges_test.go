package chatwootidentity

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// The ends of a secret, beyond the cases of tests/bad_input_matrix.json (which TestBadInputMatrix
// runs): every listed invisible character and more paddings through every entry point, and the
// core's rule against Go's own Unicode tables.

// Whitespace or an invisible character at either end: the typed error (SECRET_WHITESPACE -3,
// SECRET_INVISIBLE -14) from IdentifierHash, NewKey and NewKeyBytes, false from Verify even
// with crypto/hmac's hash of the padded secret, VerdictSecretWhitespace from Explain; inside the
// secret, an invisible character is key material.
func TestSecretEdges(t *testing.T) {
	if len(invisibles) != 23 {
		t.Fatalf("%d invisible characters, want 23", len(invisibles))
	}
	type padded struct {
		secret string
		want   error
		code   int
	}
	cases := []padded{
		{"\t" + sampleSecret, ErrSecretWhitespace, -3},
		{sampleSecret + " ", ErrSecretWhitespace, -3},
		{" " + sampleSecret + "\n", ErrSecretWhitespace, -3},
	}
	for _, mark := range invisibles {
		for _, secret := range []string{mark + sampleSecret, sampleSecret + mark, mark + sampleSecret + mark} {
			if !invisibleEdge([]byte(secret)) {
				t.Errorf("the test's predicate misses %+q", mark)
			}
			cases = append(cases, padded{secret, ErrSecretInvisible, -14})
		}
		inside := sampleSecret[:4] + mark + sampleSecret[4:]
		if got, err := IdentifierHash(inside, sampleIdentifier); err != nil || got != goHMAC([]byte(inside), []byte(sampleIdentifier)) {
			t.Errorf("IdentifierHash(%+q inside) = %q, %v; want crypto/hmac's hash", mark, got, err)
		}
	}
	for _, c := range cases {
		got, err := IdentifierHash(c.secret, sampleIdentifier)
		assertStatus(t, fmt.Sprintf("IdentifierHash(%+q)", c.secret), err, c.want, c.code)
		if got != "" {
			t.Errorf("IdentifierHash(%+q) returned %q with an error", c.secret, got)
		}
		key, err := NewKey(c.secret)
		assertStatus(t, fmt.Sprintf("NewKey(%+q)", c.secret), err, c.want, c.code)
		if key != nil {
			t.Errorf("NewKey(%+q) returned a key with an error", c.secret)
		}
		_, err = NewKeyBytes([]byte(c.secret))
		assertStatus(t, fmt.Sprintf("NewKeyBytes(%+q)", c.secret), err, c.want, c.code)
		if Verify(c.secret, sampleIdentifier, goHMAC([]byte(c.secret), []byte(sampleIdentifier))) {
			t.Errorf("Verify accepted the padded secret %+q", c.secret)
		}
		if v := explainOK(t, c.secret, sampleIdentifier, sampleHash).Verdict; v != VerdictSecretWhitespace {
			t.Errorf("Explain(%+q, sample) = %v, want secret_whitespace", c.secret, v)
		}
	}
}

func TestInvisibleEdgePredicate(t *testing.T) {
	for _, s := range []string{"\ufeffabc", "abc\u00a0", "\U000e0020", "a\xc2\x85", "\u180e" + "k", "k\u2065"} {
		if !invisibleEdge([]byte(s)) {
			t.Errorf("invisibleEdge(%+q) = false", s)
		}
	}
	for _, s := range []string{"a\u200bb", "\xef\xbb", "\x0b\x0c", "\u00e9t\u00e9", "k\ufffd", "\xed\xa0\x80k"} {
		if invisibleEdge([]byte(s)) {
			t.Errorf("invisibleEdge(%+q) = true", s)
		}
	}
}

// Unicode's tables through the unicode package and the core's own rule agree on every
// non-ASCII code point at the end of a secret.
func TestEveryCodePointAtAnEdgeIsJudgedLikeThePredicate(t *testing.T) {
	var disagree []string
	var refused int
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if 0xD800 <= r && r <= 0xDFFF {
			continue
		}
		secret := []byte("k" + string(r))
		key, err := NewKeyBytes(secret)
		if err == nil {
			key.Close()
		} else if !errors.Is(err, ErrSecretInvisible) {
			t.Fatalf("NewKeyBytes(k U+%04X): %v", r, err)
		}
		if err != nil {
			refused++
		}
		if (err != nil) != invisibleEdge(secret) {
			disagree = append(disagree, fmt.Sprintf("U+%04X", r))
		}
	}
	if len(disagree) > 0 {
		t.Errorf("core and predicate disagree on %d code points: %v", len(disagree), disagree)
	}
	if refused < 4000 { // the tags and reserved default-ignorables alone are 4096
		t.Errorf("only %d code points refused", refused)
	}
}

// Random UTF-8 text secrets, some with an invisible character at an end: the typed error for
// those, crypto/hmac's hash for every other one.
func TestRandomTextSecrets(t *testing.T) {
	alphabet := []rune("abcXYZ019-_~ éüßжユ😀\u00ad\u00a0\u200b\ufeff\u3000\U000e0041\u2028")
	rng := rand.New(rand.NewPCG(7, 13))
	refused, hashed := 0, 0
	for range 2000 {
		runes := make([]rune, 1+rng.IntN(30))
		for i := range runes {
			runes[i] = alphabet[rng.IntN(len(alphabet))]
		}
		secret := strings.Trim(string(runes), " ")
		if secret == "" {
			continue
		}
		got, err := IdentifierHash(secret, "user-1")
		if invisibleEdge([]byte(secret)) {
			assertStatus(t, "IdentifierHash", err, ErrSecretInvisible, -14)
			if Verify(secret, "user-1", goHMAC([]byte(secret), []byte("user-1"))) {
				t.Errorf("Verify accepted %+q", secret)
			}
			refused++
			continue
		}
		if want := goHMAC([]byte(secret), []byte("user-1")); err != nil || got != want {
			t.Fatalf("IdentifierHash(%+q) = %q, %v; crypto/hmac = %q", secret, got, err, want)
		}
		hashed++
	}
	if refused < 200 || hashed < 200 {
		t.Errorf("refused %d, hashed %d: the alphabet no longer exercises both", refused, hashed)
	}
}
