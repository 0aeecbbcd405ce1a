package chatwootidentity

// #include "chatwoot_identity.h"
// #cgo noescape cw_key_new
// #cgo nocallback cw_key_new
// #cgo nocallback cw_key_free
// #cgo noescape cw_key_identifier_hash
// #cgo nocallback cw_key_identifier_hash
// #cgo noescape cw_key_verify
// #cgo nocallback cw_key_verify
import "C"

import (
	"runtime"
	"sync/atomic"
	"unsafe"
)

// Key is an inbox secret prepared for hashing: the library computes its HMAC state once,
// so each hash costs two SHA-256 compressions. A Key is immutable and safe for concurrent
// use by any number of goroutines; it holds no copy of the secret on the Go heap.
//
// Call Close when done to wipe and free the key material at once; a Key that becomes
// unreachable is freed by the garbage collector anyway. Close must not run while another
// goroutine is still using the Key; methods called after Close return ErrClosed (or false).
type Key struct {
	handle  unsafe.Pointer // the *C.cw_key (an incomplete C type), nil once closed; atomic
	cleanup runtime.Cleanup
}

// liveKeys counts library keys not yet freed (observed by the tests of the finalizer).
var liveKeys atomic.Int64

// NewKey validates the inbox secret and prepares it for hashing. The secret is not kept:
// only its HMAC state lives inside the library.
//
// Errors: ErrEmptySecret, ErrSecretWhitespace.
func NewKey(secret string) (*Key, error) {
	return newKey(unsafe.StringData(secret), len(secret))
}

// NewKeyBytes is NewKey for a secret held in a byte slice (e.g. read from a file), without
// converting it to a string. The slice may be wiped right after the call.
func NewKeyBytes(secret []byte) (*Key, error) {
	return newKey(unsafe.SliceData(secret), len(secret))
}

func newKey(secret *byte, n int) (*Key, error) {
	if errABI != nil {
		return nil, errABI
	}
	var handle *C.cw_key
	if status := C.cw_key_new(bytePtr(secret), C.size_t(n), &handle); status != C.CW_STATUS_OK {
		return nil, statusError(int32(status))
	}
	liveKeys.Add(1)
	k := &Key{}
	k.handle = unsafe.Pointer(handle)
	k.cleanup = runtime.AddCleanup(k, freeHandle, handle)
	return k, nil
}

func freeHandle(handle *C.cw_key) {
	C.cw_key_free(handle) // wipes the HMAC state before freeing it
	liveKeys.Add(-1)
}

// Close wipes and frees the key material now rather than at garbage collection. It is
// idempotent and always returns nil (Key is an io.Closer).
func (k *Key) Close() error {
	if k == nil {
		return nil
	}
	if handle := atomic.SwapPointer(&k.handle, nil); handle != nil {
		k.cleanup.Stop()
		freeHandle((*C.cw_key)(handle))
	}
	return nil
}

// String never shows key material, so a Key can be logged with %v safely.
func (k *Key) String() string { return "chatwootidentity.Key{secret: [redacted]}" }

// GoString keeps %#v from printing the struct's fields.
func (k *Key) GoString() string { return k.String() }

// IdentifierHash returns the identifier_hash of identifier under this key's secret: 64
// lowercase hex characters, the only allocation of the call.
//
// Errors: ErrEmptyIdentifier, ErrClosed.
func (k *Key) IdentifierHash(identifier string) (string, error) {
	var out [HashLen]byte
	if err := k.hashInto(&out, unsafe.StringData(identifier), len(identifier)); err != nil {
		return "", err
	}
	return string(out[:]), nil
}

// IdentifierHashBytes is IdentifierHash for an identifier held in a byte slice, without
// converting it to a string first.
func (k *Key) IdentifierHashBytes(identifier []byte) (string, error) {
	var out [HashLen]byte
	if err := k.hashInto(&out, unsafe.SliceData(identifier), len(identifier)); err != nil {
		return "", err
	}
	return string(out[:]), nil
}

// AppendIdentifierHash appends the 64 hex characters of identifier's hash to dst and
// returns the extended slice: no allocation when dst has room (e.g. building a response).
// On error dst is returned unchanged.
func (k *Key) AppendIdentifierHash(dst, identifier []byte) ([]byte, error) {
	var out [HashLen]byte
	if err := k.hashInto(&out, unsafe.SliceData(identifier), len(identifier)); err != nil {
		return dst, err
	}
	return append(dst, out[:]...), nil
}

// hashInto writes the hash into out, a stack buffer of the caller (noescape keeps it there).
func (k *Key) hashInto(out *[HashLen]byte, identifier *byte, n int) error {
	handle := k.load()
	if handle == nil {
		return ErrClosed
	}
	status := C.cw_key_identifier_hash(handle, bytePtr(identifier), C.size_t(n),
		(*C.char)(unsafe.Pointer(&out[0])), C.size_t(len(out)))
	runtime.KeepAlive(k) // k owns handle: it must not be collected (and freed) mid-call
	if status != C.CW_STATUS_OK {
		return statusError(int32(status))
	}
	return nil
}

// Verify reports whether identifierHash is exactly the identifier_hash of identifier under
// this key, compared in constant time by the library. False for every bad input and after
// Close.
func (k *Key) Verify(identifier, identifierHash string) bool {
	return k.verify(unsafe.StringData(identifier), len(identifier),
		unsafe.StringData(identifierHash), len(identifierHash))
}

// VerifyBytes is Verify for byte slices (e.g. a request body), without converting them.
func (k *Key) VerifyBytes(identifier, identifierHash []byte) bool {
	return k.verify(unsafe.SliceData(identifier), len(identifier),
		unsafe.SliceData(identifierHash), len(identifierHash))
}

func (k *Key) verify(identifier *byte, n int, hash *byte, hashLen int) bool {
	handle := k.load()
	if handle == nil {
		return false
	}
	ok := C.cw_key_verify(handle, bytePtr(identifier), C.size_t(n),
		(*C.char)(unsafe.Pointer(hash)), C.size_t(hashLen))
	runtime.KeepAlive(k)
	return bool(ok)
}

// load returns the library handle, nil for a closed or nil Key.
func (k *Key) load() *C.cw_key {
	if k == nil {
		return nil
	}
	return (*C.cw_key)(atomic.LoadPointer(&k.handle))
}
