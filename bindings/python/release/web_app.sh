#!/usr/bin/env bash
# web_app.sh APP_DIR COMMAND...: runs a framework example app (examples/web/<framework>/) as
# its users run it: chatwoot-identity from the BUILT wheel (`make -C bindings/python wheel`,
# built here once when missing or older than the library) and the framework's pinned
# requirements (APP_DIR/requirements.txt, downloaded from PyPI once into a wheelhouse)
# installed into a venv outside the checkout, the app's files copied beside it, and Rust
# hidden (scripts/hide-rust). COMMAND runs in the app's copy with the venv first on PATH.
set -euo pipefail
app_dir=$(cd "$1" && pwd); shift
binding=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$binding/../.." && pwd)
name=$(basename "$app_dir")
lib=$root/target/release/libchatwoot_identity.so
scratch=${TMPDIR:-/tmp}/chatwoot-identity-web-$(id -u)
mkdir -p "$scratch"

# One builder at a time (e2e starts each app twice, other apps may share the wheel).
exec 9>"$scratch/.lock"
flock 9
if [ ! -f "$lib" ]; then
  make -C "$root" build >&2
fi
wheel=$(ls "$binding"/build/dist/chatwoot_identity-*.whl 2>/dev/null | head -n1 || true)
if [ -z "$wheel" ] || [ "$lib" -nt "$wheel" ] || [ -n "$(find "$binding/src" -newer "$wheel" -name '*.py' | head -n1)" ]; then
  make -C "$binding" wheel >&2
  wheel=$(ls "$binding"/build/dist/chatwoot_identity-*.whl | head -n1)
fi
wheelhouse=$scratch/wheelhouse-$name-$(sha256sum "$app_dir/requirements.txt" | cut -c1-12)
if [ ! -f "$wheelhouse/.done" ]; then
  rm -rf "$wheelhouse"
  python3 -m pip download --disable-pip-version-check -q -d "$wheelhouse" -r "$app_dir/requirements.txt" >&2
  touch "$wheelhouse/.done"
fi
venv=$scratch/venv-$name-$(cat "$wheel" "$app_dir/requirements.txt" | sha256sum | cut -c1-12)
if [ ! -f "$venv/.done" ]; then
  rm -rf "$venv" "$scratch/venv-$name-"*  # older wheels' venvs

  python3 -m venv "$venv"
  "$venv/bin/pip" install --disable-pip-version-check -q --no-index --find-links "$wheelhouse" \
    -r "$app_dir/requirements.txt" "$wheel" >&2
  touch "$venv/.done"
fi
flock -u 9

# A fresh copy of the app per start, outside the checkout (copies of earlier runs go after
# two hours: an instance may still be running from one).
find "$scratch" -maxdepth 1 -name "$name-app.*" -mmin +120 -exec rm -rf {} + 2>/dev/null || true
run_dir=$(mktemp -d "$scratch/$name-app.XXXXXX")
cp -R "$app_dir"/. "$run_dir/"
cd "$run_dir"
export PATH="$venv/bin:$PATH" VIRTUAL_ENV=$venv
exec "$root/scripts/hide-rust" "$@"
