package chatwootidentity

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The rows of the bad-input matrix (docs/bad-input-matrix.md) that the other test files do
// not already prove. Each test states what a Go caller gets; a "matrix" comment names its row.

// matrix: null-zero-length
// Go's (NULL, 0) is the empty string or an empty/nil slice: typed errors, false, not_hex.
func TestEmptyStringsEverywhere(t *testing.T) {
	if _, err := IdentifierHash("", sampleIdentifier); !errors.Is(err, ErrEmptySecret) {
		t.Errorf("IdentifierHash(\"\", id): %v, want ErrEmptySecret", err)
	}
	if _, err := IdentifierHash(sampleSecret, ""); !errors.Is(err, ErrEmptyIdentifier) {
		t.Errorf("IdentifierHash(secret, \"\"): %v, want ErrEmptyIdentifier", err)
	}
	if key, err := NewKey(""); !errors.Is(err, ErrEmptySecret) || key != nil {
		t.Errorf("NewKey(\"\") = %v, %v; want nil, ErrEmptySecret", key, err)
	}
	if key, err := NewKeyBytes([]byte{}); !errors.Is(err, ErrEmptySecret) || key != nil {
		t.Errorf("NewKeyBytes(empty) = %v, %v; want nil, ErrEmptySecret", key, err)
	}
	if Verify("", sampleIdentifier, sampleHash) || Verify(sampleSecret, "", sampleHash) || Verify(sampleSecret, sampleIdentifier, "") {
		t.Errorf("Verify accepted an empty argument")
	}
	for _, c := range []struct {
		secret, identifier string
		want               error
	}{
		{"", sampleIdentifier, ErrEmptySecret},
		{" \t", sampleIdentifier, ErrEmptySecret},
		{sampleSecret, "", ErrEmptyIdentifier},
	} {
		if e, err := Explain(c.secret, c.identifier, sampleHash); !errors.Is(err, c.want) {
			t.Errorf("Explain(%q, %q) = %v, %v; want %v", c.secret, c.identifier, e, err, c.want)
		}
	}
	if e := explainOK(t, sampleSecret, sampleIdentifier, ""); e.Verdict != VerdictBlankHash {
		t.Errorf("Explain(empty hash) = %v, want blank_hash", e)
	}
}

// matrix: empty-secret
func TestEmptySecret(t *testing.T) {
	_, err := IdentifierHash("", sampleIdentifier)
	assertStatus(t, "IdentifierHash", err, ErrEmptySecret, -2)
	_, err = NewKey("")
	assertStatus(t, "NewKey", err, ErrEmptySecret, -2)
	_, err = NewKeyBytes(nil)
	assertStatus(t, "NewKeyBytes(nil)", err, ErrEmptySecret, -2)
	if Verify("", sampleIdentifier, goHMAC(nil, []byte(sampleIdentifier))) {
		t.Errorf("Verify accepted the HMAC under an empty key")
	}
}

// matrix: secret-whitespace
func TestSecretWhitespace(t *testing.T) {
	for _, secret := range []string{sampleSecret + "\n", sampleSecret + "\r\n", " " + sampleSecret, "\t" + sampleSecret, sampleSecret + " "} {
		_, err := IdentifierHash(secret, sampleIdentifier)
		assertStatus(t, "IdentifierHash", err, ErrSecretWhitespace, -3)
		_, err = NewKey(secret)
		assertStatus(t, "NewKey", err, ErrSecretWhitespace, -3)
		if Verify(secret, sampleIdentifier, goHMAC([]byte(secret), []byte(sampleIdentifier))) {
			t.Errorf("Verify accepted a whitespace-padded secret %q", secret)
		}
		if v := explainOK(t, secret, sampleIdentifier, sampleHash).Verdict; v != VerdictSecretWhitespace {
			t.Errorf("Explain(%q, sample) = %v, want secret_whitespace", secret, v)
		}
	}
}

// matrix: empty-identifier
func TestEmptyIdentifier(t *testing.T) {
	_, err := IdentifierHash(sampleSecret, "")
	assertStatus(t, "IdentifierHash", err, ErrEmptyIdentifier, -4)
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	_, err = key.IdentifierHash("")
	assertStatus(t, "Key.IdentifierHash", err, ErrEmptyIdentifier, -4)
	_, err = key.IdentifierHashBytes(nil)
	assertStatus(t, "Key.IdentifierHashBytes(nil)", err, ErrEmptyIdentifier, -4)
	emptyHash := goHMAC([]byte(sampleSecret), nil)
	if Verify(sampleSecret, "", emptyHash) || key.Verify("", emptyHash) {
		t.Errorf("Verify accepted the HMAC of an empty identifier")
	}
}

