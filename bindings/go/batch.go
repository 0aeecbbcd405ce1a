package chatwootidentity

// #include "chatwoot_identity.h"
// #cgo noescape cw_key_identifier_hash_batch
// #cgo nocallback cw_key_identifier_hash_batch
import "C"

import "unsafe"

// IdentifierHashes returns the identifier_hash of every identifier, in order, computed in
// a single cgo call (for backfills and bulk exports). The returned strings share one
// backing array, like the results of strings.Split; use strings.Clone to keep a few of a
// large batch without retaining the rest.
//
// An empty identifier fails the whole call with a *BatchError naming its index and
// wrapping ErrEmptyIdentifier; nothing is hashed then. An empty slice returns an empty
// slice. An identifier that is not valid UTF-8 fails the same way, wrapping
// ErrInvalidUTF8. Errors: *BatchError, ErrClosed.
func (k *Key) IdentifierHashes(identifiers []string) ([]string, error) {
	if k.closed() {
		return nil, ErrClosed
	}
	if len(identifiers) == 0 {
		return []string{}, nil
	}
	// The library only says "some identifier is empty": find which one first.
	total := 0
	for i, identifier := range identifiers {
		if identifier == "" {
			return nil, &BatchError{Index: i, Err: ErrEmptyIdentifier}
		}
		if err := checkString(identifier); err != nil {
			return nil, &BatchError{Index: i, Err: err}
		}
		total += len(identifier)
	}
	// The C ABI takes the identifiers back to back plus count+1 offsets.
	data := make([]byte, 0, total)
	offsets := make([]C.size_t, len(identifiers)+1)
	for i, identifier := range identifiers {
		data = append(data, identifier...)
		offsets[i+1] = C.size_t(len(data))
	}
	out := make([]byte, len(identifiers)*HashLen)
	h := k.acquire() // after the copy: Close is never held up by the caller's slice
	if h == nil {
		return nil, ErrClosed
	}
	status := C.cw_key_identifier_hash_batch(h.ptr,
		bytePtr(unsafe.SliceData(data)), C.size_t(len(data)),
		unsafe.SliceData(offsets), C.size_t(len(identifiers)),
		(*C.char)(unsafe.Pointer(unsafe.SliceData(out))), C.size_t(len(out)))
	h.release()
	if status != C.CW_STATUS_OK {
		return nil, statusError(int32(status))
	}
	// out is never written again, so it can back the strings without a copy.
	all := unsafe.String(unsafe.SliceData(out), len(out))
	hashes := make([]string, len(identifiers))
	for i := range hashes {
		hashes[i] = all[i*HashLen : (i+1)*HashLen]
	}
	return hashes, nil
}
