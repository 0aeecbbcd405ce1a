package chatwootidentity

// #include "chatwoot_identity.h"
// #cgo noescape cw_key_set_user_script
// #cgo nocallback cw_key_set_user_script
// #cgo noescape cw_key_set_user_payload
// #cgo nocallback cw_key_set_user_payload
// #cgo noescape cw_reset_script
// #cgo nocallback cw_reset_script
import "C"

import (
	"encoding/json"
	"html/template"
	"unsafe"
)

// SetUserScript renders the <script> that signs the user in to Chatwoot's widget:
// window.$chatwoot.setUser(identifier, {identifier_hash, ...fields}), run as soon as the
// widget is ready. nonce is the page's CSP nonce ("" for none). Every value is escaped by
// the library so that it cannot end the script, whatever the user typed. For a numeric user
// id pass IntIdentifier(id).
//
// Errors: ErrEmptyIdentifier, ErrInvalidUTF8 (also ErrInvalidIdentifier for the identifier;
// a *FieldError for a field), ErrMissingContactField, ErrInvalidFieldValue, ErrInvalidNonce,
// ErrClosed.
func (k *Key) SetUserScript(identifier string, fields Fields, nonce string) (string, error) {
	out, err := k.render(identifier, &fields, nonce, true)
	return string(out), err
}

// SetUserScriptHTML is SetUserScript typed for html/template ({{.}} inserts it as is): the
// library's escaping is what makes it safe.
func (k *Key) SetUserScriptHTML(identifier string, fields Fields, nonce string) (template.HTML, error) {
	out, err := k.render(identifier, &fields, nonce, true)
	return template.HTML(out), err
}

// SetUserPayload renders the JSON object {"identifier", "identifier_hash", ...fields} for a
// single-page app's endpoint, which the page passes to window.$chatwoot.setUser (the widget's
// data, not a body for Chatwoot's public client API); the identifier is a JSON string.
// Errors as SetUserScript, without the nonce.
func (k *Key) SetUserPayload(identifier string, fields Fields) (json.RawMessage, error) {
	return k.render(identifier, &fields, "", false)
}

// ResetScript renders the logout <script>: window.$chatwoot.reset(), so the next visitor on
// this browser does not inherit the signed-in contact. Errors: ErrInvalidNonce.
func ResetScript(nonce string) (string, error) {
	out, err := resetScript(nonce)
	return string(out), err
}

// ResetScriptHTML is ResetScript typed for html/template.
func ResetScriptHTML(nonce string) (template.HTML, error) {
	out, err := resetScript(nonce)
	return template.HTML(out), err
}

// errIdentifierUTF8 is both ErrInvalidIdentifier (the library's status for it) and
// ErrInvalidUTF8 (the package's error for every string that is not text).
var errIdentifierUTF8 error = &bothError{ErrInvalidIdentifier, ErrInvalidUTF8}

type bothError struct{ primary, also error }

func (e *bothError) Error() string   { return e.primary.Error() }
func (e *bothError) Unwrap() []error { return []error{e.primary, e.also} }

// initialCap fits a typical snippet, so most calls are one C call.
const initialCap = 1024

func (k *Key) render(identifier string, fields *Fields, nonce string, script bool) ([]byte, error) {
	if errABI != nil {
		return nil, errABI
	}
	if identifier == "" {
		return nil, ErrEmptyIdentifier
	}
	if checkString(identifier) != nil {
		return nil, errIdentifierUTF8
	}
	fieldsJSON, err := fields.json()
	if err != nil {
		return nil, err
	}
	h := k.acquire()
	if h == nil {
		return nil, ErrClosed
	}
	defer h.release() // held across the retry: Close waits for both calls
	return withBuffer(func(out []byte, n *C.size_t) C.enum_cw_status {
		if script {
			return C.cw_key_set_user_script(h.ptr,
				bytePtr(unsafe.StringData(identifier)), C.size_t(len(identifier)),
				bytePtr(unsafe.SliceData(fieldsJSON)), C.size_t(len(fieldsJSON)),
				bytePtr(unsafe.StringData(nonce)), C.size_t(len(nonce)),
				(*C.char)(unsafe.Pointer(unsafe.SliceData(out))), C.size_t(len(out)), n)
		}
		return C.cw_key_set_user_payload(h.ptr,
			bytePtr(unsafe.StringData(identifier)), C.size_t(len(identifier)),
			bytePtr(unsafe.SliceData(fieldsJSON)), C.size_t(len(fieldsJSON)),
			(*C.char)(unsafe.Pointer(unsafe.SliceData(out))), C.size_t(len(out)), n)
	})
}

func resetScript(nonce string) ([]byte, error) {
	if errABI != nil {
		return nil, errABI
	}
	return withBuffer(func(out []byte, n *C.size_t) C.enum_cw_status {
		return C.cw_reset_script(bytePtr(unsafe.StringData(nonce)), C.size_t(len(nonce)),
			(*C.char)(unsafe.Pointer(unsafe.SliceData(out))), C.size_t(len(out)), n)
	})
}

// withBuffer runs the library's size protocol: a call with a buffer, and on
// CW_STATUS_BUFFER_TOO_SMALL one more with the capacity it asked for. The inputs are the
// caller's immutable strings and this package's own JSON, so the size cannot change
// between the two calls.
func withBuffer(call func(out []byte, n *C.size_t) C.enum_cw_status) ([]byte, error) {
	out := make([]byte, initialCap)
	var n C.size_t
	status := call(out, &n)
	if status == C.CW_STATUS_BUFFER_TOO_SMALL {
		out = make([]byte, int(n))
		status = call(out, &n)
	}
	if status != C.CW_STATUS_OK {
		return nil, statusError(int32(status))
	}
	return out[:int(n):int(n)], nil
}
