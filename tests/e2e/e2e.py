"""`make test-e2e`: starts the stand-in Chatwoot, then for every app (the ctypes test fixture
and each examples/web/<language>/run) starts it twice, with the right and with a wrong
secret, and runs the browser harness against it. Exit status 1 on any failure.

Then the harness's self-test: the fixture with FIXTURE_NAIVE=1 (values pasted into quotes, an
integer id as a JS number) must FAIL the hostile checks and pass the plain one, so a harness
that passes everything cannot go unnoticed.

Environment: E2E_APPS (space-separated app directories, default: all), E2E_TIMEOUT (seconds an
app may take to start, default 120)."""

import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

from harness import Harness

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SECRET = "e2e-inbox-secret-Qm9vb3Q"
WRONG_SECRET = "not-the-inbox-secret"
TOKEN = "e2e-website-token"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, what, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with status {proc.returncode} before listening")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on port {port} within {timeout}s")


class Processes:
    """The processes this run started, each in its own session, stopped by their own ids."""

    def __init__(self):
        self.procs = []

    def start(self, argv, env, log):
        proc = subprocess.Popen(argv, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.procs.append(proc)
        return proc

    def stop(self, proc):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def stop_all(self):
        for proc in self.procs:
            self.stop(proc)


def require_tools():
    missing = [t for t in ("chromium", "chromedriver", "ruby") if not shutil.which(t)]
    if missing:
        sys.exit(f"test-e2e: missing {', '.join(missing)}: run scripts/ensure-toolchains")


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def apps():
    chosen = os.environ.get("E2E_APPS", "").split()
    if chosen:
        return [os.path.abspath(a) for a in chosen]
    found = [os.path.join(ROOT, "tests/e2e/fixture")]
    found += sorted(os.path.dirname(p) for p in glob.glob(os.path.join(ROOT, "examples/web/*/run")))
    return found


def run_app(procs, harness, app_dir, name, standin, logs, timeout, extra_env, update=False):
    """Starts the app with the right and a wrong secret and runs every check against it."""
    instances, urls = [], []
    try:
        for label, secret in (("right", SECRET), ("wrong", WRONG_SECRET)):
            port = free_port()
            env = {"PORT": str(port), "CHATWOOT_BASE_URL": standin, "CHATWOOT_WEBSITE_TOKEN": TOKEN, "CHATWOOT_HMAC_TOKEN": secret, **extra_env}
            log = open(os.path.join(logs, f"{name.replace('/', '_')}-{label}.log"), "w")
            proc = procs.start([os.path.join(app_dir, "run")], env, log)
            instances.append(proc)
            wait_port(port, proc, f"{name} ({label} secret)", timeout)
            urls.append(f"http://127.0.0.1:{port}")
        t0 = time.time()
        results = harness.run(urls[0], urls[1], update=update)
        return results, time.time() - t0
    except Exception as e:
        return [("start", f"{type(e).__name__}: {e}")], 0.0
    finally:
        for proc in instances:
            procs.stop(proc)


# The naive snippet must fail these, and still pass the plain user.
MUST_FAIL = {"sign-in script-breakout", "sign-in quotes-and-amp", "sign-in integer-2^53+1", "csp script-breakout"}
MUST_PASS = {"sign-in valid-email", "payload valid-email"}

# The library's script with one safeguard cut out (tests/e2e/fixture FIXTURE_MODE): each
# must turn these checks red, or the stand-in is not faithful enough to notice.
MUTANTS = {
    "early": {"sign-in valid-email", "sign-in script-breakout", "logout reset"},
    "stale": {"contact update arrives"},
}


def self_test(procs, harness, standin, logs, timeout):
    app_dir = os.path.join(ROOT, "tests/e2e/fixture")
    bad = 0
    results, _ = run_app(procs, harness, app_dir, "self-test-naive", standin, logs, timeout, {"FIXTURE_NAIVE": "1"})
    failing = {n for n, msg in results if msg}
    missed = MUST_FAIL - failing
    broke = MUST_PASS & failing
    for n, msg in results:
        if n in MUST_FAIL | MUST_PASS:
            print(f"  self-test: naive snippet {n}: {'failed as it must' if msg else 'passed'}" + (f" ({msg[:100]})" if msg else ""))
    if missed or broke:
        print(f"test-e2e: SELF-TEST FAILED: the harness let the naive snippet pass {sorted(missed)}, or failed {sorted(broke)}")
        bad += 1
    else:
        print(f"test-e2e: self-test: the harness catches the naive snippet ({len(failing)} of {len(results)} checks fail)")
    for mode, must_fail in MUTANTS.items():
        results, _ = run_app(procs, harness, app_dir, f"self-test-{mode}", standin, logs, timeout, {"FIXTURE_MODE": mode}, update=True)
        failing = {n: msg for n, msg in results if msg}
        print(f"  self-test: mutant {mode!r} fails {len(failing)} of {len(results)} checks: {sorted(failing)}")
        for n in sorted(must_fail):
            print(f"    {n}: " + (f"failed as it must ({failing[n][:110]})" if n in failing else "PASSED"))
        if must_fail - set(failing):
            print(f"test-e2e: SELF-TEST FAILED: mutant {mode!r} passed {sorted(must_fail - set(failing))}")
            bad += 1
    return bad


def main():
    require_tools()
    logs = os.path.join(ROOT, "build/e2e")
    os.makedirs(logs, exist_ok=True)
    timeout = int(os.environ.get("E2E_TIMEOUT", "120"))
    procs = Processes()
    driver = None
    report, failed = {}, 0
    started = time.time()
    try:
        standin_port = free_port()
        standin = f"http://127.0.0.1:{standin_port}"
        log = open(os.path.join(logs, "standin.log"), "w")
        env = {"PORT": str(standin_port), "CHATWOOT_HMAC_TOKEN": SECRET, "CHATWOOT_WEBSITE_TOKEN": TOKEN, "HMAC_MANDATORY": "1"}
        proc = procs.start(["ruby", os.path.join(ROOT, "tests/e2e/standin/server.rb")], env, log)
        wait_port(standin_port, proc, "the stand-in Chatwoot", 30)
        driver = browser()
        print(f"test-e2e: {driver.capabilities.get('browserName')} {driver.capabilities.get('browserVersion')}, stand-in at {standin}")
        harness = Harness(driver, standin, SECRET, TOKEN)
        for app_dir in apps():
            name = os.path.relpath(app_dir, ROOT)
            # The fixture takes the optional update fields; the example apps' contract does not.
            update = app_dir == os.path.join(ROOT, "tests/e2e/fixture")
            results, elapsed = run_app(procs, harness, app_dir, name, standin, logs, timeout, {}, update=update)
            bad = [(n, msg) for n, msg in results if msg]
            failed += len(bad)
            report[name] = {"checks": len(results), "failed": dict(bad), "seconds": round(elapsed, 1)}
            for n, msg in results:
                print(f"  {'ok  ' if not msg else 'FAIL'} {name}: {n}" + (f": {msg}" if msg else ""))
            print(f"test-e2e: {name}: {len(results) - len(bad)}/{len(results)} checks passed in {elapsed:.1f}s")
        failed += self_test(procs, harness, standin, logs, timeout)
    finally:
        if driver:
            driver.quit()
        procs.stop_all()
    with open(os.path.join(logs, "results.json"), "w") as f:
        json.dump(report, f, indent=2)
    print(f"test-e2e: {len(report)} app(s), {failed} failure(s), {time.time() - started:.0f}s (details: build/e2e/)")
    return 1 if failed or not report else 0


if __name__ == "__main__":
    sys.exit(main())
