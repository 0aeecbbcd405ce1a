//! Fuzzes cw_status_message; the check is in test-support/src/lib.rs (replayed by `make test`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| chatwoot_identity_test_support::check_status_message(data));
