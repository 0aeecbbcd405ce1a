# chatwoot-identity: the two commands are `make demo` and `make test`.
#
# Each binding in bindings/<language>/ has its own Makefile with the targets
#   test     run its test suite against ../../target/release
#   example  print the documented sample's hash through the binding (last stdout line)
#   bench    run its benchmark and write ../../target/bench/<language>.json
# This Makefile drives them all; every binding directory present is tested.

PREFIX   ?= /usr/local
CARGO    ?= cargo
CC       ?= cc
RELEASE  := target/release
LIB_SO   := $(RELEASE)/libchatwoot_identity.so
LIB_A    := $(RELEASE)/libchatwoot_identity.a
HEADER   := include/chatwoot_identity.h
VERSION  := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
BINDINGS := $(sort $(notdir $(patsubst %/Makefile,%,$(wildcard bindings/*/Makefile))))

.PHONY: all build toolchains test test-rust check check-fmt check-clippy check-unit lint \
        check-header check-vectors header demo \
        bench bench-core bench-cli install clean $(BINDINGS:%=test-%) $(BINDINGS:%=bench-%) \
        $(BINDINGS:%=fuzz-%) $(BINDINGS:%=lint-%)

# The suites `make test` runs after `make check`, in this order. Each is a target of this file or
# of the mk/ file named beside it; a new suite is added here, nowhere else.
TEST_SUITES := test-rust
TEST_SUITES += check-rust-api                                         # mk/rust-api.mk
TEST_SUITES += test-c test-c-render-asan                              # mk/c.mk
TEST_SUITES += test-dist-libs check-portability test-dist             # mk/dist.mk
TEST_SUITES += test-e2e                                               # mk/e2e.mk
TEST_SUITES += test-c-stress test-sanitizers test-panic                # mk/reliability.mk
TEST_SUITES += test-render-panic                                      # mk/render.mk
TEST_SUITES += $(BINDINGS:%=test-%)                                   # bindings/<lang>/Makefile

# What the mk/ files share: the C tests' build directory and flags, and the sanitizer settings
# (each mk/ file reads only these and the variables above, never another mk/ file's).
CXX           ?= c++
C_BUILD       := build/c
C_STD_FLAGS   := -std=c99 -Wall -Wextra -Wpedantic -Werror
C_TEST_CFLAGS := $(C_STD_FLAGS) -O2 -g -Iinclude -I$(C_BUILD) -Itests/c
C_TEST_LIBS   := -L$(RELEASE) -lchatwoot_identity -lpthread
C_LIB_DIR     := $(C_BUILD)/lib
C_RUN         := LD_LIBRARY_PATH=$(CURDIR)/$(C_LIB_DIR)
C_TEST_DEPS   := $(C_BUILD)/vectors.h tests/c/check.h $(HEADER)
SAN_FLAGS     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# A small ASan quarantine: freed keys are held back up to this size, so the soak's RSS
# settles after its warm-up instead of growing to the default 256 MB.
SAN_ENV       := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:quarantine_size_mb=8 \
                 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

all: build

toolchains:
	@scripts/ensure-toolchains

# cargo decides what is stale; always ask it.
# The C layer is the `capi` feature (the plain Rust dependency leaves it out).
build:
	$(CARGO) build --release --locked --workspace --exclude chatwoot-identity-gen-header --features chatwoot-identity/capi
	@ln -sf libchatwoot_identity.so $(RELEASE)/libchatwoot_identity.so.0  # the SONAME, for C programs

# The header from the C layer's source (tools/gen-header: cbindgen as a library), then every
# binding's generated files from the header.
GEN_HEADER := $(CARGO) run --quiet --locked --release -p chatwoot-identity-gen-header --
header:
	$(GEN_HEADER) $(HEADER)
	scripts/gen-binding-tables
	$(MAKE) -C bindings/php ffi-header

include $(sort $(wildcard mk/*.mk))

# The fast gate (minutes): formatting, lints with and without the C layer, the Rust tests in
# both feature sets, every binding's linter, the generated files, the vectors, the bad-input
# matrix's data (each language's suite then runs its cases).
check: check-fmt check-clippy check-header check-vectors check-matrix check-unit lint
	@echo "make check: passed"

check-fmt:
	$(CARGO) fmt --all --check

check-clippy:
	$(CARGO) clippy --locked --workspace --all-targets --features chatwoot-identity/capi -- -D warnings
	$(CARGO) clippy --locked --workspace --exclude chatwoot-identity-test-support --all-targets --no-default-features -- -D warnings

# The Rust tests in the debug profile (no LTO: quick to build): the pure Rust API alone (without
# test-support, which turns `capi` on), then with the C layer (the tests of the C entry points).
check-unit:
	$(CARGO) test --locked --workspace --exclude chatwoot-identity-test-support --no-default-features
	$(CARGO) test --locked --workspace --features chatwoot-identity/capi

# Each binding's own linter (its Makefile's `lint` target).
lint: $(BINDINGS:%=lint-%)
$(BINDINGS:%=lint-%): lint-%: build
	$(MAKE) -C bindings/$* lint

test: toolchains check build $(TEST_SUITES)
	@echo "make test: all suites passed (core, C, $(BINDINGS))"

test-rust:
	$(CARGO) test --release --locked --workspace --features chatwoot-identity/capi

# The committed header must equal what cbindgen generates from src/ffi/ now, and every
# binding's generated ABI table must equal what scripts/gen-binding-tables makes of it.
check-header:
	@mkdir -p build
	$(GEN_HEADER) build/chatwoot_identity.h
	@diff -u $(HEADER) build/chatwoot_identity.h || { echo "check-header: $(HEADER) is stale: run 'make header' and commit it" >&2; exit 1; }
	@echo "check-header: $(HEADER) is current"
	scripts/gen-binding-tables --check
	@php bindings/php/tools/generate-ffi-header.php $(HEADER) | diff -u bindings/php/ffi/chatwoot_identity.h - \
	  || { echo "check-header: bindings/php/ffi/chatwoot_identity.h is stale: run 'make header' and commit it" >&2; exit 1; }

# The committed vectors must equal a fresh run of their independent generator.
check-vectors:
	@mkdir -p build
	python3 tests/gen_vectors.py > build/vectors.json
	@diff -q tests/vectors.json build/vectors.json >/dev/null || { echo "check-vectors: tests/vectors.json differs from tests/gen_vectors.py's output" >&2; exit 1; }
	@echo "check-vectors: tests/vectors.json is current"

$(BINDINGS:%=test-%): test-%: build
	$(MAKE) -C bindings/$* test

demo: toolchains build
	@scripts/demo

bench: bench-core bench-cli $(BINDINGS:%=bench-%)
	python3 scripts/bench_report.py

# chatwoot-identity batch over 1,000,000 identifiers against a Python hmac.new loop.
bench-cli: build
	python3 scripts/bench_cli.py

# `make fuzz` (mk/reliability.mk: the cargo-fuzz targets) also runs each binding's property or
# fuzz suite for longer than `make test` does (FUZZ_SECONDS; Go's fuzzer against crypto/hmac: FUZZTIME).
fuzz: $(BINDINGS:%=fuzz-%)
$(BINDINGS:%=fuzz-%): fuzz-%: build
	$(MAKE) -C bindings/$* fuzz FUZZTIME=$(or $(FUZZ_SECONDS),60)s

bench-core:
	$(CARGO) bench --bench identifier_hash

$(BINDINGS:%=bench-%): bench-%: build
	@mkdir -p target/bench
	$(MAKE) -C bindings/$* bench

install: build
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 0644 $(HEADER) $(DESTDIR)$(PREFIX)/include/
	install -m 0644 $(LIB_A) $(DESTDIR)$(PREFIX)/lib/
	install -m 0755 $(LIB_SO) $(DESTDIR)$(PREFIX)/lib/libchatwoot_identity.so.$(VERSION)
	ln -sf libchatwoot_identity.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libchatwoot_identity.so.0
	ln -sf libchatwoot_identity.so.0 $(DESTDIR)$(PREFIX)/lib/libchatwoot_identity.so
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' chatwoot_identity.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/chatwoot_identity.pc

clean:
	$(CARGO) clean
	rm -rf build
