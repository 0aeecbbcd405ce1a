#!/usr/bin/env bash
# Deployment test: a real PHP-FPM (Debian's php-fpm8.2) on a private unix socket, the package
# preloaded with opcache.preload, a request sent over FastCGI with cgi-fcgi, the hash checked.
# Four servers in turn: the README's setup (opcache.preload + ffi.preload), opcache.preload
# alone, no preloading (a clear error), and a missing library (the server refuses to start).
# Each server is started and stopped here; a trap stops it on any exit.
# By default the package is this checkout's bindings/php with target/release's library; test-dist
# sets CW_FPM_PACKAGE (an installed copy under vendor/) and CW_FPM_LIB (the library it carries).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
pkg=${CW_FPM_PACKAGE:-$(cd "$here/../.." && pwd)}
lib=${CW_FPM_LIB:-$(cd "$here/../../../.." && pwd)/target/release/libchatwoot_identity.so}
PHP=${PHP:-php}

fpm=$(command -v php-fpm8.2 || command -v php-fpm || ls /usr/sbin/php-fpm* 2>/dev/null | head -n1 || true)
[ -n "$fpm" ] || { echo "test-fpm: php-fpm is missing (Debian: apt-get install php-fpm)" >&2; exit 1; }
command -v cgi-fcgi >/dev/null || { echo "test-fpm: cgi-fcgi is missing (Debian: apt-get install libfcgi-bin)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cw-php-fpm.XXXXXX")
fpm_pid=
stop_fpm() {
  if [ -n "$fpm_pid" ] && kill -0 "$fpm_pid" 2>/dev/null; then
    kill -QUIT "$fpm_pid" 2>/dev/null || true # graceful stop
    for _ in $(seq 50); do kill -0 "$fpm_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$fpm_pid" 2>/dev/null || true
    wait "$fpm_pid" 2>/dev/null || true
  fi
  fpm_pid=
}
cleanup() { stop_fpm; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 1' INT TERM

user=$(id -un)
root_flag=()
[ "$(id -u)" = 0 ] && root_flag=(--allow-to-run-as-root) # CI runs as root

expected=$("$PHP" -r 'echo hash_hmac("sha256", "unique-identifier-of-the-user", "your-secret-token-for-hmac");')
if [ -n "${CW_FPM_PACKAGE:-}" ]; then # an installed package finds its own copy
  "$PHP" "$pkg/bin/chatwoot-identity-ffi-preload" > "$tmp/chatwoot_identity.h"
else
  CHATWOOT_IDENTITY_LIB=$lib "$PHP" "$pkg/bin/chatwoot-identity-ffi-preload" > "$tmp/chatwoot_identity.h"
fi
grep -qxF "#define FFI_LIB \"$lib\"" "$tmp/chatwoot_identity.h" || { echo "test-fpm: the ffi.preload header does not name $lib" >&2; exit 1; }

# start_fpm NAME [php.ini lines...]: starts a server with a private php.ini and pool.
start_fpm() {
  local name=$1; shift
  local dir=$tmp/$name
  mkdir -p "$dir"
  {
    echo "extension=ffi"
    echo "zend_extension=opcache"
    echo "opcache.enable=1"
    echo "ffi.enable=preload"
    echo "error_log=$dir/php.log"
    printf '%s\n' "$@"
  } > "$dir/php.ini"
  cat > "$dir/fpm.conf" <<CONF
[global]
pid = $dir/fpm.pid
error_log = $dir/fpm.log
daemonize = no
[test]
listen = $dir/fpm.sock
pm = static
pm.max_children = 1
clear_env = yes
catch_workers_output = yes
CONF
  # PHP_INI_SCAN_DIR= : only our php.ini, none of the machine's conf.d.
  PHP_INI_SCAN_DIR= "$fpm" --nodaemonize "${root_flag[@]}" -c "$dir/php.ini" -y "$dir/fpm.conf" \
    > "$dir/stdout.log" 2>&1 &
  fpm_pid=$!
  for _ in $(seq 100); do
    [ -S "$dir/fpm.sock" ] && return 0
    kill -0 "$fpm_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

request() { # request NAME: the endpoint's body
  CW_AUTOLOAD="$pkg/autoload.php" SCRIPT_FILENAME="$here/endpoint.php" SCRIPT_NAME=/endpoint.php REQUEST_METHOD=GET QUERY_STRING= \
    cgi-fcgi -bind -connect "$tmp/$1/fpm.sock" | tr -d '\r'
}

failures=0
check() { # check NAME BODY EXPECTED-LINE
  if grep -qxF -- "$3" <<<"$2"; then
    echo "test-fpm [$1]: ok: $3"
  else
    echo "test-fpm [$1]: FAILED: expected the line '$3' in the response:" >&2
    sed 's/^/    /' <<<"$2" >&2
    failures=$((failures + 1))
  fi
}
dump_logs() { cat "$tmp/$1"/*.log >&2 2>/dev/null || true; }

served() { # served NAME LOADED-BY [php.ini lines...]
  local name=$1 loaded_by=$2; shift 2
  if ! start_fpm "$name" "$@"; then
    echo "test-fpm [$name]: FAILED: php-fpm did not start" >&2; dump_logs "$name"; failures=$((failures + 1)); stop_fpm; return
  fi
  local body
  body=$(request "$name")
  check "$name" "$body" "sapi: fpm-fcgi ffi.enable=preload"
  check "$name" "$body" "loaded-by: $loaded_by"
  check "$name" "$body" "verify: true"
  check "$name" "$body" "keyed-agrees: true"
  check "$name" "$body" "explain: uppercase_hex"
  check "$name" "$body" "explain-candidate: other_candidate secret 0"
  check "$name" "$body" "payload: ok"
  check "$name" "$body" "script: ok"
  check "$name" "$body" "identifier_hash: $expected"
  stop_fpm
}

preload=("opcache.preload=$pkg/preload.php" "opcache.preload_user=$user")

# 1. The README's setup: the scope comes from ffi.preload, the classes from opcache.preload.
served readme-setup "FFI::scope" "${preload[@]}" "ffi.preload=$tmp/chatwoot_identity.h"

# 2. opcache.preload alone: as root (preload in a child) PHP forbids FFI::load(), so the
#    preloaded classes declare the library with FFI::cdef(), which ffi.enable=preload allows them.
if [ "$(id -u)" = 0 ]; then
  served opcache-preload-only "FFI::cdef $lib" "${preload[@]}"
else
  served opcache-preload-only "FFI::scope" "${preload[@]}"
fi

# 3. No preloading at all: FFI is restricted in requests, and the error says what to set.
if start_fpm no-preload; then
  body=$(request no-preload)
  check no-preload "$body" "error: ChatwootIdentity\\Exception\\LibraryLoadException: FFI is restricted by ffi.enable=preload in the fpm-fcgi SAPI: set opcache.preload=$pkg/preload.php (and opcache.preload_user) so this package is preloaded, or set ffi.enable=1"
else
  echo "test-fpm [no-preload]: FAILED: php-fpm did not start" >&2; dump_logs no-preload; failures=$((failures + 1))
fi
stop_fpm

# 4. A missing library: preloading fails, so the server refuses to start and says why.
if CHATWOOT_IDENTITY_LIB=/nonexistent/libchatwoot_identity.so start_fpm missing-lib "${preload[@]}"; then
  echo "test-fpm [missing-lib]: FAILED: php-fpm started without its library" >&2; failures=$((failures + 1))
else
  stop_fpm
  if grep -qF "cannot load libchatwoot_identity; tried: /nonexistent/libchatwoot_identity.so (no such file)" "$tmp"/missing-lib/*.log; then
    echo "test-fpm [missing-lib]: ok: php-fpm refused to start, naming the path tried"
  else
    echo "test-fpm [missing-lib]: FAILED: no clear message in the logs:" >&2; dump_logs missing-lib; failures=$((failures + 1))
  fi
fi
stop_fpm

if [ "$failures" -ne 0 ]; then
  echo "test-fpm: $failures check(s) failed" >&2
  exit 1
fi
echo "test-fpm: all checks passed"
