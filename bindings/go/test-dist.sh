#!/usr/bin/env bash
# test-dist.sh DIST_GO DIST_LIB VECTORS: installs the module as a user does, with `go get` from
# the file proxy into a new module outside the checkout, builds and runs a program with the
# documented sample and the shared vectors, and checks each platform's archive in the zip.
# Run under scripts/hide-rust (the Makefile's test-dist does).
set -euo pipefail
proxy=$(realpath "$1"); dist_lib=$(realpath "$2"); vectors=$(realpath "$3")
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
module=github.com/chatwoot-identity/chatwoot-identity/bindings/go
version=$(cat "$proxy/$module/@v/list" 2>/dev/null | tail -1) ||
  { echo "bindings/go test-dist: no module in $proxy: run 'make -C bindings/go dist' first" >&2; exit 1; }
app=$(mktemp -d "${TMPDIR:-/tmp}/go-test-dist.XXXXXX")
cleanup() { chmod -R u+w "$app" 2>/dev/null; rm -rf "$app"; }
trap cleanup EXIT
cd "$app"

# Offline, from the file proxy only; a private module cache so nothing comes from earlier runs.
export GOPROXY="file://$proxy" GOFLAGS=-mod=mod GOSUMDB=off GONOSUMDB='*' GOPRIVATE= \
       GOTOOLCHAIN=local GOPATH="$app/gopath" GOMODCACHE="$app/gopath/pkg/mod" CGO_ENABLED=1
go mod init example.com/app >/dev/null 2>&1
echo "+ go get $module@$version"
go get "$module@$version"
cat > main.go <<'GO'
package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	chatwootidentity "github.com/chatwoot-identity/chatwoot-identity/bindings/go"
)

func main() {
	h, err := chatwootidentity.IdentifierHash("your-secret-token-for-hmac", "unique-identifier-of-the-user")
	if err != nil || h != "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c" {
		fail("documented sample: %q, %v", h, err)
	}
	fmt.Println(h)
	raw, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail("%v", err)
	}
	var v struct {
		Hash []struct {
			Name           string
			SecretHex      string `json:"secret_hex"`
			IdentifierHex  string `json:"identifier_hex"`
			IdentifierHash string `json:"identifier_hash"`
		}
		Rejected []struct {
			Name          string
			SecretHex     string `json:"secret_hex"`
			IdentifierHex string `json:"identifier_hex"`
		}
		Explain []struct {
			Name          string
			SecretHex     string   `json:"secret_hex"`
			IdentifierHex string   `json:"identifier_hex"`
			HashHex       string   `json:"hash_hex"`
			Verdict       string   `json:"verdict"`
			OtherSecrets  []string `json:"other_secrets_hex"`
			OtherIdents   []string `json:"other_identifiers_hex"`
		}
	}
	if err := json.Unmarshal(raw, &v); err != nil || len(v.Hash) == 0 || len(v.Rejected) == 0 {
		fail("vectors: %v", err)
	}
	for _, c := range v.Hash {
		key, err := chatwootidentity.NewKeyBytes(unhex(c.SecretHex))
		if err != nil {
			fail("%s: %v", c.Name, err)
		}
		got, err := key.IdentifierHashBytes(unhex(c.IdentifierHex))
		if err != nil || got != c.IdentifierHash || !key.VerifyBytes(unhex(c.IdentifierHex), []byte(got)) {
			fail("%s: %q, %v; want %s", c.Name, got, err, c.IdentifierHash)
		}
		key.Close()
	}
	for _, c := range v.Rejected {
		key, err := chatwootidentity.NewKeyBytes(unhex(c.SecretHex))
		if err == nil {
			_, err = key.IdentifierHashBytes(unhex(c.IdentifierHex))
		}
		if err == nil {
			fail("%s: accepted", c.Name)
		}
	}
	for _, c := range v.Explain {
		var secrets, identifiers []string
		for _, h := range c.OtherSecrets {
			secrets = append(secrets, string(unhex(h)))
		}
		for _, h := range c.OtherIdents {
			identifiers = append(identifiers, string(unhex(h)))
		}
		e, err := chatwootidentity.Explain(string(unhex(c.SecretHex)), string(unhex(c.IdentifierHex)), string(unhex(c.HashHex)),
			chatwootidentity.WithOtherSecrets(secrets...), chatwootidentity.WithOtherIdentifiers(identifiers...))
		if err != nil || e.String() != c.Verdict {
			fail("explain %s: %v, %v; want %s", c.Name, e, err, c.Verdict)
		}
	}
	key, err := chatwootidentity.NewKey("your-secret-token-for-hmac")
	if err != nil {
		fail("%v", err)
	}
	payload, err := key.SetUserPayload(chatwootidentity.IntIdentifier(int64(9007199254740993)), chatwootidentity.Fields{Name: "</script>"})
	var p struct{ Identifier, Name string }
	if err != nil || json.Unmarshal(payload, &p) != nil || p.Identifier != "9007199254740993" || p.Name != "</script>" {
		fail("SetUserPayload: %s, %v", payload, err)
	}
	if s, err := key.SetUserScript("1", chatwootidentity.Fields{Name: "</script>"}, "n0nce"); err != nil || len(s) == 0 {
		fail("SetUserScript: %v", err)
	}
	fmt.Printf("vectors: %d hashed, %d rejected, %d explained; render ok\n", len(v.Hash), len(v.Rejected), len(v.Explain))
}

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		fail("bad hex %q", s)
	}
	return b
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}
GO
echo "+ go build && ./app tests/vectors.json"
go build -o app .
./app "$vectors"
if readelf -d app | grep -q 'chatwoot'; then echo "the program needs a shared libchatwoot_identity" >&2; exit 1; fi
echo "+ go mod vendor && go build -mod=vendor"
go mod vendor
GOFLAGS=-mod=vendor go build -o app-vendor . && ./app-vendor "$vectors" >/dev/null
echo "ok   vendored build runs (vendor/ kept internal/lib)"

