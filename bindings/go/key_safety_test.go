package chatwootidentity

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// copyKey copies a Key by value at run time, the mistake go vet reports at compile time
// (reflect keeps vet quiet here, so the rest of this package stays vet-clean).
func copyKey(k *Key) *Key {
	c := new(Key)
	reflect.ValueOf(c).Elem().Set(reflect.ValueOf(k).Elem())
	return c
}

// A copy shares the native key: closing the copy closes it once for both, and neither
// can then use freed memory (a wrong hash with a nil error) or free it again.
func TestCopiedKeyIsClosedOnce(t *testing.T) {
	before := liveKeys.Load()
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	c := copyKey(key)
	if got, err := c.IdentifierHash(sampleIdentifier); err != nil || got != sampleHash {
		t.Fatalf("copy before Close: %q, %v", got, err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if liveKeys.Load() != before {
		t.Fatalf("closing the copy left %d keys alive", liveKeys.Load()-before)
	}
	if _, err := key.IdentifierHash(sampleIdentifier); !errors.Is(err, ErrClosed) {
		t.Errorf("original after the copy's Close: %v, want ErrClosed", err)
	}
	if _, err := key.IdentifierHashes([]string{sampleIdentifier}); !errors.Is(err, ErrClosed) {
		t.Errorf("original batch after the copy's Close: %v, want ErrClosed", err)
	}
	if key.Verify(sampleIdentifier, sampleHash) || c.VerifyBytes([]byte(sampleIdentifier), []byte(sampleHash)) {
		t.Errorf("Verify after Close returned true")
	}
	_ = key.Close() // a second free would corrupt the heap (or be caught by the allocator)
	_ = c.Close()
	if liveKeys.Load() != before {
		t.Fatalf("live keys went to %d after closing twice", liveKeys.Load()-before)
	}
}

// A copy keeps the native key alive when the original becomes garbage: the cleanup
// belongs to the shared handle, not to one Key value.
func TestCopyOutlivesTheOriginal(t *testing.T) {
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	c := copyKey(key)
	key = nil
	for i := 0; i < 5; i++ {
		forceGC()
		if got, err := c.IdentifierHash(sampleIdentifier); err != nil || got != sampleHash {
			t.Fatalf("copy after the original was collected: %q, %v", got, err)
		}
	}
	c.Close()
}

// go vet must report a Key copied by value, in a user's program.
func TestVetReportsCopiedKey(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed for this test: %v", err)
	}
	moduleDir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	env := writeOutsideProgram(t, goBin, moduleDir, dir)
	write(t, filepath.Join(dir, "main.go"), copiedKeyProgram)
	vet := exec.Command(goBin, "vet", ".")
	vet.Dir, vet.Env = dir, env
	out, err := vet.CombinedOutput()
	if err == nil {
		t.Fatalf("go vet accepted a copied Key:\n%s", out)
	}
	if !bytes.Contains(out, []byte("copies lock value")) || !bytes.Contains(out, []byte("noCopy")) {
		t.Fatalf("go vet failed, but not with the copylocks report:\n%s", out)
	}
	if n := strings.Count(string(out), "copies lock value"); n < 2 {
		t.Errorf("go vet reported %d copies, want both (assignment and call argument):\n%s", n, out)
	}
}

const copiedKeyProgram = `package main

import chatwootidentity "github.com/chatwoot-identity/chatwoot-identity/bindings/go"

func use(k chatwootidentity.Key) { _ = k.Close() }

func main() {
	k, _ := chatwootidentity.NewKey("your-secret-token-for-hmac")
	c := *k
	use(c)
}
`

// Goroutines hash (single, batch, verify, through copies too) while another goroutine
// closes the key: every result is the right hash or ErrClosed (false from verify), never
// a hash under freed or wiped key material, and after Close everything is ErrClosed.
// The long identifiers keep calls in flight when Close arrives; Close waits for them.
func TestCloseWhileHashing(t *testing.T) {
	long := bytes.Repeat([]byte("long-identifier-"), 1<<16) // 1 MiB: a call of ~ms
	wantLong := goHMAC([]byte(sampleSecret), long)
	for round := 0; round < 20; round++ {
		before := liveKeys.Load()
		key, err := NewKey(sampleSecret)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var bad atomic.Value
		var hashed, closedSeen atomic.Int64
		for g := 0; g < 8; g++ {
			k := key
			if g%2 == 1 {
				k = copyKey(key)
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					var got string
					var err error
					switch g % 4 {
					case 0:
						got, err = k.IdentifierHashBytes(long)
					case 1:
						var hs []string
						if hs, err = k.IdentifierHashes([]string{string(long), sampleIdentifier}); err == nil {
							got = hs[0]
						}
					case 2:
						if !k.VerifyBytes(long, []byte(wantLong)) {
							err = ErrClosed
						}
						got = wantLong
					default:
						got, err = k.IdentifierHash(string(long))
					}
					if errors.Is(err, ErrClosed) {
						closedSeen.Add(1)
						return
					}
					if err != nil || got != wantLong {
						bad.Store(errors.New("got " + got + " err " + errString(err)))
						return
					}
					hashed.Add(1)
				}
			}()
		}
		for hashed.Load() < 4 {
			runtimeGosched()
		}
		closer := key
		if round%2 == 1 {
			closer = copyKey(key)
		}
		if err := closer.Close(); err != nil {
			t.Fatal(err)
		}
		if liveKeys.Load() != before {
			t.Fatalf("round %d: Close returned with the key still allocated", round)
		}
		wg.Wait()
		if v := bad.Load(); v != nil {
			t.Fatalf("round %d: a call overlapping Close returned a wrong result: %v", round, v)
		}
		if closedSeen.Load() != 8 {
			t.Fatalf("round %d: %d goroutines saw ErrClosed, want 8", round, closedSeen.Load())
		}
	}
}

