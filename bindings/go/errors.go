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
