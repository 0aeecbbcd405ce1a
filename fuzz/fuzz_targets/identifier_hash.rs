//! Fuzzes cw_identifier_hash; the check is in test-support/src/lib.rs (replayed by `make test`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| chatwoot_identity_test_support::check_identifier_hash(data));
