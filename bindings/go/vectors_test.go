package chatwootidentity

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// vectors mirrors tests/vectors.json, the cases every binding must pass.
type vectors struct {
	Statuses map[string]int `json:"statuses"`
	Hash     []vectorCase   `json:"hash"`
	Rejected []vectorCase   `json:"rejected"`
	Verify   []vectorCase   `json:"verify"`
	Verdicts map[string]int `json:"verdicts"`
	Explain  []explainCase  `json:"explain"`

	ExplainRejected []explainCase  `json:"explain_rejected"`
	CandidateKinds  map[string]int `json:"candidate_kinds"`
}

type vectorCase struct {
	Name           string `json:"name"`
	SecretHex      string `json:"secret_hex"`
	IdentifierHex  string `json:"identifier_hex"`
	IdentifierHash string `json:"identifier_hash"`
	Status         string `json:"status"`
	Code           int    `json:"code"`
	Valid          bool   `json:"valid"`
}

// The *_hex fields are the exact bytes (some cases are not valid UTF-8).
func (c vectorCase) secret(t *testing.T) string     { return mustHex(t, c.SecretHex) }
func (c vectorCase) identifier(t *testing.T) string { return mustHex(t, c.IdentifierHex) }

func mustHex(t *testing.T, s string) string {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex %q in vectors.json: %v", s, err)
	}
	return string(b)
}

func loadVectors(t *testing.T) vectors {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "tests", "vectors.json"))
	if err != nil {
		t.Fatalf("reading the shared vectors: %v", err)
	}
	var v vectors
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("parsing tests/vectors.json: %v", err)
	}
	if len(v.Hash) == 0 || len(v.Rejected) == 0 || len(v.Verify) == 0 || len(v.Statuses) == 0 {
		t.Fatalf("tests/vectors.json has an empty section")
	}
	return v
}

func TestVectorsHash(t *testing.T) {
	for _, c := range loadVectors(t).Hash {
		t.Run(c.Name, func(t *testing.T) {
			secret, identifier := c.secret(t), c.identifier(t)
			key, err := NewKeyBytes([]byte(secret))
			if err != nil {
				t.Fatalf("NewKeyBytes: %v", err)
			}
			defer key.Close()
			if got, err := key.IdentifierHashBytes([]byte(identifier)); err != nil || got != c.IdentifierHash {
				t.Errorf("Key.IdentifierHashBytes = %q, %v", got, err)
			}
			if !key.VerifyBytes([]byte(identifier), []byte(c.IdentifierHash)) {
				t.Errorf("VerifyBytes rejected the expected hash")
			}
			if !utf8.ValidString(secret) || !utf8.ValidString(identifier) {
				// Raw bytes: only the []byte functions take them (see TestInvalidUTF8String).
				if _, err := IdentifierHash(secret, identifier); !errors.Is(err, ErrInvalidUTF8) {
					t.Errorf("IdentifierHash of non-UTF-8 strings: %v, want ErrInvalidUTF8", err)
				}
				return
			}
			got, err := IdentifierHash(secret, identifier)
			if err != nil || got != c.IdentifierHash {
				t.Fatalf("IdentifierHash = %q, %v; want %q", got, err, c.IdentifierHash)
			}
			if got, err := key.IdentifierHash(identifier); err != nil || got != c.IdentifierHash {
				t.Errorf("Key.IdentifierHash = %q, %v", got, err)
			}
			if got, err := key.AppendIdentifierHash([]byte("h="), []byte(identifier)); err != nil || string(got) != "h="+c.IdentifierHash {
				t.Errorf("Key.AppendIdentifierHash = %q, %v", got, err)
			}
			if got, err := key.IdentifierHashes([]string{identifier, identifier}); err != nil ||
				len(got) != 2 || got[0] != c.IdentifierHash || got[1] != c.IdentifierHash {
				t.Errorf("Key.IdentifierHashes = %q, %v", got, err)
			}
			if !Verify(secret, identifier, c.IdentifierHash) || !key.Verify(identifier, c.IdentifierHash) ||
				!key.VerifyBytes([]byte(identifier), []byte(c.IdentifierHash)) {
				t.Errorf("Verify rejected the expected hash")
			}
		})
	}
}