// matrix: identifier-1mib
func TestOneMebibyteIdentifier(t *testing.T) {
	identifier := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	want := goHMAC([]byte(sampleSecret), identifier)
	if got, err := IdentifierHash(sampleSecret, string(identifier)); err != nil || got != want {
		t.Fatalf("IdentifierHash(1 MiB) = %q, %v; crypto/hmac = %q", got, err, want)
	}
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	if got, err := key.IdentifierHashBytes(identifier); err != nil || got != want {
		t.Fatalf("Key.IdentifierHashBytes(1 MiB) = %q, %v; crypto/hmac = %q", got, err, want)
	}
	if got, err := key.IdentifierHashes([]string{string(identifier), sampleIdentifier}); err != nil || got[0] != want || got[1] != sampleHash {
		t.Fatalf("IdentifierHashes with a 1 MiB identifier = %q, %v", got, err)
	}
	if !Verify(sampleSecret, string(identifier), want) || !key.VerifyBytes(identifier, []byte(want)) {
		t.Errorf("Verify rejected crypto/hmac's hash of 1 MiB")
	}
}

// matrix: non-utf8
// Raw bytes go through the []byte functions and are hashed as they are (the string
// functions refuse invalid UTF-8: see TestInvalidUTF8String).
func TestNonUTF8Identifier(t *testing.T) {
	identifier := []byte{0xff, 0xfe, 0x00, 0xc3, 0x28, 'i', 'd'}
	if utf8.Valid(identifier) {
		t.Fatal("the test identifier must not be UTF-8")
	}
	want := goHMAC([]byte(sampleSecret), identifier)
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	if got, err := key.IdentifierHashBytes(identifier); err != nil || got != want {
		t.Fatalf("Key.IdentifierHashBytes(non-UTF-8) = %q, %v; crypto/hmac = %q", got, err, want)
	}
	if got, err := key.AppendIdentifierHash(nil, identifier); err != nil || string(got) != want {
		t.Fatalf("Key.AppendIdentifierHash(non-UTF-8) = %q, %v; crypto/hmac = %q", got, err, want)
	}
	if !key.VerifyBytes(identifier, []byte(want)) {
		t.Errorf("VerifyBytes rejected crypto/hmac's hash of non-UTF-8 bytes")
	}
	// The bytes are hashed as they are, not replaced by U+FFFD.
	replaced := strings.ToValidUTF8(string(identifier), "\uFFFD")
	if Verify(sampleSecret, replaced, want) || key.VerifyBytes([]byte(replaced), []byte(want)) {
		t.Errorf("the hash of the raw bytes also verifies the U+FFFD-replaced identifier")
	}
}

// assertHashRefused checks that every verify entry point refuses hash, while the correct
// hash passes with the same key (so the refusal is about the hash, not the setup).
func assertHashRefused(t *testing.T, hash string, verdict Verdict) {
	t.Helper()
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	if !key.Verify(sampleIdentifier, sampleHash) {
		t.Fatal("control: the correct hash does not verify")
	}
	if Verify(sampleSecret, sampleIdentifier, hash) || key.Verify(sampleIdentifier, hash) ||
		key.VerifyBytes([]byte(sampleIdentifier), []byte(hash)) {
		t.Errorf("Verify(%q) = true, want false", hash)
	}
	if got := explainOK(t, sampleSecret, sampleIdentifier, hash).Verdict; got != verdict {
		t.Errorf("Explain(%q) = %v, want %v", hash, got, verdict)
	}
}

// matrix: hash-wrong-length
func TestVerifyWrongLengthHash(t *testing.T) {
	assertHashRefused(t, sampleHash[:63], VerdictWrongLength)
	assertHashRefused(t, sampleHash+"0", VerdictWrongLength)
}

// matrix: uppercase-hash
func TestVerifyUppercaseHash(t *testing.T) {
	assertHashRefused(t, strings.ToUpper(sampleHash), VerdictUppercaseHex)
}

// matrix: non-hex-hash
func TestVerifyNonHexHash(t *testing.T) {
	assertHashRefused(t, strings.Repeat("z", HashLen), VerdictNotHex)
	assertHashRefused(t, "g"+sampleHash[1:], VerdictNotHex)
}

