package chatwootidentity

import (
	"bytes"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A program outside the repository that imports the module through a replace directive
// must build with a bare environment and run with none at all: the static archive is
// linked in, so there is no LD_LIBRARY_PATH, no rpath and no libchatwoot_identity.so.
func TestProgramOutsideTheRepository(t *testing.T) {
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
	build := exec.Command(goBin, "build", "-o", "outside", ".")
	build.Dir, build.Env = dir, env
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build outside the repository: %v\n%s", err, out)
	}
	binary := filepath.Join(dir, "outside")

	run := exec.Command(binary)
	run.Dir, run.Env = dir, []string{} // an empty environment, not the inherited one
	var stderr bytes.Buffer
	run.Stderr = &stderr
	out, err := run.Output()
	if err != nil {
		t.Fatalf("running the outside program: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if last := lines[len(lines)-1]; last != sampleHash {
		t.Fatalf("outside program printed %q, want %s", last, sampleHash)
	}

	f, err := elf.Open(binary)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	libs, err := f.ImportedLibraries()
	if err != nil {
		t.Fatal(err)
	}
	for _, lib := range libs {
		if strings.Contains(lib, "chatwoot") {
			t.Errorf("binary needs the shared library %s; it should be linked statically", lib)
		}
	}
	for _, tag := range []elf.DynTag{elf.DT_RPATH, elf.DT_RUNPATH} {
		if paths, _ := f.DynString(tag); len(paths) > 0 {
			t.Errorf("binary has %v %q: it must not depend on a run-time search path", tag, paths)
		}
	}
}

// The build tag chatwoot_identity_system links an installed shared library found with
// pkg-config: simulate `make install` into a temporary prefix from this checkout's files.
func TestSystemLibraryBuildTag(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed for this test: %v", err)
	}
	if _, err := exec.LookPath("pkg-config"); err != nil {
		t.Fatalf("pkg-config is needed for the chatwoot_identity_system build tag: %v", err)
	}
	moduleDir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(moduleDir, "..", "..")
	// A fixed path: Go's build cache keeps the package's pkg-config flags (golang/go#24544),
	// so a fresh temporary prefix per run would leave a stale -L behind.
	prefix := filepath.Join(moduleDir, "build", "system-prefix")
	if err := os.RemoveAll(prefix); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"include", "lib/pkgconfig"} {
		if err := os.MkdirAll(filepath.Join(prefix, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	header, err := os.ReadFile(filepath.Join(root, "include", "chatwoot_identity.h"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(prefix, "include", "chatwoot_identity.h"), string(header))
	// Like `make install`: a copy of the library, plus the SONAME and development links.
	so, err := os.ReadFile(filepath.Join(root, "target", "release", "libchatwoot_identity.so"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(prefix, "lib", "libchatwoot_identity.so."+Version()), string(so))
	for _, name := range []string{"libchatwoot_identity.so", "libchatwoot_identity.so.0"} {
		if err := os.Symlink("libchatwoot_identity.so."+Version(), filepath.Join(prefix, "lib", name)); err != nil {
			t.Fatal(err)
		}
	}
	pc, err := os.ReadFile(filepath.Join(root, "chatwoot_identity.pc.in"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(prefix, "lib", "pkgconfig", "chatwoot_identity.pc"),
		strings.NewReplacer("@PREFIX@", prefix, "@VERSION@", Version()).Replace(string(pc)))

	dir := t.TempDir()
	env := writeOutsideProgram(t, goBin, moduleDir, dir)
	build := exec.Command(goBin, "build", "-tags", "chatwoot_identity_system", "-o", "system", ".")
	build.Dir = dir
	build.Env = append(env, "PKG_CONFIG_PATH="+filepath.Join(prefix, "lib", "pkgconfig"))
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -tags chatwoot_identity_system: %v\n%s", err, out)
	}
	f, err := elf.Open(filepath.Join(dir, "system"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	libs, _ := f.ImportedLibraries()
	if !strings.Contains(strings.Join(libs, " "), "libchatwoot_identity.so.0") {
		t.Errorf("binary built with the system tag needs %v, not libchatwoot_identity.so.0", libs)
	}
	run := exec.Command(filepath.Join(dir, "system"))
	run.Env = []string{"LD_LIBRARY_PATH=" + filepath.Join(prefix, "lib")} // as ldconfig would find it
	out, err := run.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != sampleHash {
		t.Fatalf("system-linked program: %v, printed %q", err, out)
	}
}

// writeOutsideProgram writes a module in dir that requires this one through a replace
// directive, and returns the minimal environment to build it: only what the go command
// needs (no CGO_*, PKG_CONFIG_* or LD_*; no network).
func writeOutsideProgram(t *testing.T, goBin, moduleDir, dir string) []string {
	t.Helper()
	write(t, filepath.Join(dir, "go.mod"), "module example.com/outside\n\ngo 1.24\n\n"+
		"require github.com/chatwoot-identity/chatwoot-identity/bindings/go v0.0.0\n\n"+
		"replace github.com/chatwoot-identity/chatwoot-identity/bindings/go => "+moduleDir+"\n")
	write(t, filepath.Join(dir, "main.go"), outsideProgram)
	return []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "GOCACHE=" + goEnv(t, goBin, "GOCACHE"),
		"GOPATH=" + filepath.Join(dir, "gopath"), "GOPROXY=off", "GOTOOLCHAIN=local", "GOFLAGS=-buildvcs=false"}
}

const outsideProgram = `package main

import (
	"fmt"
	"os"

	chatwootidentity "github.com/chatwoot-identity/chatwoot-identity/bindings/go"
)

func main() {
	h, err := chatwootidentity.IdentifierHash("your-secret-token-for-hmac", "unique-identifier-of-the-user")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(h)
}
`

func goEnv(t *testing.T, goBin, name string) string {
	t.Helper()
	out, err := exec.Command(goBin, "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
