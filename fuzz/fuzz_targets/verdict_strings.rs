//! Fuzzes cw_verdict_name and cw_verdict_message; the check is in test-support/src/lib.rs (replayed by `make test`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| chatwoot_identity_test_support::check_verdict_strings(data));
