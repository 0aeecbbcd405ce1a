package chatwootidentity

import (
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
)

// explainCase is one case of the explain section of tests/vectors.json.
type explainCase struct {
	Name          string        `json:"name"`
	SecretHex     string        `json:"secret_hex"`
	IdentifierHex string        `json:"identifier_hex"`
	HashHex       string        `json:"hash_hex"` // the exact hash bytes (raw_digest: 32 raw bytes)
	Verdict       string        `json:"verdict"`
	Status        string        `json:"status"` // explain_rejected: the cw_status name
	Code          int           `json:"code"`
	OtherSecrets  []string      `json:"other_secrets_hex"`
	OtherIdents   []string      `json:"other_identifiers_hex"`
	Candidate     *candidateRef `json:"candidate"`
}

// candidateRef is the candidate a vector expects (null: none).
type candidateRef struct {
	Kind  string `json:"kind"`
	Index int    `json:"index"`
}

// options turns the case's candidate lists into Explain options.
func (c explainCase) options(t *testing.T) []ExplainOption {
	var secrets, identifiers []string
	for _, h := range c.OtherSecrets {
		secrets = append(secrets, mustHex(t, h))
	}
	for _, h := range c.OtherIdents {
		identifiers = append(identifiers, mustHex(t, h))
	}
	var opts []ExplainOption
	if secrets != nil {
		opts = append(opts, WithOtherSecrets(secrets...))
	}
	if identifiers != nil {
		opts = append(opts, WithOtherIdentifiers(identifiers...))
	}
	return opts
}

// explainOK is Explain for inputs it can use.
func explainOK(t *testing.T, secret, identifier, hash string, opts ...ExplainOption) Explanation {
	t.Helper()
	e, err := Explain(secret, identifier, hash, opts...)
	if err != nil {
		t.Fatalf("Explain: %v", err)
	}
	return e
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
	"blank_hash":         VerdictBlankHash,
	"padded_secret":      VerdictPaddedSecret,
	"not_hmac":           VerdictNotHMAC,
	"token_as_hash":      VerdictTokenAsHash,
	"js_rounded_number":  VerdictJSRoundedNumber,
	"other_candidate":    VerdictOtherCandidate,
}

var candidateKindsByName = map[string]CandidateKind{
	"none": CandidateNone, "secret": CandidateSecret, "identifier": CandidateIdentifier,
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
			e := explainOK(t, mustHex(t, c.SecretHex), mustHex(t, c.IdentifierHex), mustHex(t, c.HashHex), c.options(t)...)
			got := e.Verdict
			if got != want || got.String() != c.Verdict || e.String() != c.Verdict || int(got) != c.Code {
				t.Fatalf("Explain = %v (%d), want %s (%d)", got, int(got), c.Verdict, c.Code)
			}
			if e.IsMatch() != (c.Verdict == "match") || e.Message() != got.Message() || e.Message() == "" {
				t.Errorf("%v: IsMatch %v, Message %q", got, e.IsMatch(), e.Message())
			}
			wantKind, wantIndex := CandidateNone, 0
			if c.Candidate != nil {
				wantKind, wantIndex = candidateKindsByName[c.Candidate.Kind], c.Candidate.Index
			}
			if e.CandidateKind != wantKind || e.CandidateIndex != wantIndex || e.CandidateKind.String() != c.Candidate.kind() {
				t.Errorf("candidate = %v[%d], want %v[%d]", e.CandidateKind, e.CandidateIndex, wantKind, wantIndex)
			}
			seen[got] = true
		})
	}
	// Each verdict has at least one case in the shared vectors.
	for name, verdict := range verdictsByName {
		if !seen[verdict] {
			t.Errorf("no explain vector reached %s", name)
		}
	}
}

// Inputs explain cannot use are typed errors, never a verdict.
func TestVectorsExplainRejected(t *testing.T) {
	v := loadVectors(t)
	if len(v.ExplainRejected) == 0 {
		t.Fatal("tests/vectors.json has no explain_rejected cases")
	}
	for _, c := range v.ExplainRejected {
		t.Run(c.Name, func(t *testing.T) {
			e, err := Explain(mustHex(t, c.SecretHex), mustHex(t, c.IdentifierHex), mustHex(t, c.HashHex))
			assertStatus(t, "Explain", err, statusSentinels[c.Status], c.Code)
			if e != (Explanation{}) {
				t.Errorf("Explain returned %+v with its error", e)
			}
		})
	}
}

