package chatwootidentity

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
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

// FuzzIdentifierHash checks the one-shot call, a Key, and Verify against crypto/hmac for
// arbitrary bytes. The seeds run in every `go test`; `make fuzz-go` explores further.
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
	f.Fuzz(func(t *testing.T, secret, identifier []byte) {
		got, err := IdentifierHash(string(secret), string(identifier))
		if want := wantError(secret, identifier); want != nil {
			if !errors.Is(err, want) || got != "" {
				t.Fatalf("IdentifierHash(%q, %q) = %q, %v; want error %v", secret, identifier, got, err, want)
			}
			if Verify(string(secret), string(identifier), goHMAC(secret, identifier)) {
				t.Fatalf("Verify accepted rejected input (%q, %q)", secret, identifier)
			}
			return
		}
		want := goHMAC(secret, identifier)
		if err != nil || got != want {
			t.Fatalf("IdentifierHash(%q, %q) = %q, %v; crypto/hmac = %q", secret, identifier, got, err, want)
		}
		key, err := NewKeyBytes(secret)
		if err != nil {
			t.Fatalf("NewKeyBytes(%q): %v", secret, err)
		}
		defer key.Close()
		if got, err := key.IdentifierHashBytes(identifier); err != nil || got != want {
			t.Fatalf("Key.IdentifierHashBytes(%q) = %q, %v; crypto/hmac = %q", identifier, got, err, want)
		}
		if !Verify(string(secret), string(identifier), want) || !key.VerifyBytes(identifier, []byte(want)) {
			t.Fatalf("Verify rejected crypto/hmac's hash for (%q, %q)", secret, identifier)
		}
		if upper := strings.ToUpper(want); upper != want && Verify(string(secret), string(identifier), upper) {
			t.Fatalf("Verify accepted uppercase hex")
		}
		flipped := []byte(want)
		flipped[len(flipped)-1] ^= 1 // '0'<->'1', 'a'<->'`': a different hash
		if key.VerifyBytes(identifier, flipped) {
			t.Fatalf("Key.VerifyBytes accepted a wrong hash")
		}
	})
}