// Go runs no user code inside a signal handler: os/signal delivers signals on a channel
// to an ordinary goroutine, and cgo calls here never call back into Go. So a call cannot
// be re-entered; the Go form of "hash from a handler mid-call" is a goroutine that hashes
// on every signal while others hash through the same key (and the one-shot function),
// each call with its own stack buffer. Every result must be its own.
func TestHashFromSignalGoroutineWhileHashing(t *testing.T) {
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	sigs := make(chan os.Signal, 64)
	signal.Notify(sigs, syscall.SIGUSR1)
	// Not Stop: a signal still in flight would then kill the test binary.
	defer signal.Ignore(syscall.SIGUSR1)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var bad atomic.Value
	var handled atomic.Int64
	wg.Add(1)
	go func() { // the "handler"
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-sigs:
				id := "signal-" + string(rune('a'+handled.Load()%26))
				if got, err := key.IdentifierHash(id); err != nil || got != goHMAC([]byte(sampleSecret), []byte(id)) {
					bad.Store("handler hash of " + id + ": " + got + " " + errString(err))
				}
				handled.Add(1)
			}
		}
	}()
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := []byte("worker-" + string(rune('0'+g)))
			want := goHMAC([]byte(sampleSecret), id)
			for {
				select {
				case <-stop:
					return
				default:
				}
				got, err := key.IdentifierHashBytes(id)
				one, err2 := IdentifierHash(sampleSecret, string(id))
				if err != nil || err2 != nil || got != want || one != want {
					bad.Store("worker " + string(id) + ": " + got + " " + one)
					return
				}
			}
		}()
	}
	// One signal at a time: pending signals of one kind coalesce.
	// Generous: on a loaded machine (and under -race) each round trip may wait for a core.
	deadline := time.Now().Add(60 * time.Second)
	for i := int64(1); i <= 50 && time.Now().Before(deadline); i++ {
		if err := syscall.Kill(syscall.Getpid(), syscall.SIGUSR1); err != nil {
			t.Fatal(err)
		}
		for handled.Load() < i && time.Now().Before(deadline) {
			time.Sleep(100 * time.Microsecond)
		}
	}
	close(stop)
	wg.Wait()
	if v := bad.Load(); v != nil {
		t.Fatal(v)
	}
	if handled.Load() < 50 {
		t.Fatalf("only %d signals were handled", handled.Load())
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func runtimeGosched() { runtime.Gosched() }

func forceGC() {
	runtime.GC()
	time.Sleep(5 * time.Millisecond) // cleanups run on their own goroutine
}
