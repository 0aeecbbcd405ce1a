package chatwootidentity

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

const (
	sampleSecret     = "your-secret-token-for-hmac"
	sampleIdentifier = "unique-identifier-of-the-user"
	sampleHash       = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
)

// goHMAC is Chatwoot's documented Go sample, the independent reference of these tests.
func goHMAC(secret, identifier []byte) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write(identifier)
	return hex.EncodeToString(mac.Sum(nil))
}

func TestDocumentedSampleAgreesWithCryptoHMAC(t *testing.T) {
	want := goHMAC([]byte(sampleSecret), []byte(sampleIdentifier))
	if want != sampleHash {
		t.Fatalf("crypto/hmac gives %s, the documentation says %s", want, sampleHash)
	}
	if got, err := IdentifierHash(sampleSecret, sampleIdentifier); err != nil || got != want {
		t.Fatalf("IdentifierHash = %q, %v; crypto/hmac = %q", got, err, want)
	}
}

// wantError is the library's input policy, restated independently: what the call must
// refuse before hashing.
func wantError(secret, identifier []byte) error {
	switch {
	case len(secret) == 0:
		return ErrEmptySecret
	case isSpace(secret[0]) || isSpace(secret[len(secret)-1]):
		return ErrSecretWhitespace
	case len(identifier) == 0:
		return ErrEmptyIdentifier
	}
	return nil
}

// isSpace is the secret whitespace the library rejects: space, tab, CR, LF.
func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// FuzzIdentifierHash checks the one-shot call, a Key (single, batch, bytes and string
// variants) and Verify against crypto/hmac for arbitrary bytes: the string functions must
// refuse invalid UTF-8 with ErrInvalidUTF8 and the []byte ones hash it. The seeds run in
// every `go test`; `make test` fuzzes for a few seconds, `make fuzz` for longer.
func FuzzIdentifierHash(f *testing.F) {
	f.Add([]byte(sampleSecret), []byte(sampleIdentifier))
	f.Add([]byte(sampleSecret), []byte("unique-identifier-key-of-the-user"))
	f.Add([]byte("s"), []byte("1"))
	f.Add([]byte(""), []byte("user"))
	f.Add([]byte(sampleSecret), []byte(""))
	f.Add([]byte(sampleSecret+"\n"), []byte("user"))
	f.Add([]byte(" "+sampleSecret), []byte("user"))
	f.Add([]byte("\t"), []byte("user"))
	f.Add([]byte("in ner"), []byte(" identifier with spaces \n"))
	f.Add([]byte("sécrét-ü"), []byte("ユーザー@example.com"))
	f.Add([]byte{0xff, 0x00, 0xfe}, []byte{0x00, 0xc3, 0x28})
	f.Add(bytes.Repeat([]byte("k"), 64), bytes.Repeat([]byte("i"), 55)) // one-block boundary
	f.Add(bytes.Repeat([]byte("k"), 65), bytes.Repeat([]byte("i"), 56)) // long key gets hashed
	f.Add(bytes.Repeat([]byte("k"), 200), bytes.Repeat([]byte("i"), 1000))
	f.Add([]byte(sampleSecret), []byte{'a', 0xed, 0xa0, 0x80}) // a UTF-8-encoded surrogate
	f.Add([]byte{'s', 0xc0, 0xaf}, []byte("user"))             // an overlong encoding
	f.Fuzz(func(t *testing.T, secret, identifier []byte) {
		got, err := IdentifierHash(string(secret), string(identifier))
		if !utf8.Valid(secret) || !utf8.Valid(identifier) {
			if !errors.Is(err, ErrInvalidUTF8) || got != "" {
				t.Fatalf("IdentifierHash(%q, %q) = %q, %v; want ErrInvalidUTF8", secret, identifier, got, err)
			}
			if Verify(string(secret), string(identifier), goHMAC(secret, identifier)) {
				t.Fatalf("Verify accepted a string that is not UTF-8 (%q, %q)", secret, identifier)
			}
		} else if want := wantError(secret, identifier); want == nil && (err != nil || got != goHMAC(secret, identifier)) {
			t.Fatalf("IdentifierHash(%q, %q) = %q, %v; crypto/hmac = %q", secret, identifier, got, err, goHMAC(secret, identifier))
		}
		if want := wantError(secret, identifier); want != nil {
			if _, err := NewKeyBytes(secret); want != ErrEmptyIdentifier && !errors.Is(err, want) {
				t.Fatalf("NewKeyBytes(%q): %v; want %v", secret, err, want)
			}
			if utf8.Valid(secret) && utf8.Valid(identifier) && (!errors.Is(err, want) || got != "") {
				t.Fatalf("IdentifierHash(%q, %q) = %q, %v; want error %v", secret, identifier, got, err, want)
			}
			if Verify(string(secret), string(identifier), goHMAC(secret, identifier)) {
				t.Fatalf("Verify accepted rejected input (%q, %q)", secret, identifier)
			}
			return
		}
		want := goHMAC(secret, identifier)
		key, err := NewKeyBytes(secret)
		if err != nil {
			t.Fatalf("NewKeyBytes(%q): %v", secret, err)
		}
		defer key.Close()
		if got, err := key.IdentifierHashBytes(identifier); err != nil || got != want {
			t.Fatalf("Key.IdentifierHashBytes(%q) = %q, %v; crypto/hmac = %q", identifier, got, err, want)
		}
		if !key.VerifyBytes(identifier, []byte(want)) {
			t.Fatalf("Key.VerifyBytes rejected crypto/hmac's hash for (%q, %q)", secret, identifier)
		}
		batch, err := key.IdentifierHashes([]string{string(identifier), sampleIdentifier})
		keyed, kerr := key.IdentifierHash(string(identifier))
		if utf8.Valid(identifier) {
			if err != nil || batch[0] != want || batch[1] != goHMAC(secret, []byte(sampleIdentifier)) {
				t.Fatalf("Key.IdentifierHashes(%q) = %q, %v; crypto/hmac = %q", identifier, batch, err, want)
			}
			if kerr != nil || keyed != want || !key.Verify(string(identifier), want) {
				t.Fatalf("Key.IdentifierHash(%q) = %q, %v; crypto/hmac = %q", identifier, keyed, kerr, want)
			}
		} else {
			var be *BatchError
			if !errors.As(err, &be) || be.Index != 0 || !errors.Is(err, ErrInvalidUTF8) || !errors.Is(kerr, ErrInvalidUTF8) {
				t.Fatalf("string functions with non-UTF-8 %q: batch %v, single %v; want ErrInvalidUTF8", identifier, err, kerr)
			}
			if key.Verify(string(identifier), want) {
				t.Fatalf("Key.Verify accepted a string that is not UTF-8: %q", identifier)
			}
		}
		if upper := strings.ToUpper(want); upper != want && key.VerifyBytes(identifier, []byte(upper)) {
			t.Fatalf("Verify accepted uppercase hex")
		}
		flipped := []byte(want)
		flipped[len(flipped)-1] ^= 1 // '0'<->'1', 'a'<->'`': a different hash
		if key.VerifyBytes(identifier, flipped) {
			t.Fatalf("Key.VerifyBytes accepted a wrong hash")
		}
	})
}
