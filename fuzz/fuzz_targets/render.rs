//! Fuzzes cw_key_set_user_script, cw_key_set_user_payload and cw_reset_script; the check is
//! in src/lib.rs (replayed by `make test`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| chatwoot_identity_test_support::check_render(data));
