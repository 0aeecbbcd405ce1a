package chatwootidentity

import (
	"crypto/hmac"
	"crypto/sha256"
	"strings"
	"testing"
)

// explainCase is one case of the explain section of tests/vectors.json.
type explainCase struct {
	Name          string `json:"name"`
	SecretHex     string `json:"secret_hex"`
	IdentifierHex string `json:"identifier_hex"`
	HashHex       string `json:"hash_hex"` // the exact hash bytes (raw_digest: 32 raw bytes)
	Verdict       string `json:"verdict"`
	Code          int    `json:"code"`
}

// Every verdict the package exports, by the library's name.
var verdictsByName = map[string]Verdict{
	"match":              VerdictMatch,
	"uppercase_hex":      VerdictUppercaseHex,
	"hash_whitespace":    VerdictHashWhitespace,
	"secret_whitespace":  VerdictSecretWhitespace,
	"swapped_arguments":  VerdictSwappedArguments,
	"hash_is_identifier": VerdictHashIsIdentifier,
	"identifier_is_hash": VerdictIdentifierIsHash,
	"base64":             VerdictBase64,
	"raw_digest":         VerdictRawDigest,
	"identifier_format":  VerdictIdentifierFormat,
	"other_algorithm":    VerdictOtherAlgorithm,
	"not_hex":            VerdictNotHex,
	"wrong_length":       VerdictWrongLength,
	"mismatch":           VerdictMismatch,
	"null_pointer":       VerdictNullPointer,
	"invalid_secret":     VerdictInvalidSecret,
	"empty_identifier":   VerdictEmptyIdentifier,
	"internal_error":     VerdictInternalError,
}

func TestVectorsExplain(t *testing.T) {
	v := loadVectors(t)
	if len(v.Explain) == 0 {
		t.Fatal("tests/vectors.json has no explain cases")
	}
	seen := map[Verdict]bool{}
	for _, c := range v.Explain {
		t.Run(c.Name, func(t *testing.T) {
			want, ok := verdictsByName[c.Verdict]
			if !ok || int(want) != c.Code {
				t.Fatalf("verdict %q (%d) has no matching exported constant", c.Verdict, c.Code)
			}
			got := Explain(mustHex(t, c.SecretHex), mustHex(t, c.IdentifierHex), mustHex(t, c.HashHex))
			if got != want || got.String() != c.Verdict || int(got) != c.Code {
				t.Fatalf("Explain = %v (%d), want %s (%d)", got, int(got), c.Verdict, c.Code)
			}
			if got.IsMatch() != (c.Verdict == "match") {
				t.Errorf("%v.IsMatch() = %v", got, got.IsMatch())
			}
			seen[got] = true
		})
	}
	// Each non-negative verdict has at least one case in the shared vectors.
	for name, verdict := range verdictsByName {
		if verdict >= 0 && !seen[verdict] {
			t.Errorf("no explain vector reached %s", name)
		}
	}
}

// The names and codes of the verdicts table are pinned, both ways.
func TestVectorsVerdicts(t *testing.T) {
	v := loadVectors(t)
	if len(v.Verdicts) != len(verdictsByName) {
		t.Errorf("vectors list %d verdicts, the package exports %d", len(v.Verdicts), len(verdictsByName))
	}
	for name, code := range v.Verdicts {
		verdict, ok := verdictsByName[name]
		if !ok || int(verdict) != code {
			t.Errorf("verdict %s = %d in the vectors, %d (exported %v) in the package", name, code, int(verdict), ok)
			continue
		}
		if verdict.String() != name {
			t.Errorf("Verdict(%d).String() = %q, want %q", code, verdict.String(), name)
		}
		if msg := verdict.Message(); len(msg) < 10 || msg == Verdict(9999).Message() {
			t.Errorf("%s: Message() = %q is not the library's sentence for it", name, msg)
		}
	}
}

// A code from a newer library is neither a crash nor a match.
func TestVerdictUnknownCode(t *testing.T) {
	for _, v := range []Verdict{14, 9999, -5, -1 << 31} {
		if v.String() != "unknown" || v.Message() == "" || v.IsMatch() {
			t.Errorf("Verdict(%d): String %q, Message %q, IsMatch %v", int(v), v.String(), v.Message(), v.IsMatch())
		}
	}
}

// Explain and Verify agree on the documented sample, and the 32 raw bytes of crypto/hmac's
// digest (a Go string holds any bytes) are recognised as such.
func TestExplainAgreesWithCryptoHMAC(t *testing.T) {
	if v := Explain(sampleSecret, sampleIdentifier, sampleHash); !v.IsMatch() || !Verify(sampleSecret, sampleIdentifier, sampleHash) {
		t.Fatalf("Explain(sample) = %v", v)
	}
	mac := hmac.New(sha256.New, []byte(sampleSecret))
	mac.Write([]byte(sampleIdentifier))
	if v := Explain(sampleSecret, sampleIdentifier, string(mac.Sum(nil))); v != VerdictRawDigest {
		t.Errorf("Explain(raw digest) = %v, want raw_digest", v)
	}
	v := Explain(sampleSecret, sampleIdentifier, strings.ToUpper(sampleHash))
	if v != VerdictUppercaseHex || v.IsMatch() || Verify(sampleSecret, sampleIdentifier, strings.ToUpper(sampleHash)) {
		t.Errorf("uppercase: Explain = %v, Verify must be false", v)
	}
	if strings.Contains(v.Message(), sampleSecret) || strings.Contains(v.Message(), sampleIdentifier) {
		t.Errorf("the message leaks input: %q", v.Message())
	}
}