// A candidate is named by list and position; candidates never change a verdict found
// before them in the order.
func TestExplainCandidates(t *testing.T) {
	prev := "the-token-before-rotation"
	hash := goHMAC([]byte(prev), []byte(sampleIdentifier))
	e := explainOK(t, sampleSecret, sampleIdentifier, hash, WithOtherSecrets("a", "b"), WithOtherSecrets(prev))
	if e.Verdict != VerdictOtherCandidate || e.CandidateKind != CandidateSecret || e.CandidateIndex != 2 {
		t.Errorf("secret candidate: %+v", e)
	}
	if strings.Contains(e.Message(), prev) || strings.Contains(fmt.Sprint(e), prev) {
		t.Errorf("the explanation shows the candidate's value")
	}
	email := "jane@example.com"
	e = explainOK(t, sampleSecret, sampleIdentifier, goHMAC([]byte(sampleSecret), []byte(email)),
		WithOtherIdentifiers("", "42", email), WithOtherSecrets(""))
	if e.Verdict != VerdictOtherCandidate || e.CandidateKind != CandidateIdentifier || e.CandidateIndex != 2 {
		t.Errorf("identifier candidate: %+v", e)
	}
	e = explainOK(t, sampleSecret, sampleIdentifier, sampleHash, WithOtherSecrets(prev))
	if !e.IsMatch() || e.CandidateKind != CandidateNone {
		t.Errorf("a match with candidates: %+v", e)
	}
	if CandidateKind(7).String() != "unknown" {
		t.Error("unknown candidate kind")
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
	for _, v := range []Verdict{20, 9999, -5, -1 << 31} {
		if v.String() != "unknown" || v.Message() == "" || v.IsMatch() {
			t.Errorf("Verdict(%d): String %q, Message %q, IsMatch %v", int(v), v.String(), v.Message(), v.IsMatch())
		}
	}
}

// Explain and Verify agree on the documented sample, and the 32 raw bytes of crypto/hmac's
// digest (a Go string holds any bytes) are recognised as such.
func TestExplainAgreesWithCryptoHMAC(t *testing.T) {
	if v := explainOK(t, sampleSecret, sampleIdentifier, sampleHash); !v.IsMatch() || !Verify(sampleSecret, sampleIdentifier, sampleHash) {
		t.Fatalf("Explain(sample) = %v", v)
	}
	mac := hmac.New(sha256.New, []byte(sampleSecret))
	mac.Write([]byte(sampleIdentifier))
	if v := explainOK(t, sampleSecret, sampleIdentifier, string(mac.Sum(nil))).Verdict; v != VerdictRawDigest {
		t.Errorf("Explain(raw digest) = %v, want raw_digest", v)
	}
	v := explainOK(t, sampleSecret, sampleIdentifier, strings.ToUpper(sampleHash)).Verdict
	if v != VerdictUppercaseHex || v.IsMatch() || Verify(sampleSecret, sampleIdentifier, strings.ToUpper(sampleHash)) {
		t.Errorf("uppercase: Explain = %v, Verify must be false", v)
	}
	if strings.Contains(v.Message(), sampleSecret) || strings.Contains(v.Message(), sampleIdentifier) {
		t.Errorf("the message leaks input: %q", v.Message())
	}
}

func (c *candidateRef) kind() string {
	if c == nil {
		return "none"
	}
	return c.Kind
}

// Malformed hashes beside those of the vectors and the matrix: Verify refuses them, Explain
// names what is wrong.
func TestExplainMalformedHash(t *testing.T) {
	for hash, want := range map[string]Verdict{sampleHash + "0": VerdictWrongLength, "g" + sampleHash[1:]: VerdictNotHex} {
		if Verify(sampleSecret, sampleIdentifier, hash) {
			t.Errorf("Verify(%q) = true", hash)
		}
		if got := explainOK(t, sampleSecret, sampleIdentifier, hash).Verdict; got != want {
			t.Errorf("Explain(%q) = %v, want %v", hash, got, want)
		}
	}
}