func TestVectorsRejected(t *testing.T) {
	v := loadVectors(t)
	anyHash := v.Hash[0].IdentifierHash
	for _, c := range v.Rejected {
		t.Run(c.Name, func(t *testing.T) {
			want, ok := statusSentinels[c.Status]
			if !ok {
				t.Fatalf("no sentinel for status %q", c.Status)
			}
			secret, identifier := c.secret(t), c.identifier(t)
			got, err := IdentifierHash(secret, identifier)
			assertStatus(t, "IdentifierHash", err, want, c.Code)
			if got != "" {
				t.Errorf("IdentifierHash returned %q with an error", got)
			}
			if Verify(secret, identifier, anyHash) {
				t.Errorf("Verify accepted a rejected input")
			}
			key, err := NewKey(secret)
			if Verify(secret, identifier, goHMAC([]byte(secret), []byte(identifier))) {
				t.Errorf("Verify accepted crypto/hmac's hash of a rejected input")
			}
			if c.Status == "EMPTY_SECRET" || c.Status == "SECRET_WHITESPACE" || c.Status == "SECRET_INVISIBLE" {
				assertStatus(t, "NewKey", err, want, c.Code)
				if key != nil {
					t.Errorf("NewKey returned a key with an error")
				}
				return
			}
			if err != nil {
				t.Fatalf("NewKey: %v", err)
			}
			defer key.Close()
			_, err = key.IdentifierHash(identifier)
			assertStatus(t, "Key.IdentifierHash", err, want, c.Code)
			dst, err := key.AppendIdentifierHash([]byte("x"), []byte(identifier))
			assertStatus(t, "Key.AppendIdentifierHash", err, want, c.Code)
			if string(dst) != "x" {
				t.Errorf("AppendIdentifierHash changed dst on error: %q", dst)
			}
			if key.Verify(identifier, anyHash) {
				t.Errorf("Key.Verify accepted a rejected input")
			}
		})
	}
}

func TestVectorsVerify(t *testing.T) {
	for _, c := range loadVectors(t).Verify {
		t.Run(c.Name, func(t *testing.T) {
			secret, identifier := c.secret(t), c.identifier(t)
			if got := Verify(secret, identifier, c.IdentifierHash); got != c.Valid {
				t.Errorf("Verify = %v, want %v", got, c.Valid)
			}
			key, err := NewKey(secret)
			if err != nil {
				if c.Valid {
					t.Fatalf("NewKey: %v", err)
				}
				return // a secret the library rejects: Verify above already said false
			}
			defer key.Close()
			if got := key.Verify(identifier, c.IdentifierHash); got != c.Valid {
				t.Errorf("Key.Verify = %v, want %v", got, c.Valid)
			}
			if got := key.VerifyBytes([]byte(identifier), []byte(c.IdentifierHash)); got != c.Valid {
				t.Errorf("Key.VerifyBytes = %v, want %v", got, c.Valid)
			}
		})
	}
}

// Each sentinel carries the status code of the vectors and the library's own message.
func TestVectorsStatuses(t *testing.T) {
	v := loadVectors(t)
	for name, code := range v.Statuses {
		if name == "OK" {
			continue
		}
		sentinel, ok := statusSentinels[name]
		if !ok {
			t.Errorf("status %s (%d) has no exported sentinel", name, code)
			continue
		}
		var e *Error
		if !errors.As(sentinel, &e) || e.Code() != code {
			t.Errorf("%s: sentinel %v has the wrong code", name, sentinel)
		}
		if len(e.Error()) <= len("chatwootidentity: ")+10 {
			t.Errorf("%s: message %q is not the library's sentence", name, e.Error())
		}
	}
}

func assertStatus(t *testing.T, call string, err, want error, code int) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("%s: error %v, want %v", call, err, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.Code() != code {
		t.Errorf("%s: error %v does not carry code %d", call, err, code)
	}
}
