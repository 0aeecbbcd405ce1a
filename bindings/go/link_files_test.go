package chatwootidentity_test

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Each prebuilt target of targets.toml (internal/lib/targets.txt) selects exactly its own
// generated link file, and a platform without one selects link_unsupported.go, whose
// undefined name is the compile-time message. `go list` evaluates the build constraints as
// `go build` does, for any GOOS/GOARCH, without a C compiler.
func TestLinkFileSelection(t *testing.T) {
	f, err := os.Open("internal/lib/targets.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	list := func(goos, goarch, tags string) []string {
		t.Helper()
		cmd := exec.Command("go", "list", "-tags="+tags, "-f", "{{join .CgoFiles \" \"}} {{join .GoFiles \" \"}}", ".")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=1", "GOFLAGS=")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s/%s: %v\n%s", goos, goarch, err, out)
		}
		var links []string
		for _, name := range strings.Fields(string(out)) {
			if strings.HasPrefix(name, "link_") {
				links = append(links, name)
			}
		}
		return links
	}
	n := 0
	for s := bufio.NewScanner(f); s.Scan(); {
		fields := strings.Fields(s.Text())
		if len(fields) != 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		suffix := fields[1]
		parts := strings.Split(suffix, "_")
		tags := ""
		if len(parts) == 3 {
			tags = parts[2]
		}
		got := list(parts[0], parts[1], tags)
		if len(got) != 1 || got[0] != "link_"+suffix+".go" {
			t.Errorf("%s (%s): link files %v, want [link_%s.go]", fields[0], suffix, got, suffix)
		}
		n++
	}
	if n < 7 {
		t.Fatalf("only %d targets in internal/lib/targets.txt", n)
	}
	for _, p := range [][2]string{{"windows", "arm64"}, {"freebsd", "amd64"}, {"linux", "386"}, {"linux", "riscv64"}} {
		if got := list(p[0], p[1], ""); len(got) != 1 || got[0] != "link_unsupported.go" {
			t.Errorf("%s/%s: link files %v, want [link_unsupported.go]", p[0], p[1], got)
		}
	}
	if got := list("linux", "amd64", "chatwoot_identity_system"); len(got) != 1 || got[0] != "link_system.go" {
		t.Errorf("-tags chatwoot_identity_system: link files %v, want [link_system.go]", got)
	}
}
