package chatwootidentity

// #include "chatwoot_identity.h"
// #cgo noescape cw_explain
// #cgo nocallback cw_explain
import "C"

import "unsafe"

// Verdict is what Explain found: the most likely reason an identifier_hash does or does
// not match. The values are the library's cw_verdict codes, fixed forever; a code from a
// newer library is still a Verdict, whose String is "unknown".
type Verdict int

// The verdicts, in the order the library checks them (negative: inputs Explain cannot use).
const (
	VerdictMatch            Verdict = C.CW_VERDICT_MATCH              // the hash matches: Chatwoot accepts it
	VerdictUppercaseHex     Verdict = C.CW_VERDICT_UPPERCASE_HEX      // the right digest in uppercase hex
	VerdictHashWhitespace   Verdict = C.CW_VERDICT_HASH_WHITESPACE    // the right digest with whitespace around it
	VerdictSecretWhitespace Verdict = C.CW_VERDICT_SECRET_WHITESPACE  // the secret starts or ends with whitespace
	VerdictSwappedArguments Verdict = C.CW_VERDICT_SWAPPED_ARGUMENTS  // HMAC(key = identifier, message = secret)
	VerdictHashIsIdentifier Verdict = C.CW_VERDICT_HASH_IS_IDENTIFIER // the hash passed is the identifier itself
	VerdictIdentifierIsHash Verdict = C.CW_VERDICT_IDENTIFIER_IS_HASH // the identifier looks like a 64-character hash
	VerdictBase64           Verdict = C.CW_VERDICT_BASE64             // the right digest, base64-encoded
	VerdictRawDigest        Verdict = C.CW_VERDICT_RAW_DIGEST         // the right digest as 32 raw bytes
	VerdictIdentifierFormat Verdict = C.CW_VERDICT_IDENTIFIER_FORMAT  // the identifier written differently (case, 42.0, newline)
	VerdictOtherAlgorithm   Verdict = C.CW_VERDICT_OTHER_ALGORITHM    // hex of another algorithm's length (SHA-1, SHA-512, ...)
	VerdictNotHex           Verdict = C.CW_VERDICT_NOT_HEX            // not hexadecimal (or empty)
	VerdictWrongLength      Verdict = C.CW_VERDICT_WRONG_LENGTH       // hexadecimal, but not 64 characters
	VerdictMismatch         Verdict = C.CW_VERDICT_MISMATCH           // a well-formed hash of another secret or identifier
	VerdictNullPointer      Verdict = C.CW_VERDICT_NULL_POINTER       // C-level misuse; this package never causes it
	VerdictInvalidSecret    Verdict = C.CW_VERDICT_INVALID_SECRET     // the secret is empty or only whitespace
	VerdictEmptyIdentifier  Verdict = C.CW_VERDICT_EMPTY_IDENTIFIER   // the identifier is empty
	VerdictInternalError    Verdict = C.CW_VERDICT_INTERNAL_ERROR     // a bug inside the library (a caught panic)
)

// String is the library's stable snake_case name, e.g. "uppercase_hex" (for logs and
// switches on text); "unknown" for a code this library does not know.
func (v Verdict) String() string { return C.GoString(C.cw_verdict_name(C.int32_t(v))) }

// Message is the library's English sentence: what happened and what to do. It never
// contains the secret, the identifier or the hash.
func (v Verdict) Message() string { return C.GoString(C.cw_verdict_message(C.int32_t(v))) }

// IsMatch reports whether the verdict is VerdictMatch: Chatwoot accepts the hash.
func (v Verdict) IsMatch() bool { return v == VerdictMatch }

// Explain names the most likely reason identifierHash does or does not match identifier
// under secret: uppercase hex, whitespace, swapped arguments, base64, 32 raw bytes (pass
// string(digest[:])), another algorithm, a differently formatted identifier, and so on.
// Inputs are bytes, never an error: unlike Verify, a string that is not valid UTF-8 is
// examined as it is (a raw digest is such a string). Empty or unusable inputs give a
// negative verdict such as VerdictInvalidSecret.
//
// Explain is a debugging aid for "HMAC failed" reports: it is NOT constant-time and it
// allocates inside the library. Never use it to decide a login; Verify (or Key.Verify) is
// the production check.
func Explain(secret, identifier, identifierHash string) Verdict {
	if errABI != nil {
		return VerdictInternalError // functions of another ABI are never called
	}
	return Verdict(C.cw_explain(
		bytePtr(unsafe.StringData(secret)), C.size_t(len(secret)),
		bytePtr(unsafe.StringData(identifier)), C.size_t(len(identifier)),
		(*C.char)(unsafe.Pointer(unsafe.StringData(identifierHash))), C.size_t(len(identifierHash))))
}
