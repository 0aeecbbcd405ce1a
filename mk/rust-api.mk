# The pure Rust API, included by the top-level Makefile.
#
#   make check-rust-api   the crate as a plain dependency (default features: no `capi`) builds
#                         warning-free, and its tree (normal and build dependencies) has no
#                         cbindgen, syn or serde_derive

.PHONY: check-rust-api

check-rust-api:
	RUSTFLAGS="-D warnings" $(CARGO) check --locked --lib -p chatwoot-identity
	@tree=$$($(CARGO) tree --locked -e normal,build --prefix none -p chatwoot-identity | sed 's/ (\*)//' | sort -u); \
	if echo "$$tree" | grep -E '^(cbindgen|syn|serde_derive) '; then \
	  echo "check-rust-api: the Rust API pulls in a C-layer build dependency (above)" >&2; exit 1; fi; \
	echo "check-rust-api: the Rust API builds $$(echo "$$tree" | wc -l) crates, no cbindgen"
