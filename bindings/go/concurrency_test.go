package chatwootidentity

import (
	"fmt"
	"sync"
	"testing"
)

// 64 goroutines share one Key (run under -race by `make test`): every result must match
// crypto/hmac, and Verify must agree.
func TestKeySharedByGoroutines(t *testing.T) {
	const goroutines, perGoroutine = 64, 200
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perGoroutine; i++ {
				identifier := fmt.Sprintf("user-%d-%d", g, i)
				want := goHMAC([]byte(sampleSecret), []byte(identifier))
				got, err := key.IdentifierHash(identifier)
				if err == nil && got != want {
					err = fmt.Errorf("%s: got %s, want %s", identifier, got, want)
				}
				if err == nil && !key.Verify(identifier, want) {
					err = fmt.Errorf("%s: Verify rejected the right hash", identifier)
				}
				if err == nil && i%50 == 0 {
					batch, berr := key.IdentifierHashes([]string{identifier, sampleIdentifier})
					if berr != nil || batch[0] != want || batch[1] != sampleHash {
						err = fmt.Errorf("%s: batch %q, %v", identifier, batch, berr)
					}
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
