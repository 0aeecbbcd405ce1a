package chatwootidentity

// #include "chatwoot_identity.h"
import "C"

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a failure reported by libchatwoot_identity, one value per cw_status code. The
// exported Err* variables are the only values returned: compare them with errors.Is, or use
// errors.As to read the Code. Messages come from cw_status_message and never contain
// caller data.
type Error struct {
	code    int
	message string
}

// Error returns the library's sentence for this status, prefixed with the package name.
func (e *Error) Error() string { return "chatwootidentity: " + e.message }

// Code is the library's cw_status value, e.g. -2 for ErrEmptySecret.
func (e *Error) Code() int { return e.code }

func newError(status int32) *Error {
	return &Error{code: int(status), message: C.GoString(C.cw_status_message(C.int32_t(status)))}
}

// The library's statuses (see include/chatwoot_identity.h).
var (
	// ErrNullPointer: a buffer was NULL with a length; not expected from this package.
	ErrNullPointer = newError(C.CW_STATUS_NULL_POINTER)
	// ErrEmptySecret: the inbox secret is empty (for Explain: empty or only whitespace).
	ErrEmptySecret = newError(C.CW_STATUS_EMPTY_SECRET)
	// ErrSecretWhitespace: the secret starts or ends with a space, tab, CR or LF (typically
	// a trailing newline read from a file or an environment variable).
	ErrSecretWhitespace = newError(C.CW_STATUS_SECRET_WHITESPACE)
	// ErrEmptyIdentifier: the identifier is empty.
	ErrEmptyIdentifier = newError(C.CW_STATUS_EMPTY_IDENTIFIER)
	// ErrBufferTooSmall: an output buffer was too small; not expected from this package.
	ErrBufferTooSmall = newError(C.CW_STATUS_BUFFER_TOO_SMALL)
	// ErrInvalidOffsets: malformed batch offsets; not expected from this package.
	ErrInvalidOffsets = newError(C.CW_STATUS_INVALID_OFFSETS)
	// ErrInternal: a bug inside the library (a caught panic).
	ErrInternal = newError(C.CW_STATUS_INTERNAL_ERROR)
	// ErrInvalidIdentifier: a render identifier is not valid UTF-8 (also ErrInvalidUTF8).
	ErrInvalidIdentifier = newError(C.CW_STATUS_INVALID_IDENTIFIER)
	// ErrInvalidJSON: the fields are not one JSON object; not expected from this package.
	ErrInvalidJSON = newError(C.CW_STATUS_INVALID_JSON)
	// ErrUnknownField: a field Chatwoot's setUser does not accept; not expected from Fields.
	ErrUnknownField = newError(C.CW_STATUS_UNKNOWN_FIELD)
	// ErrInvalidFieldValue: a custom attribute that is not a string, number or boolean.
	ErrInvalidFieldValue = newError(C.CW_STATUS_INVALID_FIELD_VALUE)
	// ErrMissingContactField: none of Name, Email, AvatarURL is set (the widget's setUser
	// throws without one).
	ErrMissingContactField = newError(C.CW_STATUS_MISSING_CONTACT_FIELD)
	// ErrInvalidNonce: the CSP nonce has a character outside base64 / base64url.
	ErrInvalidNonce = newError(C.CW_STATUS_INVALID_NONCE)
)

// statusErrors maps each status to its sentinel.
var statusErrors = func() map[int]*Error {
	m := map[int]*Error{}
	for _, e := range []*Error{ErrNullPointer, ErrEmptySecret, ErrSecretWhitespace, ErrEmptyIdentifier,
		ErrBufferTooSmall, ErrInvalidOffsets, ErrInternal, ErrInvalidIdentifier, ErrInvalidJSON,
		ErrUnknownField, ErrInvalidFieldValue, ErrMissingContactField, ErrInvalidNonce} {
		m[e.code] = e
	}
	return m
}()

// ErrClosed is returned by the methods of a Key after Close (or of a nil *Key).
var ErrClosed = errors.New("chatwootidentity: the key is closed")

// ErrInvalidUTF8 is returned when a string argument is not valid UTF-8. A Go string is
// text; raw bytes are hashed as they are through the []byte variants (NewKeyBytes,
// IdentifierHashBytes, AppendIdentifierHash, VerifyBytes).
var ErrInvalidUTF8 = errors.New("chatwootidentity: a string argument is not valid UTF-8 (pass a []byte to hash raw bytes)")

// checkString refuses a string that is not valid UTF-8: it would otherwise be hashed as
// bytes that the caller may believe were replaced or normalized.
func checkString(s string) error {
	if !utf8.ValidString(s) {
		return ErrInvalidUTF8
	}
	return nil
}

// ErrIncompatibleLibrary is returned by every function when the linked library implements
// another C ABI version than this package was written for.
var ErrIncompatibleLibrary = errors.New("chatwootidentity: the linked libchatwoot_identity has an incompatible ABI version")

// statusError maps a non-OK status to its sentinel.
func statusError(status int32) error {
	if e, ok := statusErrors[int(status)]; ok {
		return e
	}
	return newError(status) // a status newer than this package: still typed, still Code-able
}

// BatchError reports which identifier of a Key.IdentifierHashes call was rejected. It
// wraps the sentinel, so errors.Is(err, ErrEmptyIdentifier) holds.
type BatchError struct {
	Index int   // position of the rejected identifier in the input slice
	Err   error // the sentinel, e.g. ErrEmptyIdentifier
}

func (e *BatchError) Error() string {
	return "chatwootidentity: identifiers[" + strconv.Itoa(e.Index) + "]: " +
		strings.TrimPrefix(e.Err.Error(), "chatwootidentity: ")
}

func (e *BatchError) Unwrap() error { return e.Err }
