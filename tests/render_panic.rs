//! Panic containment for the render functions: with the test-only `panic-test` feature, an
//! input of `cw-force-panic` panics inside the library; the call must return
//! `CW_STATUS_INTERNAL_ERROR`, write neither `out` nor `*out_len`, and the key must keep working.
//! Run by `make test-render-panic` (mk/render.mk), in the panic-test target directory.
#![cfg(feature = "capi")] // tests the C entry points: `cargo test --features capi`
#![cfg(feature = "panic-test")]

use core::ptr::null_mut;
use std::cell::Cell;

use chatwoot_identity::ffi::*;

const MAGIC: &[u8] = b"cw-force-panic";
const SECRET: &[u8] = b"your-secret-token-for-hmac";
const FIELDS: &[u8] = br#"{"name":"Ann"}"#;
const UNSET: usize = 0xDEAD;

thread_local! {
    static PANICS: Cell<usize> = const { Cell::new(0) };
}

/// Runs `call` and returns its status with the number of panics it raised (and caught).
fn panics_in(call: impl FnOnce() -> CwStatus) -> (CwStatus, usize) {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|_| PANICS.with(|p| p.set(p.get() + 1)))));
    let before = PANICS.with(Cell::get);
    let status = call();
    (status, PANICS.with(Cell::get) - before)
}

#[test]
fn render_panics_are_contained_and_write_nothing() {
    let mut key = null_mut();
    assert_eq!(unsafe { cw_key_new(SECRET.as_ptr(), SECRET.len(), &mut key) }, CwStatus::Ok);
    let mut buf = [0xAAu8; 2048];
    let mut len = UNSET;
    let out = buf.as_mut_ptr().cast();
    let calls: [(&str, Box<dyn Fn(*mut core::ffi::c_char, *mut usize) -> CwStatus>); 5] = [
        (
            "script, fields",
            Box::new(|o, l| unsafe {
                cw_key_set_user_script(key, b"1".as_ptr(), 1, MAGIC.as_ptr(), MAGIC.len(), null_mut(), 0, o, 2048, l)
            }),
        ),
        (
            "script, identifier",
            Box::new(|o, l| unsafe {
                cw_key_set_user_script(
                    key,
                    MAGIC.as_ptr(),
                    MAGIC.len(),
                    FIELDS.as_ptr(),
                    FIELDS.len(),
                    null_mut(),
                    0,
                    o,
                    2048,
                    l,
                )
            }),
        ),
        (
            "script, nonce",
            Box::new(|o, l| unsafe {
                cw_key_set_user_script(
                    key,
                    b"1".as_ptr(),
                    1,
                    FIELDS.as_ptr(),
                    FIELDS.len(),
                    MAGIC.as_ptr(),
                    MAGIC.len(),
                    o,
                    2048,
                    l,
                )
            }),
        ),
        (
            "payload, fields",
            Box::new(|o, l| unsafe {
                cw_key_set_user_payload(key, b"1".as_ptr(), 1, MAGIC.as_ptr(), MAGIC.len(), o, 2048, l)
            }),
        ),
        ("reset, nonce", Box::new(|o, l| unsafe { cw_reset_script(MAGIC.as_ptr(), MAGIC.len(), o, 2048, l) })),
    ];
    for (what, call) in &calls {
        let (status, panics) = panics_in(|| call(out, &mut len));
        assert_eq!((status, panics), (CwStatus::InternalError, 1), "{what}");
        assert_eq!(len, UNSET, "{what}: *out_len written after a panic");
        assert!(buf.iter().all(|&b| b == 0xAA), "{what}: output written after a panic");
    }
    let status =
        unsafe { cw_key_set_user_payload(key, b"1".as_ptr(), 1, FIELDS.as_ptr(), FIELDS.len(), out, 2048, &mut len) };
    assert_eq!(status, CwStatus::Ok, "the key works after contained panics");
    unsafe { cw_key_free(key) };
}
