package chatwootidentity

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestKeyClose(t *testing.T) {
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	var _ io.Closer = key
	if err := key.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := key.Close(); err != nil { // idempotent
		t.Fatalf("second Close: %v", err)
	}
	if _, err := key.IdentifierHash(sampleIdentifier); !errors.Is(err, ErrClosed) {
		t.Errorf("IdentifierHash after Close: %v, want ErrClosed", err)
	}
	if _, err := key.AppendIdentifierHash(nil, []byte(sampleIdentifier)); !errors.Is(err, ErrClosed) {
		t.Errorf("AppendIdentifierHash after Close: %v, want ErrClosed", err)
	}
	if _, err := key.IdentifierHashes([]string{sampleIdentifier}); !errors.Is(err, ErrClosed) {
		t.Errorf("IdentifierHashes after Close: %v, want ErrClosed", err)
	}
	if key.Verify(sampleIdentifier, sampleHash) {
		t.Errorf("Verify after Close returned true")
	}
}

// Go has no nil string, and a nil []byte always has length 0 ((nil, n > 0) cannot be built:
// unsafe.Slice panics): it is the empty input, so typed errors, never a crash.
func TestNilAndEmptySlices(t *testing.T) {
	if _, err := NewKeyBytes(nil); !errors.Is(err, ErrEmptySecret) {
		t.Errorf("NewKeyBytes(nil): %v, want ErrEmptySecret", err)
	}
	key, err := NewKeyBytes([]byte(sampleSecret))
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	if _, err := key.IdentifierHashBytes(nil); !errors.Is(err, ErrEmptyIdentifier) {
		t.Errorf("IdentifierHashBytes(nil): %v, want ErrEmptyIdentifier", err)
	}
	if dst, err := key.AppendIdentifierHash(nil, []byte{}); !errors.Is(err, ErrEmptyIdentifier) || dst != nil {
		t.Errorf("AppendIdentifierHash(nil, empty) = %q, %v", dst, err)
	}
	if key.VerifyBytes(nil, nil) || key.VerifyBytes([]byte(sampleIdentifier), nil) || Verify("", "", "") {
		t.Errorf("Verify accepted empty input")
	}
	// Not even crypto/hmac's hash of the empty input verifies.
	if key.Verify("", goHMAC([]byte(sampleSecret), nil)) || key.VerifyBytes(nil, []byte(goHMAC([]byte(sampleSecret), nil))) ||
		Verify(sampleSecret, "", goHMAC([]byte(sampleSecret), nil)) || Verify("", sampleIdentifier, goHMAC(nil, []byte(sampleIdentifier))) {
		t.Errorf("Verify accepted the HMAC of an empty secret or identifier")
	}
	if got, err := key.AppendIdentifierHash(make([]byte, 0, 80), []byte(sampleIdentifier)); err != nil || string(got) != sampleHash {
		t.Errorf("AppendIdentifierHash = %q, %v", got, err)
	}
}

func TestNilKeyFailsClosed(t *testing.T) {
	var key *Key
	if _, err := key.IdentifierHash(sampleIdentifier); !errors.Is(err, ErrClosed) {
		t.Errorf("nil Key IdentifierHash: %v, want ErrClosed", err)
	}
	if key.Verify(sampleIdentifier, sampleHash) {
		t.Errorf("nil Key Verify returned true")
	}
	if err := key.Close(); err != nil {
		t.Errorf("nil Key Close: %v", err)
	}
}

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

// A Key dropped without Close is wiped and freed by its cleanup once collected.
func TestUnreachableKeysAreFreed(t *testing.T) {
	before := liveKeys.Load()
	for i := 0; i < 100; i++ {
		key, err := NewKey(sampleSecret)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := key.IdentifierHash(sampleIdentifier); err != nil || got != sampleHash {
			t.Fatalf("IdentifierHash = %q, %v", got, err)
		}
	}
	if liveKeys.Load() < before+100 {
		t.Fatalf("live keys %d, expected at least %d", liveKeys.Load(), before+100)
	}
	// Generous: cleanups run on a goroutine that a loaded machine may not schedule at once.
	deadline := time.Now().Add(60 * time.Second)
	for liveKeys.Load() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d keys still allocated after GC", liveKeys.Load()-before)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // cleanups run on their own goroutine
	}
}

// The secret must not leak through fmt verbs, and errors never carry caller data.
func TestNoSecretInOutput(t *testing.T) {
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, key)
		if strings.Contains(out, sampleSecret) || !strings.Contains(out, "redacted") {
			t.Errorf("fmt %s of a Key = %q", verb, out)
		}
	}
	secret := "top-secret-value\n"
	_, err = IdentifierHash(secret, "user-identifier-42")
	if !errors.Is(err, ErrSecretWhitespace) {
		t.Fatalf("err = %v", err)
	}
	if msg := err.Error(); strings.Contains(msg, "top-secret") || strings.Contains(msg, "user-identifier-42") {
		t.Errorf("error message leaks input: %q", msg)
	}
}

func TestVersion(t *testing.T) {
	if v := Version(); v == "" || strings.Count(v, ".") != 2 {
		t.Errorf("Version() = %q, want a semantic version", v)
	}
	if errABI != nil {
		t.Errorf("ABI check failed against the library under test: %v", errABI)
	}
}
