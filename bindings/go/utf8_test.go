package chatwootidentity

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// A Go string is text: one that is not valid UTF-8 (a stray byte, a truncated sequence,
// an encoded surrogate, an overlong form) is refused with ErrInvalidUTF8 by every string
// function, and Verify returns false, so two different byte strings can never be taken for
// the same text. The []byte variants still hash the bytes as they are.
func TestInvalidUTF8String(t *testing.T) {
	key, err := NewKey(sampleSecret)
	if err != nil {
		t.Fatal(err)
	}
	defer key.Close()
	for _, bad := range []string{"a\xff", "user-\xc3", "a\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80"} {
		want := goHMAC([]byte(sampleSecret), []byte(bad))
		if h, err := IdentifierHash(sampleSecret, bad); !errors.Is(err, ErrInvalidUTF8) || h != "" {
			t.Errorf("IdentifierHash(%q) = %q, %v; want ErrInvalidUTF8", bad, h, err)
		}
		if h, err := key.IdentifierHash(bad); !errors.Is(err, ErrInvalidUTF8) || h != "" {
			t.Errorf("Key.IdentifierHash(%q) = %q, %v; want ErrInvalidUTF8", bad, h, err)
		}
		var be *BatchError
		if hs, err := key.IdentifierHashes([]string{"ok", bad}); !errors.As(err, &be) || be.Index != 1 || !errors.Is(err, ErrInvalidUTF8) || hs != nil {
			t.Errorf("IdentifierHashes([ok, %q]) = %v, %v; want a BatchError at 1 wrapping ErrInvalidUTF8", bad, hs, err)
		}
		if _, err := NewKey("s" + bad); !errors.Is(err, ErrInvalidUTF8) {
			t.Errorf("NewKey(%q): %v, want ErrInvalidUTF8", "s"+bad, err)
		}
		if _, err := IdentifierHash("s"+bad, sampleIdentifier); !errors.Is(err, ErrInvalidUTF8) {
			t.Errorf("IdentifierHash(secret %q): %v, want ErrInvalidUTF8", "s"+bad, err)
		}
		if Verify(sampleSecret, bad, want) || key.Verify(bad, want) {
			t.Errorf("Verify accepted the hash of the non-UTF-8 string %q", bad)
		}
		// Bytes stay bytes.
		if h, err := key.IdentifierHashBytes([]byte(bad)); err != nil || h != want {
			t.Errorf("IdentifierHashBytes(%q) = %q, %v; crypto/hmac = %q", bad, h, err, want)
		}
		if !key.VerifyBytes([]byte(bad), []byte(want)) {
			t.Errorf("VerifyBytes rejected crypto/hmac's hash of %q", bad)
		}
	}
	// The U+FFFD text a lossy conversion would make is a different identifier.
	if Verify(sampleSecret, "a\uFFFD", goHMAC([]byte(sampleSecret), []byte("a\xff"))) {
		t.Error("a\\uFFFD verifies the hash of a\\xff")
	}
	if !strings.Contains(ErrInvalidUTF8.Error(), "[]byte") {
		t.Errorf("ErrInvalidUTF8 does not say what to do: %q", ErrInvalidUTF8)
	}
}

// The link file (and so the prebuilt library) that the go command picks for each target:
// GOARCH and the musl tag are the detection inputs, faked here through go list.
func TestLinkFileSelection(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed for this test: %v", err)
	}
	for _, c := range []struct{ goarch, tags, want string }{
		{"amd64", "", "link_linux_amd64.go"},
		{"arm64", "", "link_linux_arm64.go"},
		{"amd64", "musl", "link_linux_amd64_musl.go"},
		{"arm64", "musl", "link_linux_arm64_musl.go"},
		{"amd64", "chatwoot_identity_system", "link_system.go"},
		{"riscv64", "", "link_unsupported.go"},
	} {
		cmd := exec.Command(goBin, "list", "-tags", c.tags, "-f", "{{join .GoFiles \" \"}} {{join .CgoFiles \" \"}}", ".")
		cmd.Env = append(cmd.Environ(), "GOOS=linux", "GOARCH="+c.goarch, "CGO_ENABLED=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go list for %s %q: %v\n%s", c.goarch, c.tags, err, out)
		}
		var links []string
		for _, f := range strings.Fields(string(out)) {
			if strings.HasPrefix(f, "link_") {
				links = append(links, f)
			}
		}
		if len(links) != 1 || links[0] != c.want {
			t.Errorf("GOARCH=%s tags %q: link files %v, want only %s", c.goarch, c.tags, links, c.want)
		}
	}
}