# The module cache holds exactly what go get downloaded: check every platform's archive.
src="$GOMODCACHE/$module@$version"
fail=0
# Every Go target of targets.toml (internal/lib/targets.txt) that dist/lib holds is in the
# module, byte for byte; Linux archives are also checked for their ELF machine.
while read -r target suffix; do
  case $target in '#'*|'') continue;; esac
  f="$src/internal/lib/libchatwoot_identity_$suffix.a"
  if [ ! -f "$dist_lib/$target/libchatwoot_identity.a" ]; then
    if [ -f "$f" ]; then echo "FAIL $target is in the module but not in $dist_lib" >&2; fail=1; fi
    echo "skip $target: not in $dist_lib"; continue
  fi
  if ! cmp -s "$f" "$dist_lib/$target/libchatwoot_identity.a"; then
    echo "FAIL libchatwoot_identity_$suffix.a is not dist/lib/$target/libchatwoot_identity.a" >&2; fail=1; continue; fi
  want=
  if [ "$("$root/scripts/targets.py" "$target" os)" = linux ]; then
    case $("$root/scripts/targets.py" "$target" arch) in
      x86_64) want="Advanced Micro Devices X86-64";; aarch64) want=AArch64;; esac
    machines=$(readelf -h "$f" | sed -n 's/^ *Machine: *//p' | sort -u)
    if [ "$machines" != "$want" ]; then echo "FAIL $target: ELF machine '$machines', want '$want'" >&2; fail=1; continue; fi
  fi
  echo "ok   libchatwoot_identity_$suffix.a: ${want:+$want, }= dist/lib/$target ($(du -h "$f" | cut -f1))"
done < "$src/internal/lib/targets.txt"
test -f "$src/internal/lib/chatwoot_identity.h" || { echo "FAIL: no header in the module" >&2; fail=1; }

# The musl tag links the musl archive: with musl-gcc (Debian: musl-tools) it runs here too.
if [ ! -f "$src/internal/lib/libchatwoot_identity_linux_amd64_musl.a" ]; then
  echo "skip musl run: linux-x86_64-musl is not in $dist_lib"
elif [ "$(go env GOARCH)" = amd64 ] && ! command -v musl-gcc >/dev/null 2>&1; then
  echo "FAIL: musl-gcc is missing (Debian: musl-tools; scripts/ensure-toolchains installs it)" >&2; fail=1
elif [ "$(go env GOARCH)" = amd64 ]; then
  # Debian's libgcc_eh (linked for the unwinder) is built for glibc >= 2.35 and calls
  # _dl_find_object: a stub in the app satisfies the link (the sample never unwinds). A glibc
  # archive still fails here, on glibc-only symbols such as gnu_get_libc_version.
  cat > stub_musl.go <<'GO'
//go:build musl

package main

// int _dl_find_object(void *pc, void *r) { (void)pc; (void)r; return -1; }
import "C"
GO
  echo "+ CC=musl-gcc go build -tags musl && ./app-musl"
  if CC=musl-gcc go build -tags musl -o app-musl . && ./app-musl "$vectors" >/dev/null &&
     readelf -l app-musl | grep -q 'ld-musl'; then echo "ok   musl build runs on musl"
  else echo "FAIL: the musl-tagged build" >&2; fail=1; fi
else
  echo "SKIP musl run: this host is not x86_64 (the archive's ELF machine was checked above)"
fi

# Every target, linked here with zig's C compiler (cross-link.sh): the ones this machine runs
# natively or under wine are run on the vectors; an unsupported platform still fails at compile
# time with the message.
"$here/cross-link.sh" "$src" "$vectors" || fail=1
exit $fail
