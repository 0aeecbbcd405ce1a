"""make test-web-browser: the Django and Flask integrations' user journey in headless Chromium
against the stand-in Chatwoot (tests/e2e's, with its Harness and browser setup): sign in
(verified), another page (still that user), logout through a redirect (the next page resets
the widget), a second user with an integer id (verified), and the second inbox's widget.
tests/e2e runs the contract's checks on the same apps (E2E_APPS=...).

Usage: build/e2e-venv/bin/python browser_web_apps.py APP_DIR..."""

import os
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))

import e2e  # tests/e2e: processes, ports, browser
from harness import Failure, Harness, check

USER_A = ("a", "jane.doe@example.com", "string", "Jane </script><b>", "jane@example.com")
USER_B = ("b", "9007199254740993", "integer", "Second User", "second@example.com")


def journey(h, app):
    steps = []

    def step(name, fn):
        try:
            fn()
            steps.append((name, None))
        except Failure as failure:
            steps.append((name, str(failure)))
        except Exception as error:  # noqa: BLE001  (a step that breaks is that step's failure)
            steps.append((name, f"{type(error).__name__}: {error}"))

    def sign_in_a():
        body = h.sign_in(app, "login", USER_A)
        check(body["identifier_hash"] == h.expected_hash(USER_A[1]), "not Python's HMAC")
        h.check_page_state(USER_A[1])

    def another_page():
        h.driver.get(f"{app}/page")
        h.wait_ready()
        h.check_page_state(USER_A[1])
        check(h.driver.execute_script("return window.$chatwoot.resetCount || 0;") == 0,
              "a page of a signed-in user reset the widget")

    def logout_redirect():
        h.driver.get(f"{app}/logout-and-redirect")
        h.wait_ready()
        check(h.driver.current_url.endswith("/page"), f"landed on {h.driver.current_url}")
        deadline = time.time() + 5
        while (h.driver.execute_script("return window.$chatwoot.resetCount || 0;") or 0) < 1:
            check(time.time() < deadline, "the page after the logout never called $chatwoot.reset()")
            time.sleep(0.05)
        identifier = h.driver.execute_script("return window.$chatwoot.identifier;")
        check(identifier is None, f"after reset the widget still has identifier {identifier!r}")
        check(h.driver.get_cookie(f"cw_user_{h.token}") is None, "after reset the user cookie is still there")

    def reset_once():
        h.driver.get(f"{app}/page")
        h.wait_ready()
        check((h.driver.execute_script("return window.$chatwoot.resetCount || 0;") or 0) == 0,
              "the reset ran again on the page after")

    def sign_in_b():
        body = h.sign_in(app, "login", USER_B)
        check(body["identifier_hash"] == h.expected_hash(USER_B[1]), "not Python's HMAC")
        h.check_page_state(USER_B[1])
        errors = h.console_errors()
        check(not errors, f"console errors: {errors}")

    step("sign in", sign_in_a)
    step("another page keeps the user", another_page)
    step("logout with a redirect resets on the next page", logout_redirect)
    step("the reset happens once", reset_once)
    step("a second user (integer id) signs in", sign_in_b)
    return steps


def main():
    e2e.require_tools()
    logs = os.path.join(ROOT, "build", "e2e-python-web")
    os.makedirs(logs, exist_ok=True)
    timeout = int(os.environ.get("E2E_TIMEOUT", "300"))
    procs, driver, failed = e2e.Processes(), None, 0
    try:
        port = e2e.free_port()
        standin = f"http://127.0.0.1:{port}"
        env = {"PORT": str(port), "CHATWOOT_HMAC_TOKEN": e2e.SECRET,
               "CHATWOOT_WEBSITE_TOKEN": e2e.TOKEN, "HMAC_MANDATORY": "1"}
        proc = procs.start(["ruby", os.path.join(ROOT, "tests/e2e/standin/server.rb")], env,
                           open(os.path.join(logs, "standin.log"), "w"))  # noqa: SIM115  (the process's log)
        e2e.wait_port(port, proc, "the stand-in Chatwoot", 30)
        driver = e2e.browser()
        h = Harness(driver, standin, e2e.SECRET, e2e.TOKEN)
        for app_dir in sys.argv[1:]:
            name = os.path.basename(os.path.abspath(app_dir))
            app_port = e2e.free_port()
            app_env = {"PORT": str(app_port), "CHATWOOT_BASE_URL": standin,
                       "CHATWOOT_WEBSITE_TOKEN": e2e.TOKEN, "CHATWOOT_HMAC_TOKEN": e2e.SECRET}
            app_proc = procs.start([os.path.join(os.path.abspath(app_dir), "run")], app_env,
                                   open(os.path.join(logs, f"{name}.log"), "w"))  # noqa: SIM115  (the process's log)
            try:
                e2e.wait_port(app_port, app_proc, name, timeout)
                driver.delete_all_cookies()
                for step, message in journey(h, f"http://127.0.0.1:{app_port}"):
                    print(f"  {'ok  ' if not message else 'FAIL'} {name}: {step}" + (f": {message}" if message else ""))
                    failed += bool(message)
            finally:
                procs.stop(app_proc)
    finally:
        if driver:
            driver.quit()
        procs.stop_all()
    print(f"browser_web_apps: {failed} failure(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
