package chatwootidentity

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestBadInputMatrix runs tests/bad_input_matrix.json, the one source of the bad-input matrix
// (docs/bad-input-matrix.md describes the format). Each case of a row whose Go cell is not
// "n/a" is a subtest <row id>/<case index>/<form>; each behaviour row is a subtest that names
// the tests exercising it (behaviourTests). Whatever this file cannot run, an unknown call,
// argument, value or expectation, a status without a sentinel, a behaviour row without tests,
// fails: a row added to the data fails here until Go can run it.
//
// How the data's values reach Go:
//   - a text value is a string, for the string functions; where a parameter also has a []byte
//     function (NewKeyBytes; Key.IdentifierHashBytes with Key.AppendIdentifierHash; Key.VerifyBytes)
//     the case runs a second time, form "bytes", with every text value as []byte;
//   - {"hex"} is a []byte. The one-shot IdentifierHash and Verify take strings only: their raw
//     bytes go, as the package documents, through NewKeyBytes and the Key's []byte method.
//     Explain, SetUserScript's identifier and IdentifierHashes take strings only: a []byte
//     there cannot run (a batch element is a string: the data's batches of raw bytes are
//     not Go's);
//   - {"null": 0} is the empty string and, where the parameter has a []byte function, also
//     the empty []byte (form "bytes") and a nil []byte (form "nil", C's (NULL, 0));
//   - {"null": n > 0} cannot run: Go has no nil string and a nil []byte has length 0, so a
//     null argument is a compile-time type error. That is also what NULL_POINTER, the data's
//     "type error for a null argument", means in Go: a case expecting it cannot run either.
//
// Statuses are found by name in statusSentinels, generated from the header with the
// sentinels themselves (tables_gen_test.go); verdicts by Verdict.String, the library's name.
func TestBadInputMatrix(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "tests", "bad_input_matrix.json"))
	if err != nil {
		t.Fatalf("reading the bad-input matrix: %v", err)
	}
	var m struct {
		Defaults  map[string]json.RawMessage `json:"defaults"`
		Languages []string                   `json:"languages"`
		Rows      []struct {
			ID        string                       `json:"id"`
			Behaviour bool                         `json:"behaviour"`
			Cases     []map[string]json.RawMessage `json:"cases"`
			Cells     map[string]string            `json:"cells"`
		} `json:"rows"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("parsing tests/bad_input_matrix.json: %v", err)
	}
	if !slices.Contains(m.Languages, "Go") || len(m.Rows) == 0 {
		t.Fatalf("tests/bad_input_matrix.json lists no Go column or no rows")
	}
	cases, named := 0, map[string]bool{}
	for _, row := range m.Rows {
		t.Run(row.ID, func(t *testing.T) {
			cell, ok := row.Cells["Go"]
			switch {
			case !ok:
				t.Fatalf("the row has no Go cell")
			case strings.HasPrefix(cell, "n/a"):
				// No case: the input cannot reach Go. The cell must say why.
				if reason := strings.TrimSpace(strings.TrimLeft(cell[3:], ":")); reason == "" {
					t.Fatalf("the Go cell is n/a without a reason: %q", cell)
				}
			case row.Behaviour == (len(row.Cases) > 0):
				t.Fatalf("a row has either cases or \"behaviour\": true (behaviour %v, %d cases)", row.Behaviour, len(row.Cases))
			case row.Behaviour:
				named[row.ID] = true
				checkBehaviourTests(t, row.ID)
			default:
				ran := 0
				for i, c := range row.Cases {
					if forGo, err := caseIsForGo(c); err != nil || !forGo {
						if err != nil {
							t.Errorf("case %d: %v", i, err)
						}
						continue
					}
					ran++
					t.Run(fmt.Sprint(i), func(t *testing.T) { runMatrixCase(t, m.Defaults, c) })
				}
				if ran == 0 {
					t.Errorf("the Go cell says %q, but no case applies to Go", cell)
				}
				cases += ran
			}
		})
	}
	for id := range behaviourTests {
		if !named[id] {
			t.Errorf("behaviourTests names %q, which is no behaviour row of Go in the data: remove it", id)
		}
	}
	t.Logf("%d cases, %d behaviour rows", cases, len(named))
}

// behaviourTests maps each behaviour row that applies to Go to the tests of this package that
// exercise it. They run in the suite on their own; here they are only named.
var behaviourTests = map[string][]func(*testing.T){
	"key-double-free":    {TestKeyClose, TestCopiedKeyIsClosedOnce, TestVetReportsCopiedKey},
	"close-mid-call":     {TestCloseWhileHashing, TestRenderClose},
	"non-unicode-string": {TestInvalidUTF8String, TestRenderInvalidUTF8},
}

func checkBehaviourTests(t *testing.T, id string) {
	tests := behaviourTests[id]
	if len(tests) == 0 {
		t.Fatalf("behaviour row %q names no Go test: add the tests that exercise it to behaviourTests", id)
	}
	for _, test := range tests {
		fn := runtime.FuncForPC(reflect.ValueOf(test).Pointer())
		if fn == nil {
			t.Fatalf("behaviour row %q: an entry does not resolve to a function", id)
		}
		name := fn.Name()[strings.LastIndex(fn.Name(), ".")+1:]
		if !strings.HasPrefix(name, "Test") {
			t.Errorf("behaviour row %q: %s is not a test that go test runs", id, name)
		}
	}
}

func caseIsForGo(c map[string]json.RawMessage) (bool, error) {
	only, ok := c["only"]
	if !ok {
		return true, nil
	}
	var languages []string
	if err := json.Unmarshal(only, &languages); err != nil || len(languages) == 0 {
		return false, fmt.Errorf(`"only" is a non-empty list of languages, not %s`, only)
	}
	return slices.Contains(languages, "Go"), nil
}

// matrixValue is one argument as Go passes it.
type matrixValue struct {
	s     string
	b     []byte
	bytes bool // b, a []byte; otherwise s, a string
	empty bool // {"null": 0}
}

func (v matrixValue) asBytes() []byte {
	if v.bytes {
		return v.b
	}
	return []byte(v.s)
}

// decodeValue reads a value of the data: a string, or an object {"hex"|"text"|"null", "repeat"}.
func decodeValue(raw json.RawMessage) (matrixValue, error) {
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		err := json.Unmarshal(raw, &s)
		return matrixValue{s: s}, err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return matrixValue{}, fmt.Errorf("a value is a string or an object, not %s", raw)
	}
	repeat := 1
	if r, ok := obj["repeat"]; ok {
		if err := json.Unmarshal(r, &repeat); err != nil || repeat < 1 {
			return matrixValue{}, fmt.Errorf("repeat must be a positive count: %s", raw)
		}
		delete(obj, "repeat")
	}
	var body string
	switch {
	case len(obj) != 1:
		return matrixValue{}, fmt.Errorf("a value object has exactly one of hex, text, null: %s", raw)
	case obj["text"] != nil:
		err := json.Unmarshal(obj["text"], &body)
		return matrixValue{s: strings.Repeat(body, repeat)}, err
	case obj["hex"] != nil:
		if err := json.Unmarshal(obj["hex"], &body); err != nil {
			return matrixValue{}, err
		}
		b, err := hex.DecodeString(body)
		return matrixValue{b: bytes.Repeat(b, repeat), bytes: true}, err
	case obj["null"] != nil:
		var n int
		if err := json.Unmarshal(obj["null"], &n); err != nil || n < 0 || repeat != 1 {
			return matrixValue{}, fmt.Errorf("null takes a length and no repeat: %s", raw)
		}
		if n > 0 {
			return matrixValue{}, fmt.Errorf("(NULL, %d) cannot be built in Go: no nil string, and a nil []byte has length 0", n)
		}
		return matrixValue{empty: true}, nil
	}
	return matrixValue{}, fmt.Errorf("unknown kind of value: %s", raw)
}

// matrixArgs are a case's arguments in one form; secret, identifier and hash default to the
// data's "defaults".
type matrixArgs struct {
	secret, identifier, hash matrixValue
	identifiers              []matrixValue
	hasIdentifiers           bool
}

func (a matrixArgs) key() (*Key, error) {
	if a.secret.bytes {
		return NewKeyBytes(a.secret.b)
	}
	return NewKey(a.secret.s)
}

// keyedHash hashes the identifier with a key made from the secret: through the []byte
// functions when the identifier is a []byte (IdentifierHashBytes and AppendIdentifierHash,
// which must agree), else through Key.IdentifierHash.
func (a matrixArgs) keyedHash() (any, error) {
	key, err := a.key()
	if err != nil {
		return "", err
	}
	defer key.Close()
	if !a.identifier.bytes {
		return key.IdentifierHash(a.identifier.s)
	}
	got, err := key.IdentifierHashBytes(a.identifier.b)
	appended, aerr := key.AppendIdentifierHash([]byte(">"), a.identifier.b)
	if want := ">" + got; string(appended) != want || aerr != err {
		return got, fmt.Errorf("AppendIdentifierHash gives %.70q, %v; IdentifierHashBytes %q, %v", appended, aerr, got, err)
	}
	return got, err
}

func (a matrixArgs) keyedVerify() (any, error) {
	key, err := a.key()
	if err != nil {
		return false, err
	}
	defer key.Close()
	if a.identifier.bytes || a.hash.bytes {
		return key.VerifyBytes(a.identifier.asBytes(), a.hash.asBytes()), nil
	}
	return key.Verify(a.identifier.s, a.hash.s), nil
}

// param says how a parameter of a call takes a value in Go.
type param int

const (
	stringOnly  param = iota // only a string function
	bytesToo                 // a []byte function too: the case also runs in forms "bytes" (and "nil")
	bytesViaKey              // a one-shot string function: a {"hex"} value goes through NewKeyBytes and the Key
)

type matrixCall struct {
	params map[string]param
	run    func(t *testing.T, a matrixArgs) (any, error)
}

var matrixCalls = map[string]matrixCall{
	"identifier_hash": {map[string]param{"secret": bytesViaKey, "identifier": bytesViaKey}, func(_ *testing.T, a matrixArgs) (any, error) {
		if a.secret.bytes || a.identifier.bytes {
			return a.keyedHash()
		}
		return IdentifierHash(a.secret.s, a.identifier.s)
	}},
	"key_new": {map[string]param{"secret": bytesToo}, func(_ *testing.T, a matrixArgs) (any, error) {
		key, err := a.key()
		if err == nil {
			key.Close()
		}
		return key, err
	}},
	"key_identifier_hash": {map[string]param{"secret": bytesToo, "identifier": bytesToo}, func(_ *testing.T, a matrixArgs) (any, error) {
		return a.keyedHash()
	}},
	"key_identifier_hashes": {map[string]param{"secret": bytesToo, "identifiers": stringOnly}, func(_ *testing.T, a matrixArgs) (any, error) {
		if !a.hasIdentifiers {
			return nil, errors.New(`key_identifier_hashes needs "identifiers" (it has no default)`)
		}
		key, err := a.key()
		if err != nil {
			return nil, err
		}
		defer key.Close()
		// Go's batch takes strings (a non-UTF-8 element is refused: the non-unicode-string
		// row), so the data runs its batches of raw bytes in the other languages only.
		identifiers := make([]string, len(a.identifiers))
		for i, v := range a.identifiers {
			identifiers[i] = string(v.asBytes())
		}
		return key.IdentifierHashes(identifiers)
	}},
	"verify": {map[string]param{"secret": bytesViaKey, "identifier": bytesViaKey, "hash": bytesViaKey}, func(_ *testing.T, a matrixArgs) (any, error) {
		if a.secret.bytes || a.identifier.bytes || a.hash.bytes {
			return a.keyedVerify()
		}
		return Verify(a.secret.s, a.identifier.s, a.hash.s), nil
	}},
	"key_verify": {map[string]param{"secret": bytesToo, "identifier": bytesToo, "hash": bytesToo}, func(_ *testing.T, a matrixArgs) (any, error) {
		return a.keyedVerify()
	}},
	"explain": {map[string]param{"secret": stringOnly, "identifier": stringOnly, "hash": stringOnly}, func(_ *testing.T, a matrixArgs) (any, error) {
		return Explain(a.secret.s, a.identifier.s, a.hash.s)
	}},
	"set_user_script": {map[string]param{"secret": bytesToo, "identifier": stringOnly}, func(_ *testing.T, a matrixArgs) (any, error) {
		key, err := a.key()
		if err != nil {
			return "", err
		}
		defer key.Close()
		return key.SetUserScript(a.identifier.s, Fields{Name: "n"}, "")
	}},
}

// runMatrixCase runs one case in each form that Go has for it, then checks its expectation.
func runMatrixCase(t *testing.T, defaults map[string]json.RawMessage, c map[string]json.RawMessage) {
	var name string
	if err := json.Unmarshal(c["call"], &name); err != nil {
		t.Fatalf("a case has no call: %v", err)
	}
	call, ok := matrixCalls[name]
	if !ok {
		t.Fatalf("unknown call %q: the Go matrix test cannot run it", name)
	}
	var expect map[string]json.RawMessage
	if err := json.Unmarshal(c["expect"], &expect); err != nil || len(expect) == 0 {
		t.Fatalf("the case has no expectation object: %s", c["expect"])
	}
	var base matrixArgs
	values := map[string]*matrixValue{"secret": &base.secret, "identifier": &base.identifier, "hash": &base.hash}
	for arg, v := range values {
		var err error
		if *v, err = decodeValue(defaults[arg]); err != nil {
			t.Fatalf("defaults.%s: %v", arg, err)
		}
	}
	forms := []string{"string"}
	for arg, raw := range c {
		if arg == "call" || arg == "expect" || arg == "only" {
			continue
		}
		p, ok := call.params[arg]
		if !ok {
			t.Fatalf("unknown argument %q for %s in Go", arg, name)
		}
		if arg == "identifiers" {
			var list []json.RawMessage
			if err := json.Unmarshal(raw, &list); err != nil {
				t.Fatalf("identifiers: %v", err)
			}
			base.hasIdentifiers = true
			for i, item := range list {
				v, err := decodeValue(item)
				if err != nil {
					t.Fatalf("identifiers[%d]: %v", i, err)
				}
				base.identifiers = append(base.identifiers, v)
			}
			continue
		}
		v, err := decodeValue(raw)
		if err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
		if v.bytes && p == stringOnly {
			t.Fatalf("%s: Go's %s takes a string there, and a []byte (%d bytes) has no entry point", arg, name, len(v.b))
		}
		*values[arg] = v
		if v.empty && p == bytesToo && !slices.Contains(forms, "nil") {
			forms = append(forms, "nil")
		}
	}
	for _, p := range call.params {
		if p == bytesToo {
			forms = slices.Insert(forms, 1, "bytes")
			break
		}
	}
	for _, form := range forms {
		t.Run(form, func(t *testing.T) {
			a := base
			for arg, v := range map[string]*matrixValue{"secret": &a.secret, "identifier": &a.identifier, "hash": &a.hash} {
				if form != "string" && call.params[arg] == bytesToo && !v.bytes {
					v.bytes, v.b = true, []byte(v.s)
					if v.empty && form == "nil" {
						v.b = nil
					}
				}
			}
			got, err := call.run(t, a)
			checkExpectation(t, name, expect, got, err)
		})
	}
}

func checkExpectation(t *testing.T, call string, expect map[string]json.RawMessage, got any, err error) {
	t.Helper()
	kinds := slices.Sorted(maps.Keys(expect))
	if name, ok := expect["error"]; ok {
		var status string
		if jerr := json.Unmarshal(name, &status); jerr != nil {
			t.Fatalf("error: %v", jerr)
		}
		if status == "NULL_POINTER" {
			t.Fatalf("NULL_POINTER is a type error for a null argument; in Go a null argument does not compile")
		}
		sentinel, ok := statusSentinels[status]
		if !ok {
			t.Fatalf("status %s has no sentinel in tables_gen_test.go (run `make header`)", status)
		}
		if !errors.Is(err, sentinel) {
			t.Errorf("%s: got (%s, %v); want %s: %v", call, brief(got), err, status, sentinel)
		}
		if got != nil && !reflect.ValueOf(got).IsZero() {
			t.Errorf("%s: a result beside the error: %v", call, brief(got))
		}
		if index, ok := expect["index"]; ok {
			var want int
			var be *BatchError
			if jerr := json.Unmarshal(index, &want); jerr != nil {
				t.Fatalf("index: %v", jerr)
			}
			if !errors.As(err, &be) || be.Index != want {
				t.Errorf("%s: %v is not a *BatchError naming index %d", call, err, want)
			}
			kinds = slices.DeleteFunc(kinds, func(k string) bool { return k == "index" })
		}
		if len(kinds) != 1 {
			t.Fatalf("unknown expectation %v", kinds)
		}
		return
	}
	if len(kinds) != 1 {
		t.Fatalf("unknown expectation %v", kinds)
	}
	if err != nil {
		t.Fatalf("%s: unexpected error %v (the case expects %s)", call, err, expect[kinds[0]])
	}
	var ok bool
	switch kind := kinds[0]; kind {
	case "hash":
		var want string
		_ = json.Unmarshal(expect[kind], &want)
		ok = got == any(want) && want != ""
	case "hashes":
		var want []string
		_ = json.Unmarshal(expect[kind], &want)
		hashes, isList := got.([]string)
		ok = isList && want != nil && slices.Equal(hashes, want)
	case "verify":
		var want bool
		ok = json.Unmarshal(expect[kind], &want) == nil && got == any(want)
	case "verdict":
		var want string
		e, isExplanation := got.(Explanation)
		ok = json.Unmarshal(expect[kind], &want) == nil && isExplanation && e.Verdict.String() == want
	case "ok":
		ok = string(expect[kind]) == "true" && got != nil && !reflect.ValueOf(got).IsZero()
	default:
		t.Fatalf("unknown expectation %q", kind)
	}
	if !ok {
		t.Errorf("%s: got %v; want %s %s", call, brief(got), kinds[0], expect[kinds[0]])
	}
}

// brief keeps a 1 MiB result out of a failure message.
func brief(v any) string {
	s := fmt.Sprintf("%v", v)
	if str, ok := v.(string); ok {
		s = fmt.Sprintf("%q", str)
	}
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}
