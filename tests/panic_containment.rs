//! Panic containment at the C boundary.
//!
//! Built with the test-only `panic-test` feature, every C entry point panics inside the
//! library when one of its input buffers holds the bytes `cw-force-panic` (src/ffi/boundary.rs,
//! `input()`). These tests prove that each such panic is caught: the call returns
//! `CW_STATUS_INTERNAL_ERROR` (or `false` for a verify function), writes no output, and the
//! process (and every other thread, and every existing key) goes on working.
//!
//! `make test` runs them in their own target directory, so the release library in
//! `target/` never carries the feature:
//! `CARGO_TARGET_DIR=target/panic-test cargo test --release --features panic-test --test panic_containment`.
//! Without the feature, the one test here checks that the magic bytes are ordinary input.
#![cfg(feature = "capi")]
// tests the C entry points: `cargo test --features capi`

// The call helpers below serve both builds; most are used only with the feature.
#![cfg_attr(not(feature = "panic-test"), allow(dead_code))]

use chatwoot_identity::ffi::*;

const MAGIC: &[u8] = b"cw-force-panic";
const DOC_SECRET: &[u8] = b"your-secret-token-for-hmac";
const DOC_ID: &[u8] = b"unique-identifier-of-the-user";
const DOC_HASH: &[u8; 64] = b"fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c";

#[cfg(not(feature = "panic-test"))]
fn reference_hash(secret: &[u8], identifier: &[u8]) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret).expect("any key length");
    mac.update(identifier);
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

fn one_shot(secret: &[u8], identifier: &[u8], out: &mut [u8; 65]) -> CwStatus {
    unsafe {
        cw_identifier_hash(
            secret.as_ptr(),
            secret.len(),
            identifier.as_ptr(),
            identifier.len(),
            out.as_mut_ptr().cast(),
            65,
        )
    }
}

fn verify(secret: &[u8], identifier: &[u8], hash: &[u8]) -> bool {
    unsafe {
        cw_verify(
            secret.as_ptr(),
            secret.len(),
            identifier.as_ptr(),
            identifier.len(),
            hash.as_ptr().cast(),
            hash.len(),
        )
    }
}

fn key_new(secret: &[u8], out: &mut *mut CwKey) -> CwStatus {
    unsafe { cw_key_new(secret.as_ptr(), secret.len(), out) }
}

fn keyed(key: *const CwKey, identifier: &[u8], out: &mut [u8; 65]) -> CwStatus {
    unsafe { cw_key_identifier_hash(key, identifier.as_ptr(), identifier.len(), out.as_mut_ptr().cast(), 65) }
}

fn key_verify(key: *const CwKey, identifier: &[u8], hash: &[u8]) -> bool {
    unsafe { cw_key_verify(key, identifier.as_ptr(), identifier.len(), hash.as_ptr().cast(), hash.len()) }
}

fn batch(key: *const CwKey, identifiers: &[u8], offsets: &[usize], out: &mut [u8]) -> CwStatus {
    unsafe {
        cw_key_identifier_hash_batch(
            key,
            identifiers.as_ptr(),
            identifiers.len(),
            offsets.as_ptr(),
            offsets.len() - 1,
            out.as_mut_ptr().cast(),
            out.len(),
        )
    }
}

/// The magic bytes are an ordinary secret and identifier in a build without the feature.
#[cfg(not(feature = "panic-test"))]
#[test]
fn magic_bytes_are_ordinary_input_without_the_feature() {
    let mut out = [0u8; 65];
    assert_eq!(one_shot(MAGIC, MAGIC, &mut out), CwStatus::Ok);
    assert_eq!(&out[..64], reference_hash(MAGIC, MAGIC).as_bytes());
    assert!(verify(MAGIC, DOC_ID, reference_hash(MAGIC, DOC_ID).as_bytes()));
}

#[cfg(feature = "panic-test")]
mod contained {
    use super::*;
    use std::cell::Cell;
    use std::sync::Once;

