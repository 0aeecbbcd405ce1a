package chatwootidentity

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"unicode"
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
	case invisibleEdge(secret):
		return ErrSecretInvisible
	case len(identifier) == 0:
		return ErrEmptyIdentifier
	}
	return nil
}

// isSpace is the secret whitespace the library rejects: space, tab, CR, LF.
func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// invisibleEdge reports whether the first or the last character of secret, where those
// bytes are UTF-8, is invisible (see isInvisible). Bytes that are not UTF-8 are raw key bytes.
func invisibleEdge(secret []byte) bool {
	first, n := utf8.DecodeRune(secret)
	last, m := utf8.DecodeLastRune(secret)
	return (n > 1 && isInvisible(first)) || (m > 1 && isInvisible(last))
}

// Default-ignorable code points the unicode package's tables lack: Cf characters and
// Other_Default_Ignorable_Code_Point ranges are taken from the tables below, written out
// here only where Go's Unicode version may predate them, so the tests judge the core
// independently of its own list.
var extraInvisible = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x0890, Hi: 0x0891, Stride: 1}, // Arabic pound/piastre mark above (Cf, Unicode 14)
	},
	R32: []unicode.Range32{
		{Lo: 0x13430, Hi: 0x1343F, Stride: 1}, // Egyptian hieroglyph format controls (Cf, Unicode 15)
		{Lo: 0xE0000, Hi: 0xE0FFF, Stride: 1}, // tags, variation selectors supplement, reserved (Default_Ignorable)
	},
}

// isInvisible is a non-ASCII Unicode White_Space, format (Cf) or default-ignorable character.
func isInvisible(r rune) bool {
	return r > unicode.MaxASCII && (unicode.IsSpace(r) ||
		unicode.In(r, unicode.Cf, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector, extraInvisible))
}

// invisibles are characters refused at either end of a secret and hashed inside one.
var invisibles = []string{"\ufeff", "\u00a0", "\u200b", "\u200c", "\u200d", "\u2060", "\u3000", "\u2028",
	"\u2029", "\u1680", "\u2000", "\u2005", "\u200a", "\u202f", "\u205f", "\u0085",
	"\u00ad", "\u200e", "\u202e", "\u180e", "\ufe0f", "\U000e0020", "\U000e0001"}

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
	f.Add([]byte("\ufeff"+sampleSecret), []byte("user"))       // a byte-order mark
	f.Add([]byte(sampleSecret+"\u00a0"), []byte("user"))       // a no-break space
	f.Add([]byte("k\u200bk"), []byte("user"))                  // inside: key material
	f.Add([]byte{0xbb, 0xbf, 'k', 0xef, 0xbb}, []byte("user")) // half a BOM at each end: raw bytes
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
