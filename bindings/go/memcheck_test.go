package chatwootidentity

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMemcheckWorkload is the focused workload that scripts/memcheck runs under valgrind: every
// entry point, the key lifecycle a few thousand times, and each rejected input. It asserts
// its results too, so it is also an ordinary test of `make test`.
func TestMemcheckWorkload(t *testing.T) {
	v := loadVectors(t)
	before := liveKeys.Load()

	for i := 0; i < 100; i++ {
		if got, err := IdentifierHash(sampleSecret, sampleIdentifier); err != nil || got != sampleHash {
			t.Fatalf("IdentifierHash = %q, %v", got, err)
		}
	}

	// Key create / use / free, closed explicitly (and twice: a no-op).
	for i := 0; i < 3000; i++ {
		key, err := NewKey(sampleSecret)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := key.IdentifierHash(sampleIdentifier); err != nil || got != sampleHash {
			t.Fatalf("Key.IdentifierHash = %q, %v", got, err)
		}
		if !key.Verify(sampleIdentifier, sampleHash) || key.Verify(sampleIdentifier, sampleHash[1:]) {
			t.Fatal("Key.Verify")
		}
		key.Close()
		key.Close()
	}
	// Keys dropped without Close: freed by their runtime.AddCleanup after collection.
	for i := 0; i < 200; i++ {
		if _, err := NewKeyBytes([]byte(sampleSecret)); err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(60 * time.Second); liveKeys.Load() > before; {
		if time.Now().After(deadline) {
			t.Fatalf("%d dropped keys were never freed", liveKeys.Load()-before)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}

	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	identifiers := make([]string, 1000)
	for i := range identifiers {
		identifiers[i] = "user-" + strconv.Itoa(i) + strings.Repeat("x", i%70)
	}
	hashes, err := key.IdentifierHashes(identifiers)
	if err != nil || len(hashes) != len(identifiers) || hashes[999] != goHMAC([]byte(sampleSecret), []byte(identifiers[999])) {
		t.Fatalf("IdentifierHashes: %d hashes, %v", len(hashes), err)
	}
	identifiers[500] = ""
	var batchErr *BatchError
	if _, err := key.IdentifierHashes(identifiers); !errors.As(err, &batchErr) || batchErr.Index != 500 {
		t.Fatalf("IdentifierHashes with an empty identifier: %v", err)
	}
	if got, err := key.AppendIdentifierHash(nil, []byte(sampleIdentifier)); err != nil || string(got) != sampleHash {
		t.Fatalf("AppendIdentifierHash = %q, %v", got, err)
	}

	for _, c := range v.Verify {
		if got := Verify(mustHex(t, c.SecretHex), mustHex(t, c.IdentifierHex), c.IdentifierHash); got != c.Valid {
			t.Errorf("Verify(%s) = %v", c.Name, got)
		}
	}
	for _, c := range v.Explain {
		got, err := Explain(mustHex(t, c.SecretHex), mustHex(t, c.IdentifierHex), mustHex(t, c.HashHex), c.options(t)...)
		if err != nil || got.String() != c.Verdict || got.Message() == "" {
			t.Errorf("Explain(%s) = %v, %v", c.Name, got, err)
		}
	}
	if Verdict(9999).String() != "unknown" {
		t.Error("unknown verdict")
	}

	// Render: the first buffer, the sized second call, every error path, the reset script.
	for i, name := range []string{"Jane", strings.Repeat("<&>\u2028", 2000)} {
		script, err := key.SetUserScript(IntIdentifier(int64(9007199254740993+i)), Fields{Name: name,
			CustomAttributes: map[string]any{"plan": "pro", "seats": i, "ratio": 0.5, "trial": true}}, "n0nce")
		if err != nil || !strings.HasSuffix(script, "</script>") {
			t.Fatalf("SetUserScript: %v", err)
		}
		if p, err := key.SetUserPayload(sampleIdentifier, Fields{Email: name}); err != nil || len(p) < len(name) {
			t.Fatalf("SetUserPayload: %v", err)
		}
	}
	for _, bad := range []Fields{{City: "x"}, {Name: "J", CustomAttributes: map[string]any{"a": []int{}}},
		{Name: "J", CustomAttributes: map[string]any{"a": uint64(1 << 63)}}} {
		if _, err := key.SetUserScript("1", bad, ""); err == nil {
			t.Errorf("SetUserScript(%+v) succeeded", bad)
		}
	}
	if _, err := key.SetUserScript("1", Fields{Name: "J"}, "bad nonce"); !errors.Is(err, ErrInvalidNonce) {
		t.Errorf("bad nonce: %v", err)
	}
	if r, err := ResetScript("n0nce"); err != nil || !strings.Contains(r, "reset()") {
		t.Errorf("ResetScript: %v", err)
	}

	// Each rejected input: typed errors from hashing, false from verify.
	for _, c := range v.Rejected {
		secret, identifier := mustHex(t, c.SecretHex), mustHex(t, c.IdentifierHex)
		if _, err := IdentifierHash(secret, identifier); !errors.Is(err, statusSentinels[c.Status]) {
			t.Errorf("IdentifierHash(%s): %v", c.Name, err)
		}
		if Verify(secret, identifier, sampleHash) {
			t.Errorf("Verify(%s) = true", c.Name)
		}
		if k, err := NewKey(secret); err == nil {
			if _, err := k.IdentifierHash(identifier); !errors.Is(err, statusSentinels[c.Status]) {
				t.Errorf("Key.IdentifierHash(%s): %v", c.Name, err)
			}
			k.Close()
		}
	}
	for _, hash := range []string{"", sampleHash[:63], strings.ToUpper(sampleHash), " " + sampleHash, strings.Repeat("z", 64)} {
		if Verify(sampleSecret, sampleIdentifier, hash) || key.Verify(sampleIdentifier, hash) {
			t.Errorf("Verify(%q) = true", hash)
		}
	}
	closed, _ := NewKey(sampleSecret)
	closed.Close()
	if _, err := closed.IdentifierHash(sampleIdentifier); !errors.Is(err, ErrClosed) {
		t.Errorf("use after Close: %v", err)
	}
}