// matrix: hash-whitespace
func TestVerifyHashWithWhitespace(t *testing.T) {
	assertHashRefused(t, sampleHash+"\n", VerdictHashWhitespace)
	assertHashRefused(t, " "+sampleHash+" ", VerdictHashWhitespace)
}

// matrix: buffer-too-small
// The package sizes every output buffer itself: a result is always exactly 64 lowercase
// hex characters, and AppendIdentifierHash grows a dst that has no room.
func TestOutputIsAlwaysSixtyFourHex(t *testing.T) {
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	one, _ := IdentifierHash(sampleSecret, sampleIdentifier)
	keyed, _ := key.IdentifierHash(sampleIdentifier)
	batch, _ := key.IdentifierHashes([]string{sampleIdentifier, "x"})
	small := make([]byte, 1, 2) // cap 2 < 1 + 64
	small[0] = '>'
	appended, err := key.AppendIdentifierHash(small, []byte(sampleIdentifier))
	if err != nil || string(appended) != ">"+sampleHash {
		t.Fatalf("AppendIdentifierHash(cap 2) = %q, %v", appended, err)
	}
	for _, h := range append([]string{one, keyed, string(appended[1:])}, batch...) {
		if len(h) != HashLen || strings.Trim(h, "0123456789abcdef") != "" {
			t.Errorf("result %q is not 64 lowercase hex characters", h)
		}
	}
}

// matrix: secret-invisible
// An invisible or Unicode-whitespace character at either end: ErrSecretInvisible (-14), false
// from Verify, VerdictSecretWhitespace from Explain; inside the secret it is key material.
func TestSecretInvisible(t *testing.T) {
	if len(invisibles) != 23 {
		t.Fatalf("%d invisible characters, want 23", len(invisibles))
	}
	for _, mark := range invisibles {
		for _, secret := range []string{mark + sampleSecret, sampleSecret + mark, mark + sampleSecret + mark} {
			if !invisibleEdge([]byte(secret)) {
				t.Errorf("the test's predicate misses %+q", mark)
			}
			got, err := IdentifierHash(secret, sampleIdentifier)
			assertStatus(t, "IdentifierHash", err, ErrSecretInvisible, -14)
			if got != "" {
				t.Errorf("IdentifierHash(%+q) returned %q with an error", secret, got)
			}
			key, err := NewKey(secret)
			assertStatus(t, "NewKey", err, ErrSecretInvisible, -14)
			if key != nil {
				t.Errorf("NewKey(%+q) returned a key with an error", secret)
			}
			_, err = NewKeyBytes([]byte(secret))
			assertStatus(t, "NewKeyBytes", err, ErrSecretInvisible, -14)
			if Verify(secret, sampleIdentifier, goHMAC([]byte(secret), []byte(sampleIdentifier))) {
				t.Errorf("Verify accepted a secret with %+q at an end", mark)
			}
			if v := explainOK(t, secret, sampleIdentifier, sampleHash).Verdict; v != VerdictSecretWhitespace {
				t.Errorf("Explain(%+q, sample) = %v, want secret_whitespace", secret, v)
			}
		}
		inside := sampleSecret[:4] + mark + sampleSecret[4:]
		if got, err := IdentifierHash(inside, sampleIdentifier); err != nil || got != goHMAC([]byte(inside), []byte(sampleIdentifier)) {
			t.Errorf("IdentifierHash(%+q inside) = %q, %v; want crypto/hmac's hash", mark, got, err)
		}
	}
	// Half a byte-order mark at each end is raw key bytes, not a character.
	raw := []byte("\xbb\xbf" + sampleSecret + "\xef\xbb")
	key, err := NewKeyBytes(raw)
	if err != nil {
		t.Fatalf("NewKeyBytes(half BOMs): %v", err)
	}
	defer key.Close()
	if got, err := key.IdentifierHash(sampleIdentifier); err != nil || got != goHMAC(raw, []byte(sampleIdentifier)) {
		t.Errorf("half BOMs at the ends: %q, %v; want crypto/hmac's hash", got, err)
	}
	// A hash made with a BOM-padded secret is explained as a padded secret.
	padded := goHMAC([]byte("\ufeff"+sampleSecret), []byte(sampleIdentifier))
	if v := explainOK(t, sampleSecret, sampleIdentifier, padded).Verdict; v != VerdictPaddedSecret {
		t.Errorf("Explain(hash of a BOM-padded secret) = %v, want padded_secret", v)
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
