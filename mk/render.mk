# The renderer's own extra suite, included by the top-level Makefile (its Rust and C tests run
# in test-rust and test-c; the browser test is mk/e2e.mk).
#
#   make test-render-panic   panics forced inside cw_key_set_user_script / _payload /
#                            cw_reset_script are contained (panic-test feature, its own target dir)

.PHONY: test-render-panic

test-render-panic:
	CARGO_TARGET_DIR=$(CURDIR)/target/panic-test $(CARGO) test --release --locked --features panic-test --test render_panic
