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
	"sync"
	"sync/atomic"
	"unsafe"
)

// Key is an inbox secret prepared for hashing: the library computes its HMAC state once,
// so each hash costs two SHA-256 compressions. A Key is immutable and safe for concurrent
// use by any number of goroutines; it holds no copy of the secret on the Go heap.
//
// Call Close when done to wipe and free the key material at once; a Key that becomes
// unreachable is freed by the garbage collector anyway. Close waits for calls already in
// progress on other goroutines; calls that start after Close return ErrClosed (or false).
//
// Share a *Key, never a copied Key value: go vet reports copies. A copy made anyway
// shares the same native key, so closing either closes both, exactly once.
type Key struct {
	_ noCopy
	h *keyHandle
}

// keyHandle owns the library's cw_key. Every Key copy points to the same keyHandle, so
// the C pointer has exactly one owner whatever the caller copies.
type keyHandle struct {
	// Calls hold the read lock for the whole C call; Close takes the write lock, so it
	// waits for calls in progress and no call can start on a freed pointer.
	mu      sync.RWMutex
	ptr     *C.cw_key // nil once closed
	cleanup runtime.Cleanup
}

// noCopy makes `go vet` (copylocks) report a Key copied by value.
type noCopy struct{}

func (*noCopy) Lock()   {}
func (*noCopy) Unlock() {}

// liveKeys counts library keys not yet freed (observed by the tests of the cleanup).
var liveKeys atomic.Int64

// NewKey validates the inbox secret and prepares it for hashing. The secret is not kept:
// only its HMAC state lives inside the library.
//
// Errors: ErrEmptySecret, ErrSecretWhitespace, ErrSecretInvisible, ErrInvalidUTF8 (use
// NewKeyBytes for a secret that is raw bytes).
func NewKey(secret string) (*Key, error) {
	if err := checkString(secret); err != nil {
		return nil, err
	}
	return newKey(unsafe.StringData(secret), len(secret))
}

// NewKeyBytes is NewKey for a secret held in a byte slice (e.g. read from a file), without
// converting it to a string. The bytes are used as they are (no UTF-8 check). The slice
// may be wiped right after the call.
func NewKeyBytes(secret []byte) (*Key, error) {
	return newKey(unsafe.SliceData(secret), len(secret))
}

func newKey(secret *byte, n int) (*Key, error) {
	if errABI != nil {
		return nil, errABI
	}
	var ptr *C.cw_key
	if status := C.cw_key_new(bytePtr(secret), C.size_t(n), &ptr); status != C.CW_STATUS_OK {
		return nil, statusError(int32(status))
	}
	liveKeys.Add(1)
	h := &keyHandle{ptr: ptr}
	// On the handle, not the Key: a copied Key keeps the handle (and the C key) alive.
	h.cleanup = runtime.AddCleanup(h, freeKey, ptr)
	return &Key{h: h}, nil
}

func freeKey(ptr *C.cw_key) {
	C.cw_key_free(ptr) // wipes the HMAC state before freeing it
	liveKeys.Add(-1)
}

// Close wipes and frees the key material now rather than at garbage collection, after
// any call in progress on another goroutine has returned. It is idempotent (also through
// a copy of the Key) and always returns nil (Key is an io.Closer).
func (k *Key) Close() error {
	if k == nil || k.h == nil {
		return nil
	}
	h := k.h
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ptr != nil {
		h.cleanup.Stop()
		freeKey(h.ptr)
		h.ptr = nil
	}
	return nil
}

// String never shows key material, so a Key can be logged with %v safely.
func (k *Key) String() string { return "chatwootidentity.Key{secret: [redacted]}" }

// GoString keeps %#v from printing the struct's fields.
func (k *Key) GoString() string { return k.String() }

