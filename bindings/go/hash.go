package chatwootidentity

// #include "chatwoot_identity.h"
// #cgo noescape cw_identifier_hash
// #cgo nocallback cw_identifier_hash
// #cgo noescape cw_verify
// #cgo nocallback cw_verify
import "C"

import (
	"fmt"
	"unsafe"
)

// HashLen is the length of an identifier_hash: 64 lowercase hex characters.
const HashLen = 64

// Fails to compile if the header's CW_HASH_LEN ever differs from HashLen.
const _ = uint(HashLen-C.CW_HASH_LEN) + uint(C.CW_HASH_LEN-HashLen)

// errABI is set once at start-up when the linked library speaks another ABI than the header
// this package was compiled with; every entry point then refuses to work rather than call
// functions whose signatures may differ.
var errABI = checkABI()

func checkABI() error {
	if got := uint32(C.cw_abi_version()); got != C.CW_ABI_VERSION {
		return fmt.Errorf("%w: library ABI %d, header ABI %d", ErrIncompatibleLibrary, got, C.CW_ABI_VERSION)
	}
	return nil
}

// IdentifierHash returns Chatwoot's identifier_hash of identifier under the inbox secret:
// the lowercase hex HMAC-SHA256, 64 characters. It sets the secret up on every call; to
// hash more than once with the same secret, create a Key with NewKey.
//
// Errors: ErrEmptySecret, ErrSecretWhitespace, ErrSecretInvisible, ErrEmptyIdentifier,
// ErrInvalidUTF8 (for raw bytes, use NewKeyBytes and Key.IdentifierHashBytes).
func IdentifierHash(secret, identifier string) (string, error) {
	if errABI != nil {
		return "", errABI
	}
	if err := checkString(secret); err != nil {
		return "", err
	}
	if err := checkString(identifier); err != nil {
		return "", err
	}
	var out [HashLen]byte // on the stack: the only allocation is the returned string
	status := C.cw_identifier_hash(
		bytePtr(unsafe.StringData(secret)), C.size_t(len(secret)),
		bytePtr(unsafe.StringData(identifier)), C.size_t(len(identifier)),
		(*C.char)(unsafe.Pointer(&out[0])), C.size_t(len(out)))
	if status != C.CW_STATUS_OK {
		return "", statusError(int32(status))
	}
	return string(out[:]), nil
}

// Verify reports whether identifierHash is exactly the identifier_hash of identifier under
// secret (64 lowercase hex characters), compared in constant time by the library. It fails
// closed: false for every bad input (empty, whitespace- or invisible-padded secret, empty identifier,
// wrong length, uppercase hex, a secret or identifier that is not valid UTF-8).
func Verify(secret, identifier, identifierHash string) bool {
	if errABI != nil || checkString(secret) != nil || checkString(identifier) != nil {
		return false
	}
	return bool(C.cw_verify(
		bytePtr(unsafe.StringData(secret)), C.size_t(len(secret)),
		bytePtr(unsafe.StringData(identifier)), C.size_t(len(identifier)),
		(*C.char)(unsafe.Pointer(unsafe.StringData(identifierHash))), C.size_t(len(identifierHash))))
}

// Version returns the linked library's version, e.g. "0.1.0".
func Version() string { return C.GoString(C.cw_version()) }

// bytePtr hands Go string or slice bytes to C without a copy: cgo keeps them alive for
// the call, and they hold no Go pointers. (nil, 0) is the library's empty buffer.
func bytePtr(p *byte) *C.uint8_t { return (*C.uint8_t)(unsafe.Pointer(p)) }
