// Command modproxy writes one version of a module as a GOPROXY file tree, the layout that
// `GOPROXY=file://DIR go get` reads: <module>/@v/list, <version>.info, .mod and .zip.
// The zip comes from golang.org/x/mod/zip, the go command's own format and checks (file
// names, sizes, no submodules), so the tree is what a module proxy would serve.
//
//	modproxy -module M -version v0.1.0 -time 2026-01-01T00:00:00Z -dir STAGED -out DIST
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

func main() {
	modPath := flag.String("module", "", "module path, as in go.mod")
	version := flag.String("version", "", "semantic version with its v, e.g. v0.1.0")
	stamp := flag.String("time", "", "release time (RFC 3339) for the .info file")
	dir := flag.String("dir", "", "the module's files, staged")
	out := flag.String("out", "", "the proxy tree to write (dist/go)")
	flag.Parse()
	if err := run(*modPath, *version, *stamp, *dir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "modproxy:", err)
		os.Exit(1)
	}
}

func run(modPath, version, stamp, dir, out string) error {
	mv := module.Version{Path: modPath, Version: version}
	if err := module.Check(mv.Path, mv.Version); err != nil {
		return err
	}
	when, err := time.Parse(time.RFC3339, stamp)
	if err != nil {
		return fmt.Errorf("-time: %w", err)
	}
	goMod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return err
	}
	if got := modfile.ModulePath(goMod); got != modPath {
		return fmt.Errorf("go.mod declares %q, not %q", got, modPath)
	}
	escaped, err := module.EscapePath(modPath)
	if err != nil {
		return err
	}
	ev, err := module.EscapeVersion(version)
	if err != nil {
		return err
	}
	vdir := filepath.Join(out, escaped, "@v")
	if err := os.MkdirAll(vdir, 0o755); err != nil {
		return err
	}
	info, _ := json.Marshal(struct {
		Version string
		Time    time.Time
	}{version, when.UTC()})
	files := map[string][]byte{"list": []byte(version + "\n"), ev + ".info": info, ev + ".mod": goMod}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(vdir, name), data, 0o644); err != nil {
			return err
		}
	}
	zf, err := os.Create(filepath.Join(vdir, ev+".zip"))
	if err != nil {
		return err
	}
	if err := modzip.CreateFromDir(zf, mv, dir); err != nil {
		zf.Close()
		return err
	}
	return zf.Close()
}