// acquire returns the live handle with its read lock held (release it with h.release),
// or nil for a closed or nil Key.
func (k *Key) acquire() *keyHandle {
	if k == nil || k.h == nil {
		return nil
	}
	h := k.h
	h.mu.RLock()
	if h.ptr == nil {
		h.mu.RUnlock()
		return nil
	}
	return h
}

// release ends a call: KeepAlive keeps the handle (and so the C key) from being collected
// before the C call that used its pointer has returned.
func (h *keyHandle) release() {
	h.mu.RUnlock()
	runtime.KeepAlive(h)
}

// IdentifierHash returns the identifier_hash of identifier under this key's secret: 64
// lowercase hex characters, the only allocation of the call.
//
// Errors: ErrEmptyIdentifier, ErrInvalidUTF8 (use IdentifierHashBytes for raw bytes),
// ErrClosed.
func (k *Key) IdentifierHash(identifier string) (string, error) {
	if err := checkString(identifier); err != nil {
		return "", err
	}
	var out [HashLen]byte
	if err := k.hashInto(&out, unsafe.StringData(identifier), len(identifier)); err != nil {
		return "", err
	}
	return string(out[:]), nil
}

// IdentifierHashBytes is IdentifierHash for an identifier held in a byte slice, without
// converting it to a string first. The bytes are hashed as they are (no UTF-8 check).
func (k *Key) IdentifierHashBytes(identifier []byte) (string, error) {
	var out [HashLen]byte
	if err := k.hashInto(&out, unsafe.SliceData(identifier), len(identifier)); err != nil {
		return "", err
	}
	return string(out[:]), nil
}

// AppendIdentifierHash appends the 64 hex characters of identifier's hash to dst and
// returns the extended slice: no allocation when dst has room (e.g. building a response).
// The identifier bytes are hashed as they are. On error dst is returned unchanged.
func (k *Key) AppendIdentifierHash(dst, identifier []byte) ([]byte, error) {
	var out [HashLen]byte
	if err := k.hashInto(&out, unsafe.SliceData(identifier), len(identifier)); err != nil {
		return dst, err
	}
	return append(dst, out[:]...), nil
}

// hashInto writes the hash into out, a stack buffer of the caller (noescape keeps it there).
func (k *Key) hashInto(out *[HashLen]byte, identifier *byte, n int) error {
	h := k.acquire()
	if h == nil {
		return ErrClosed
	}
	status := C.cw_key_identifier_hash(h.ptr, bytePtr(identifier), C.size_t(n),
		(*C.char)(unsafe.Pointer(&out[0])), C.size_t(len(out)))
	h.release()
	if status != C.CW_STATUS_OK {
		return statusError(int32(status))
	}
	return nil
}

// Verify reports whether identifierHash is exactly the identifier_hash of identifier under
// this key, compared in constant time by the library. False for every bad input (an
// identifier that is not valid UTF-8 included) and after Close.
func (k *Key) Verify(identifier, identifierHash string) bool {
	if checkString(identifier) != nil {
		return false
	}
	return k.verify(unsafe.StringData(identifier), len(identifier),
		unsafe.StringData(identifierHash), len(identifierHash))
}

// VerifyBytes is Verify for byte slices (e.g. a request body), without converting them.
// The identifier bytes are used as they are.
func (k *Key) VerifyBytes(identifier, identifierHash []byte) bool {
	return k.verify(unsafe.SliceData(identifier), len(identifier),
		unsafe.SliceData(identifierHash), len(identifierHash))
}

func (k *Key) verify(identifier *byte, n int, hash *byte, hashLen int) bool {
	h := k.acquire()
	if h == nil {
		return false
	}
	ok := C.cw_key_verify(h.ptr, bytePtr(identifier), C.size_t(n),
		(*C.char)(unsafe.Pointer(hash)), C.size_t(hashLen))
	h.release()
	return bool(ok)
}

// closed reports whether the Key is nil or closed (a hint: Close may still run later).
func (k *Key) closed() bool {
	h := k.acquire()
	if h == nil {
		return true
	}
	h.release()
	return false
}
