package chatwootidentity

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"testing"
)

// The benchmarks `make bench` turns into ../../target/bench/go.json (29-byte identifier,
// the documented sample's). The Go baselines are written the way Go code does it.

var sink string

// Chatwoot's documented Go sample: hmac.New per call, hex.EncodeToString.
func BenchmarkDocumentedSample(b *testing.B) {
	secret, identifier := []byte(sampleSecret), []byte(sampleIdentifier)
	b.ReportAllocs()
	for b.Loop() {
		mac := hmac.New(sha256.New, secret)
		mac.Write(identifier)
		sink = hex.EncodeToString(mac.Sum(nil))
	}
}

// Go's best reuse pattern: one hmac.Hash kept per secret, Reset per hash, the digest and
// its hex on the stack: one allocation, the returned string.
func BenchmarkReuseReset(b *testing.B) {
	identifier := []byte(sampleIdentifier)
	mac := hmac.New(sha256.New, []byte(sampleSecret))
	b.ReportAllocs()
	for b.Loop() {
		var sum [sha256.Size]byte
		var out [HashLen]byte
		mac.Reset()
		mac.Write(identifier)
		hex.Encode(out[:], mac.Sum(sum[:0]))
		sink = string(out[:])
	}
}

func BenchmarkOneShotIdentifierHash(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sink, _ = IdentifierHash(sampleSecret, sampleIdentifier)
	}
}

func BenchmarkKeyIdentifierHash(b *testing.B) {
	key, err := NewKey(sampleSecret)
	if err != nil {
		b.Fatal(err)
	}
	defer key.Close()
	b.ReportAllocs()
	for b.Loop() {
		sink, _ = key.IdentifierHash(sampleIdentifier)
	}
}

// The call itself allocates nothing when the caller supplies the buffer.
func BenchmarkKeyAppendIdentifierHash(b *testing.B) {
	key, err := NewKey(sampleSecret)
	if err != nil {
		b.Fatal(err)
	}
	defer key.Close()
	identifier := []byte(sampleIdentifier)
	dst := make([]byte, 0, HashLen)
	b.ReportAllocs()
	for b.Loop() {
		dst, _ = key.AppendIdentifierHash(dst[:0], identifier)
	}
}

func BenchmarkKeyVerify(b *testing.B) {
	key, err := NewKey(sampleSecret)
	if err != nil {
		b.Fatal(err)
	}
	defer key.Close()
	b.ReportAllocs()
	for b.Loop() {
		if !key.Verify(sampleIdentifier, sampleHash) {
			b.Fatal("Verify rejected the sample")
		}
	}
}

const batchSize = 100_000

// IdentifierHashes over 100,000 identifiers of 29 bytes; reports ns per identifier.
func BenchmarkIdentifierHashes(b *testing.B) {
	key, err := NewKey(sampleSecret)
	if err != nil {
		b.Fatal(err)
	}
	defer key.Close()
	identifiers := make([]string, batchSize)
	for i := range identifiers {
		n := strconv.Itoa(i)
		identifiers[i] = sampleIdentifier[:len(sampleIdentifier)-len(n)] + n // still 29 bytes
	}
	b.ReportAllocs()
	for b.Loop() {
		hashes, err := key.IdentifierHashes(identifiers)
		if err != nil || len(hashes) != batchSize {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/batchSize, "ns/identifier")
}
