# The end-to-end browser test (tests/e2e/), included by the top-level Makefile.
#
#   make test-e2e   starts the stand-in Chatwoot (Ruby, Rack + WEBrick + ActiveSupport), then
#                   each app (the ctypes test fixture and every examples/web/<language>/run)
#                   with the right and a wrong secret, and drives headless Chromium through
#                   tests/e2e/harness.py; then the harness's self-test against a naive snippet.
#                   Bounded by E2E_LIMIT seconds (default 900).
#
# Selenium comes from PyPI, pinned in tests/e2e/requirements.txt, into build/e2e-venv.
# Chromium, chromedriver, Ruby, ruby-rack and ruby-activesupport come from Debian
# (scripts/ensure-toolchains).

E2E_VENV  := build/e2e-venv
E2E_LIMIT ?= 900

.PHONY: test-e2e

$(E2E_VENV)/.installed: tests/e2e/requirements.txt
	python3 -m venv $(E2E_VENV)
	$(E2E_VENV)/bin/pip install -q --disable-pip-version-check -r tests/e2e/requirements.txt
	@touch $@

test-e2e: build $(E2E_VENV)/.installed
	@scripts/ensure-toolchains
	timeout --kill-after=10 $(E2E_LIMIT) $(E2E_VENV)/bin/python tests/e2e/e2e.py
