//! Fuzzes cw_status_message; the check is in src/lib.rs (replayed by `make test`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| chatwoot_identity_fuzz::check_status_message(data));