    thread_local! {
        /// Panics raised on this thread (counted by the hook, so each test sees its own).
        static PANICS: Cell<usize> = const { Cell::new(0) };
    }

    /// Replaces the default hook (which would print a backtrace notice per forced panic)
    /// with one that counts, so each test can prove a panic really happened and was caught.
    fn count_panics() {
        static HOOK: Once = Once::new();
        HOOK.call_once(|| std::panic::set_hook(Box::new(|_| PANICS.with(|p| p.set(p.get() + 1)))));
    }

    /// Runs `call`, and returns its result and how many panics it raised (and caught).
    fn panics_in<T>(call: impl FnOnce() -> T) -> (T, usize) {
        count_panics();
        let before = PANICS.with(Cell::get);
        let result = call();
        (result, PANICS.with(Cell::get) - before)
    }

    /// The library still answers correctly after a contained panic.
    fn still_works(key: *const CwKey) {
        let mut out = [0u8; 65];
        assert_eq!(one_shot(DOC_SECRET, DOC_ID, &mut out), CwStatus::Ok);
        assert_eq!(&out[..64], DOC_HASH);
        assert!(verify(DOC_SECRET, DOC_ID, DOC_HASH));
        let mut out = [0u8; 65];
        assert_eq!(keyed(key, DOC_ID, &mut out), CwStatus::Ok);
        assert_eq!(&out[..64], DOC_HASH);
        assert!(key_verify(key, DOC_ID, DOC_HASH));
    }

    fn doc_key() -> *mut CwKey {
        let mut key = std::ptr::null_mut();
        assert_eq!(key_new(DOC_SECRET, &mut key), CwStatus::Ok);
        key
    }

    #[test]
    fn cw_identifier_hash_returns_internal_error() {
        let key = doc_key();
        for (secret, identifier) in [(MAGIC, DOC_ID), (DOC_SECRET, MAGIC)] {
            let mut out = [0xAAu8; 65];
            let (status, panics) = panics_in(|| one_shot(secret, identifier, &mut out));
            assert_eq!(status, CwStatus::InternalError);
            assert_eq!(panics, 1, "the forced panic did not happen");
            assert!(out.iter().all(|&b| b == 0xAA), "output written after a panic");
            still_works(key);
        }
        unsafe { cw_key_free(key) };
    }

    #[test]
    fn cw_verify_returns_false() {
        let key = doc_key();
        for (secret, identifier, hash) in
            [(MAGIC, DOC_ID, &DOC_HASH[..]), (DOC_SECRET, MAGIC, DOC_HASH), (DOC_SECRET, DOC_ID, MAGIC)]
        {
            let (valid, panics) = panics_in(|| verify(secret, identifier, hash));
            assert!(!valid, "verify returned true after a panic");
            assert_eq!(panics, 1);
            still_works(key);
        }
        unsafe { cw_key_free(key) };
    }

    #[test]
    fn cw_key_new_returns_internal_error_and_leaves_out_untouched() {
        let key = doc_key();
        let mut out: *mut CwKey = std::ptr::null_mut();
        let (status, panics) = panics_in(|| key_new(MAGIC, &mut out));
        assert_eq!(status, CwStatus::InternalError);
        assert_eq!(panics, 1);
        assert!(out.is_null(), "cw_key_new wrote *out after a panic");
        still_works(key);
        unsafe { cw_key_free(key) };
    }

    #[test]
    fn keyed_functions_contain_panics_and_the_key_survives() {
        let key = doc_key();
        let mut out = [0xAAu8; 65];
        let (status, panics) = panics_in(|| keyed(key, MAGIC, &mut out));
        assert_eq!((status, panics), (CwStatus::InternalError, 1));
        assert!(out.iter().all(|&b| b == 0xAA), "output written after a panic");
        still_works(key);

        for (identifier, hash) in [(MAGIC, &DOC_HASH[..]), (DOC_ID, MAGIC)] {
            let (valid, panics) = panics_in(|| key_verify(key, identifier, hash));
            assert!(!valid);
            assert_eq!(panics, 1);
            still_works(key);
        }
        unsafe { cw_key_free(key) };
    }

