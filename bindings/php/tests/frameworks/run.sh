#!/usr/bin/env bash
# test-frameworks: each framework example app (examples/web/laravel, examples/web/twig), started by
# its own `run` (the built Composer archive installed in a new app outside the checkout), walked
# through a session over HTTP: sign in, another page, log out (reset on that page only), a second
# user, an integer id, a CSP page, the SPA payload, a binding error; and neither the app's output
# nor its log holds the HMAC token. The browser side is tests/e2e (E2E_APPS=examples/web/<app>).
# Usage: run.sh ROOT [APP...]
set -euo pipefail
root=$1; shift
apps=("$@"); [ ${#apps[@]} -gt 0 ] || apps=(laravel twig)
secret="cw-frameworks-secret-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
fail() { echo "test-frameworks: FAILED: $*" >&2; exit 1; }
hash() { php -r 'echo hash_hmac("sha256", $argv[1], $argv[2]);' "$1" "$secret"; }
port() { php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo explode(":", stream_socket_get_name($s, false))[1];'; }

for app in "${apps[@]}"; do
  dir=$root/examples/web/$app
  [ -x "$dir/run" ] || fail "$dir/run is missing"
  work=$(mktemp -d "${TMPDIR:-/tmp}/cw-frameworks.XXXXXX")
  p=$(port)
  PORT=$p CHATWOOT_BASE_URL=http://127.0.0.1:9 CHATWOOT_WEBSITE_TOKEN=site-token CHATWOOT_HMAC_TOKEN=$secret \
    "$dir/run" > "$work/out" 2> "$work/err" &
  pid=$!
  trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
  for _ in $(seq 1 "${E2E_TIMEOUT:-120}"); do curl -sf -o /dev/null "http://127.0.0.1:$p/page" && break; kill -0 $pid 2>/dev/null || fail "$app: run exited: $(tail -5 "$work/err")"; sleep 1; done
  get() { curl -s -c "$work/jar" -b "$work/jar" -D "$work/headers" "http://127.0.0.1:$p$1"; }
  status() { sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' "$work/headers"; }
  step() { echo "test-frameworks [$app]: ok: $*"; }

  page=$(get '/login?identifier=alice&name=Alice&email=alice%40example.com')
  grep -qF "var identifier = \"alice\"" <<<"$page" && grep -qF "$(hash alice)" <<<"$page" || fail "$app: /login has no verified setUser for alice: $page"
  grep -qF 'window.chatwootSDK.run({"websiteToken":"site-token","baseUrl":"http://127.0.0.1:9"})' <<<"$page" || fail "$app: no run() call: $page"
  step "sign-in renders the loader, run() and alice's verified setUser"
  page=$(get /page)
  grep -qF "$(hash alice)" <<<"$page" || fail "$app: /page lost the session's user: $page"
  grep -q 'reset()' <<<"$page" && fail "$app: /page reset a signed-in user"
  step "another page keeps the session's user"
  if [ "$app" = laravel ]; then # the package's SPA route (config/chatwoot.php payload_route), behind auth
    spa=$(get /chatwoot/payload)
    [ "$spa" = "{\"identifier\":\"alice\",\"identifier_hash\":\"$(hash alice)\",\"name\":\"Alice\",\"email\":\"alice@example.com\"}" ] || fail "$app: /chatwoot/payload: $spa"
    step "the package's SPA payload route answers the signed-in user"
  fi
  page=$(get /logout)
  grep -q 'w.$chatwoot.reset()' <<<"$page" || fail "$app: /logout has no reset: $page"
  grep -q 'setUser(' <<<"$page" && fail "$app: /logout still signs a user in"
  page=$(get /page)
  grep -qE 'reset\(\)|setUser\(' <<<"$page" && fail "$app: the page after the logout's page: $page"
  step "logout resets the widget on its page, the next page is anonymous"
  if [ "$app" = laravel ]; then
    get /chatwoot/payload >/dev/null
    [ "$(status)" = 302 ] || fail "$app: /chatwoot/payload without a user: $(status)"
    step "the SPA payload route needs a signed-in user"
  fi
  page=$(get '/login?identifier=9007199254740993&identifier_type=integer&email=bob%40example.com')
  grep -qF 'var identifier = "9007199254740993"' <<<"$page" && grep -qF "$(hash 9007199254740993)" <<<"$page" || fail "$app: second user (integer id): $page"
  step "a second user with an integer id above 2^53, as a string"
  page=$(get '/csp-login?identifier=carol&name=Carol')
  nonce=$(sed -n "s/^Content-Security-Policy: script-src 'nonce-\([A-Za-z0-9+/_=-]*\)'.*/\1/Ip" "$work/headers" | tr -d '\r')
  [ -n "$nonce" ] || fail "$app: /csp-login sent no CSP header"
  [ "$(grep -o '<script' <<<"$page" | wc -l)" = "$(grep -o "<script nonce=\"$nonce\"" <<<"$page" | wc -l)" ] || fail "$app: a script without the nonce: $page"
  step "CSP page: every script carries the request's nonce"
  payload=$(get '/payload?identifier=dave&name=Dave')
  [ "$payload" = "{\"identifier\":\"dave\",\"identifier_hash\":\"$(hash dave)\",\"name\":\"Dave\"}" ] || fail "$app: /payload: $payload"
  step "SPA payload"
  body=$(get '/login?identifier=erin')
  [ "$(status)" = 400 ] && grep -q "no name, email or avatar_url" <<<"$body" || fail "$app: a user without contact fields: $(status) $body"
  step "a binding error is a 400 with the library's message"

  kill -TERM $pid; wait $pid 2>/dev/null || true
  trap - EXIT
  grep -qF "$secret" "$work/out" "$work/err" && fail "$app: the HMAC token is in the app's output or log"
  if [ -d "$work" ]; then rm -rf "$work"; fi
  step "the HMAC token is in no output and no log"
done
echo "test-frameworks: all checks passed (${apps[*]})"
