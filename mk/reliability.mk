# Reliability and security suites, included by the top-level Makefile (the C tests' build
# rules are mk/c.mk's; the shared variables the top-level Makefile's).
#
# Run by `make test` (a minute or two; the first panic-test build takes longer):
#   test-c-stress     8 threads x 100,000 hashes on one shared cw_key; 1,000,000 keys
#                     created and freed with RSS flat
#   test-sanitizers   every C test built with -fsanitize=address,undefined
#   test-panic        panic containment with the test-only `panic-test` feature, in Rust
#                     and from C, built in its own target dir (target/panic-test)
#   check-matrix      tests/bad_input_matrix.json is consistent (statuses, verdicts, hashes, every
#                     cell covered) and docs/bad-input-matrix.md is written from it (`make check`)
#   (the ABI pins, tests/abi_stability.rs, and the fuzz corpus replay, test-support/tests/fuzz_corpus.rs,
#    run with the Rust tests; `make test-fuzz-corpus` runs the replay alone)
# Not run by `make test`:
#   test-c-valgrind   the C tests under valgrind (shorter thread and soak runs; several minutes)
#   memcheck          test-c-valgrind, then each binding's runtime under valgrind (scripts/memcheck LANG)
#   fuzz              every cargo-fuzz target for FUZZ_SECONDS (installs cargo-fuzz if missing)
#   fuzz-merge        adds the coverage-increasing inputs of the last `make fuzz` to fuzz/corpus
#   bench-ct          the dudect-style constant-time test of cw_verify / cw_key_verify

C_STRESS_TESTS := test_api test_reentrancy test_threads test_soak
PANIC_TARGET   := $(CURDIR)/target/panic-test
PANIC_LIB_DIR  := $(C_BUILD)/lib-panic
FUZZ_TARGETS   := identifier_hash verify key_new key_identifier_hash key_verify \
                  key_identifier_hash_batch explain status_message verdict_strings render
FUZZ_SECONDS   ?= 60
FUZZ_SCRATCH   := build/fuzz-corpus
VALGRIND       := valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
                  --errors-for-leak-kinds=definite,indirect --track-origins=yes
# Valgrind runs threads one at a time, ~50x slower: fewer hashes per thread, a shorter soak
# (leaks are valgrind's to find there; the RSS bound is checked by the full soak in `make test`).
MEMCHECK_THREAD_HASHES ?= 20000
MEMCHECK_SOAK_KEYS     ?= 100000
MEMCHECK_BINDINGS      := $(filter $(BINDINGS),elixir go node php python ruby)

.PHONY: test-c-stress test-sanitizers test-c-valgrind test-panic test-fuzz-corpus memcheck fuzz fuzz-merge bench-ct check-matrix

test-c-stress: build $(C_BUILD)/test_threads $(C_BUILD)/test_soak $(C_LIB_DIR)/libchatwoot_identity.so.0
	$(C_RUN) $(C_BUILD)/test_threads
	$(C_RUN) $(C_BUILD)/test_soak

test-sanitizers: build $(C_STRESS_TESTS:%=$(C_BUILD)/asan/%) $(C_LIB_DIR)/libchatwoot_identity.so.0
	$(SAN_ENV) $(C_RUN) $(C_BUILD)/asan/test_api
	$(SAN_ENV) $(C_RUN) $(C_BUILD)/asan/test_reentrancy
	$(SAN_ENV) $(C_RUN) $(C_BUILD)/asan/test_threads
	$(SAN_ENV) $(C_RUN) $(C_BUILD)/asan/test_soak
	@echo "test-sanitizers: the C tests are clean under AddressSanitizer, LeakSanitizer and UBSan"

# The panic-test feature only ever goes into target/panic-test, never into target/release.
test-panic: $(C_BUILD)/test_panic
	CARGO_TARGET_DIR=$(PANIC_TARGET) $(CARGO) test --release --locked --features panic-test --test panic_containment
	CARGO_TARGET_DIR=$(PANIC_TARGET) $(CARGO) build --release --locked --features panic-test --lib
	@mkdir -p $(PANIC_LIB_DIR)
	ln -sfn $(PANIC_TARGET)/release/libchatwoot_identity.so $(PANIC_LIB_DIR)/libchatwoot_identity.so.0
	@# Each forced panic prints Rust's panic message on stderr: keep them in a log, show it on failure.
	LD_LIBRARY_PATH=$(CURDIR)/$(PANIC_LIB_DIR) $(C_BUILD)/test_panic 2> $(C_BUILD)/test_panic.stderr \
	  || { cat $(C_BUILD)/test_panic.stderr >&2; exit 1; }
	@echo "test-panic: $$(grep -c 'panic forced by the panic-test feature' $(C_BUILD)/test_panic.stderr) panics forced from C, all contained"

test-fuzz-corpus:
	$(CARGO) test --release --locked -p chatwoot-identity-test-support --test fuzz_corpus

test-c-valgrind: build $(C_STRESS_TESTS:%=$(C_BUILD)/%) $(C_LIB_DIR)/libchatwoot_identity.so.0
	@command -v valgrind >/dev/null || { echo "test-c-valgrind: valgrind is missing (scripts/ensure-toolchains installs it)" >&2; exit 1; }
	$(C_RUN) $(VALGRIND) $(C_BUILD)/test_api
	$(C_RUN) $(VALGRIND) $(C_BUILD)/test_reentrancy 500
	$(C_RUN) $(VALGRIND) $(C_BUILD)/test_threads $(MEMCHECK_THREAD_HASHES)
	$(C_RUN) $(VALGRIND) --freelist-vol=2000000 $(C_BUILD)/test_soak $(MEMCHECK_SOAK_KEYS)
	@echo "test-c-valgrind: the C tests are clean under valgrind"

memcheck: test-c-valgrind
	@# Every binding runs even when one fails, so one report shows them all.
	@failed=""; for lang in $(MEMCHECK_BINDINGS); do \
	  scripts/memcheck $$lang || failed="$$failed $$lang"; \
	done; \
	if [ -n "$$failed" ]; then echo "memcheck: FAILED:$$failed" >&2; exit 1; fi
	@echo "memcheck: no memory error, no definite leak: C tests, $(MEMCHECK_BINDINGS)"

# Fuzzing needs cargo-fuzz and nightly-only flags (RUSTC_BOOTSTRAP=1 on the stable toolchain).
# New inputs go to build/fuzz-corpus/<target>; fuzz/corpus/<target> seeds the run read-only.
fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_SCRATCH)/$$t fuzz/corpus/$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run $$t ../$(FUZZ_SCRATCH)/$$t corpus/$$t -- \
	     -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1) > $(FUZZ_SCRATCH)/$$t.log 2>&1 \
	    || { tail -n 40 $(FUZZ_SCRATCH)/$$t.log >&2; echo "fuzz: $$t failed (input in fuzz/artifacts/$$t)" >&2; exit 1; }; \
	  grep -E '^Done|stat::number_of_executed_units' $(FUZZ_SCRATCH)/$$t.log; \
	done

# Keeps the committed corpus small: only inputs that reach new code (edges, not hit counts)
# are copied in.
fuzz-merge:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run $$t corpus/$$t ../$(FUZZ_SCRATCH)/$$t -- -merge=1 -use_counters=0 2>&1 | tail -n 1); \
	done

bench-ct:
	$(CARGO) bench --locked --features capi --bench constant_time

check-matrix:
	scripts/check-matrix
