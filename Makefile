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

.PHONY: all build toolchains test test-rust check-header check-vectors header demo \
        bench bench-core bench-cli install clean $(BINDINGS:%=test-%) $(BINDINGS:%=bench-%) \
        $(BINDINGS:%=fuzz-%)

all: build

toolchains:
	@scripts/ensure-toolchains

# cargo decides what is stale; always ask it.
build:
	$(CARGO) build --release --locked --workspace
	@ln -sf libchatwoot_identity.so $(RELEASE)/libchatwoot_identity.so.0  # the SONAME, for C programs

header: build
	scripts/gen-binding-tables
	$(MAKE) -C bindings/php ffi-header

# mk/*.mk files add their own suites to EXTRA_TESTS (C tests, fuzz corpus replay, ...).
EXTRA_TESTS :=
-include $(sort $(wildcard mk/*.mk))

test: toolchains build check-header check-vectors test-rust $(EXTRA_TESTS) $(BINDINGS:%=test-%)
	@echo "make test: all suites passed (core, C, $(BINDINGS))"

test-rust:
	$(CARGO) test --release --locked --workspace

# The committed header must equal what cbindgen generates from src/ffi.rs now, and every
# binding's generated ABI table must equal what scripts/gen-binding-tables makes of it.
check-header:
	@mkdir -p build
	CW_HEADER_OUT=$(CURDIR)/build/chatwoot_identity.h $(CARGO) build --release --locked
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
