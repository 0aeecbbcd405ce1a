package chatwootidentity

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// The batch call must give exactly what hashing one by one gives, across many lengths.
func TestIdentifierHashesEqualsOneByOne(t *testing.T) {
	const n = 100_000
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	identifiers := make([]string, n)
	for i := range identifiers {
		// Unique, 1 to 125 bytes: crosses the 55/56-byte single-block boundary.
		identifiers[i] = strings.Repeat("x", i%120) + strconv.Itoa(i)
	}
	identifiers[0] = sampleIdentifier
	hashes, err := key.IdentifierHashes(identifiers)
	if err != nil {
		t.Fatalf("IdentifierHashes: %v", err)
	}
	if len(hashes) != n {
		t.Fatalf("got %d hashes for %d identifiers", len(hashes), n)
	}
	if hashes[0] != sampleHash {
		t.Fatalf("hash 0 = %s, want the documented %s", hashes[0], sampleHash)
	}
	for i, identifier := range identifiers {
		one, err := key.IdentifierHash(identifier)
		if err != nil || hashes[i] != one {
			t.Fatalf("identifier %d: batch %q, one by one %q (%v)", i, hashes[i], one, err)
		}
	}
	// Spot-check against crypto/hmac too, so both paths cannot share a bug.
	for i := 0; i < n; i += 997 {
		if want := goHMAC([]byte(sampleSecret), []byte(identifiers[i])); hashes[i] != want {
			t.Fatalf("identifier %d: batch %q, crypto/hmac %q", i, hashes[i], want)
		}
	}
}

// The package builds the offsets itself; []string admits no element of another type, so an
// empty element is the only bad element: a *BatchError naming its index.
func TestIdentifierHashesNamesTheEmptyIdentifier(t *testing.T) {
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	for _, index := range []int{0, 1, 2} {
		identifiers := []string{"a", "b", "c"}
		identifiers[index] = ""
		hashes, err := key.IdentifierHashes(identifiers)
		if hashes != nil {
			t.Errorf("index %d: got hashes %q with an error", index, hashes)
		}
		var batchErr *BatchError
		if !errors.As(err, &batchErr) || batchErr.Index != index {
			t.Fatalf("index %d: error %v, want a *BatchError naming it", index, err)
		}
		if !errors.Is(err, ErrEmptyIdentifier) {
			t.Errorf("index %d: %v does not wrap ErrEmptyIdentifier", index, err)
		}
		var libErr *Error
		if !errors.As(err, &libErr) || libErr.Code() != -4 {
			t.Errorf("index %d: %v does not carry code -4", index, err)
		}
		if want := "chatwootidentity: identifiers[" + strconv.Itoa(index) + "]: "; err.Error()[:len(want)] != want {
			t.Errorf("message %q does not start with %q", err.Error(), want)
		}
	}
}

// A 1 MiB text identifier through the string functions (tests/bad_input_matrix.json's 1 MiB
// batch is bytes, which Go's []string batch does not take).
func TestOneMebibyteTextIdentifier(t *testing.T) {
	identifier := strings.Repeat("0123456789abcdef", 1<<16)
	want := goHMAC([]byte(sampleSecret), []byte(identifier))
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	if got, err := key.IdentifierHashes([]string{identifier, sampleIdentifier}); err != nil || got[0] != want || got[1] != sampleHash {
		t.Fatalf("IdentifierHashes with a 1 MiB identifier = %.80q, %v", got, err)
	}
	if !Verify(sampleSecret, identifier, want) || !key.Verify(identifier, want) {
		t.Errorf("Verify rejected crypto/hmac's hash of 1 MiB")
	}
}

func TestIdentifierHashesEmptyInput(t *testing.T) {
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	for _, in := range [][]string{nil, {}} {
		hashes, err := key.IdentifierHashes(in)
		if err != nil || hashes == nil || len(hashes) != 0 {
			t.Errorf("IdentifierHashes(%#v) = %#v, %v; want an empty slice", in, hashes, err)
		}
	}
}
