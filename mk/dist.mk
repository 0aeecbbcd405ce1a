# Prebuilt, portable artifacts (dist/), included by the top-level Makefile.
#
#   make dist-libs       dist/lib/<target>/ (shared library, import library on Windows, static
#                        library, header) and dist/lib/SHA256SUMS for every target of targets.toml
#                        (scripts/dist-libs); DIST_TARGETS_ONLY="a b" builds a subset
#   make dist-cli        dist/cli/chatwoot-identity-<version>-<target>.tar.gz (.zip on Windows) and
#                        dist/cli/SHA256SUMS
#   make dist            both, then `make -C bindings/<lang> dist` for each binding that has one
#   make test-dist       dist, then the CLI tarballs and each binding's packages installed and run
#                        the way users do (outside the checkout, Rust hidden)
# Run by `make test` (added to EXTRA_TESTS), for all eight targets (about 30 min cold on a fresh
# 2-core machine in all; docs/packaging.md has the measurements):
#   test-dist-libs       the C API tests on every target: natively, on musl, under qemu-aarch64,
#                        under wine64 (windows-x86_64); macOS and windows-arm64 programs linked only
#   check-portability    glibc <= 2.17, allowed shared libraries only, ELF machine per folder;
#                        macOS and Windows: scripts/check-platforms (Mach-O/PE: exports, libraries,
#                        minimum OS, install name, code signature)
#   test-dist
#   check-workflows      .github/workflows/*.yml through actionlint
# Not run by `make test`:
#   check-reproducible   rebuilds every target in a fresh target dir and compares the bytes

# From targets.toml (the one list of targets).
DIST_TARGETS := $(shell python3 scripts/targets.py)
# Every binding ships: its Makefile must have `dist` and `test-dist` (a missing one fails the run).
DIST_BINDINGS      := $(BINDINGS)
TEST_DIST_BINDINGS := $(BINDINGS)

check: check-workflows
.PHONY: check-workflows dist dist-libs dist-cli test-dist test-dist-libs test-dist-cli check-portability check-reproducible \
        $(DIST_BINDINGS:%=dist-%) $(TEST_DIST_BINDINGS:%=test-dist-%)

# cargo decides what is stale in each target/dist/<target>; always ask it.
dist-libs: toolchains
	scripts/dist-libs

test-dist-libs: dist-libs $(C_BUILD)/vectors.h
	scripts/test-dist-libs

check-portability: test-dist-libs
	scripts/check-portability

dist-cli: dist-libs
	scripts/dist-cli

dist: dist-libs dist-cli $(DIST_BINDINGS:%=dist-%)

$(DIST_BINDINGS:%=dist-%): dist-%: dist-libs
	$(MAKE) -C bindings/$* dist

test-dist: dist test-dist-cli $(TEST_DIST_BINDINGS:%=test-dist-%)

test-dist-cli: dist-cli
	scripts/test-dist-cli

$(TEST_DIST_BINDINGS:%=test-dist-%): test-dist-%: dist
	$(MAKE) -C bindings/$* test-dist

# .github/workflows/*.yml through actionlint.
check-workflows: toolchains
	scripts/check-workflows

check-reproducible: dist-libs
	scripts/check-reproducible