    #[test]
    fn cw_key_identifier_hash_batch_returns_internal_error() {
        let key = doc_key();
        let mut out = [0xAAu8; 64];
        let (status, panics) = panics_in(|| batch(key, MAGIC, &[0, MAGIC.len()], &mut out));
        assert_eq!((status, panics), (CwStatus::InternalError, 1));
        assert!(out.iter().all(|&b| b == 0xAA), "batch output written after a panic");
        let mut out = [0u8; 64];
        assert_eq!(batch(key, DOC_ID, &[0, DOC_ID.len()], &mut out), CwStatus::Ok);
        assert_eq!(&out, DOC_HASH);
        still_works(key);
        unsafe { cw_key_free(key) };
    }

    #[test]
    fn cw_explain_returns_internal_error() {
        let key = doc_key();
        let untouched = CwExplanation { verdict: -99, candidate_kind: -99, candidate_index: 99 };
        let other = [CwBytes { ptr: MAGIC.as_ptr(), len: MAGIC.len() }];
        let magic_candidate = CwCandidates {
            secrets: other.as_ptr(),
            secrets_count: 1,
            identifiers: std::ptr::null(),
            identifiers_count: 0,
        };
        let cases = [
            (MAGIC, DOC_ID, &DOC_HASH[..], std::ptr::null()),
            (DOC_SECRET, MAGIC, DOC_HASH, std::ptr::null()),
            (DOC_SECRET, DOC_ID, MAGIC, std::ptr::null()),
            (DOC_SECRET, DOC_ID, DOC_HASH, &magic_candidate as *const CwCandidates),
        ];
        for (secret, identifier, hash, candidates) in cases {
            let mut out = untouched;
            let (status, panics) = panics_in(|| unsafe {
                cw_explain(
                    secret.as_ptr(),
                    secret.len(),
                    identifier.as_ptr(),
                    identifier.len(),
                    hash.as_ptr().cast(),
                    hash.len(),
                    candidates,
                    &mut out,
                )
            });
            assert_eq!((status, panics), (CwStatus::InternalError, 1));
            assert_eq!(out, untouched, "explanation written after a panic");
            still_works(key);
        }
        unsafe { cw_key_free(key) };
    }

    /// Panics on some threads leave the other threads and the shared key alone.
    #[test]
    fn panics_on_many_threads_at_once_are_all_contained() {
        let key = doc_key() as usize; // a cw_key may be shared by threads
        let workers: Vec<_> = (0..4)
            .map(|t| {
                std::thread::spawn(move || {
                    let key = key as *const CwKey;
                    let mut contained = 0;
                    for i in 0..500 {
                        let mut out = [0u8; 65];
                        if (i + t) % 2 == 0 {
                            let (status, panics) = panics_in(|| keyed(key, MAGIC, &mut out));
                            assert_eq!((status, panics), (CwStatus::InternalError, 1));
                            contained += 1;
                        } else {
                            assert_eq!(keyed(key, DOC_ID, &mut out), CwStatus::Ok);
                            assert_eq!(&out[..64], DOC_HASH);
                        }
                    }
                    contained
                })
            })
            .collect();
        let contained: usize = workers.into_iter().map(|w| w.join().expect("a worker thread died")).sum();
        assert_eq!(contained, 4 * 250);
        still_works(key as *const CwKey);
        unsafe { cw_key_free(key as *mut CwKey) };
    }

    /// The functions without input buffers cannot be forced to panic; they still answer.
    #[test]
    fn functions_without_inputs_still_answer() {
        count_panics();
        unsafe { cw_key_free(std::ptr::null_mut()) };
        assert_eq!(cw_abi_version(), CW_ABI_VERSION);
        assert!(!cw_status_message(CwStatus::InternalError as i32).is_null());
        assert!(!cw_version().is_null());
    }
}
