package chatwootidentity

// #include "chatwoot_identity.h"
import "C"

import (
	"runtime"
	"unsafe"
)

// Verdict is what Explain found: the most likely reason an identifier_hash does or does
// not match. The values are the library's cw_verdict codes, fixed forever; a code from a
// newer library is still a Verdict, whose String is "unknown".
type Verdict int

// String is the library's stable snake_case name, e.g. "uppercase_hex" (for logs and
// switches on text); "unknown" for a code this library does not know.
func (v Verdict) String() string { return C.GoString(C.cw_verdict_name(C.int32_t(v))) }

// Message is the library's English sentence: what happened and what to do. It never
// contains the secret, the identifier or the hash.
func (v Verdict) Message() string { return C.GoString(C.cw_verdict_message(C.int32_t(v))) }

// IsMatch reports whether the verdict is VerdictMatch: Chatwoot accepts the hash.
func (v Verdict) IsMatch() bool { return v == VerdictMatch }

// CandidateKind says which list of other candidates reproduced the hash.
type CandidateKind int

// Explanation is Explain's result. When Verdict is VerdictOtherCandidate, CandidateKind and
// CandidateIndex name the candidate that reproduced the hash by its list and position (never
// its value); otherwise CandidateKind is CandidateNone and CandidateIndex 0.
type Explanation struct {
	Verdict        Verdict
	CandidateKind  CandidateKind
	CandidateIndex int
}

// Message is the verdict's sentence (see Verdict.Message).
func (e Explanation) Message() string { return e.Verdict.Message() }

// IsMatch reports whether Chatwoot accepts the hash.
func (e Explanation) IsMatch() bool { return e.Verdict.IsMatch() }

// String is the verdict's name, e.g. "padded_secret".
func (e Explanation) String() string { return e.Verdict.String() }

// ExplainOption adds other candidates for Explain to try when nothing else fits.
type ExplainOption func(*explainOptions)

type explainOptions struct{ secrets, identifiers []string }

// WithOtherSecrets adds secrets the hash may have been made with: the token before a
// rotation, another inbox's token. They are used as given (raw bytes).
func WithOtherSecrets(secrets ...string) ExplainOption {
	return func(o *explainOptions) { o.secrets = append(o.secrets, secrets...) }
}

// WithOtherIdentifiers adds identifiers the hash may have been made of: the user's email
// when the identifier is the user id, or the reverse.
func WithOtherIdentifiers(identifiers ...string) ExplainOption {
	return func(o *explainOptions) { o.identifiers = append(o.identifiers, identifiers...) }
}

// Explain names the most likely reason identifierHash does or does not match identifier
// under secret: a blank hash, a padded secret, uppercase hex, swapped arguments, base64,
// 32 raw bytes (pass string(digest[:])), plain SHA-256, an integer id rounded by
// JavaScript, a token passed as the hash, another candidate (see WithOtherSecrets and
// WithOtherIdentifiers), and so on. Inputs are bytes: unlike Verify, a string that is not
// valid UTF-8 is examined as it is (a raw digest is such a string).
//
// Errors: ErrEmptySecret (empty or only whitespace), ErrEmptyIdentifier. A secret with
// whitespace around it is not an error here but VerdictSecretWhitespace.
//
// Explain is a debugging aid for "HMAC failed" reports: it is NOT constant-time and it
// allocates. Never use it to decide a login; Verify (or Key.Verify) is the only decision
// call.
func Explain(secret, identifier, identifierHash string, opts ...ExplainOption) (Explanation, error) {
	if errABI != nil {
		return Explanation{}, errABI
	}
	var o explainOptions
	for _, opt := range opts {
		opt(&o)
	}
	// The candidate arrays are Go memory handed to C with Go pointers inside: cgo requires
	// every such pointer to be pinned for the call.
	var pin runtime.Pinner
	defer pin.Unpin()
	var cands *C.cw_candidates
	if len(o.secrets) > 0 || len(o.identifiers) > 0 {
		cands = &C.cw_candidates{}
		pin.Pin(cands)
		cands.secrets, cands.secrets_count = pinnedBytes(&pin, o.secrets)
		cands.identifiers, cands.identifiers_count = pinnedBytes(&pin, o.identifiers)
	}
	var out C.cw_explanation
	status := C.cw_explain(
		bytePtr(unsafe.StringData(secret)), C.size_t(len(secret)),
		bytePtr(unsafe.StringData(identifier)), C.size_t(len(identifier)),
		(*C.char)(unsafe.Pointer(unsafe.StringData(identifierHash))), C.size_t(len(identifierHash)),
		cands, &out)
	if status != C.CW_STATUS_OK {
		return Explanation{}, statusError(int32(status))
	}
	return Explanation{
		Verdict:        Verdict(out.verdict),
		CandidateKind:  CandidateKind(out.candidate_kind),
		CandidateIndex: int(out.candidate_index),
	}, nil
}

// pinnedBytes returns a pinned cw_bytes array over the strings' own bytes (no copy).
func pinnedBytes(pin *runtime.Pinner, list []string) (*C.cw_bytes, C.size_t) {
	if len(list) == 0 {
		return nil, 0
	}
	arr := make([]C.cw_bytes, len(list))
	pin.Pin(&arr[0])
	for i, s := range list {
		if len(s) > 0 {
			p := unsafe.StringData(s)
			pin.Pin(p)
			arr[i] = C.cw_bytes{ptr: bytePtr(p), len: C.size_t(len(s))}
		}
	}
	return &arr[0], C.size_t(len(list))
}
