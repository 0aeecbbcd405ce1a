//! The Rust column of the bad-input matrix's `reentrancy` row: a profiling-timer signal
//! whose handler hashes lands in the middle of the test's own hashing calls, and every
//! result, in the handler and in the interrupted calls, is right. The library holds no
//! shared or thread-local state and its hash and verify paths never allocate, so a call
//! made from a signal handler cannot disturb the one it interrupts.
//!
//! SIGPROF, not SIGALRM: the kernel sends it to the thread that is burning CPU (this test's
//! thread), where a real-time alarm would go to the test harness's idle main thread.
#![cfg(feature = "capi")] // tests the C entry points: `cargo test --features capi`
#![cfg(target_os = "linux")]

use std::ffi::{c_int, c_long};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chatwoot_identity::{identifier_hash, verify, IdentityKey};
use hmac::{Hmac, Mac};

const SECRET: &[u8] = b"your-secret-token-for-hmac";
const MAIN_ID: &[u8] = b"unique-identifier-of-the-user";
const HANDLER_ID: &[u8] = b"42";

#[repr(C)]
struct Timeval {
    sec: c_long,
    usec: c_long,
}

#[repr(C)]
struct Itimerval {
    interval: Timeval,
    value: Timeval,
}

// The same number on every Linux architecture (asm-generic and x86).
const SIGPROF: c_int = 27;
const ITIMER_PROF: c_int = 2;

extern "C" {
    fn signal(signum: c_int, handler: extern "C" fn(c_int)) -> usize;
    fn setitimer(which: c_int, new: *const Itimerval, old: *mut Itimerval) -> c_int;
}

static KEY: OnceLock<IdentityKey> = OnceLock::new();
static HANDLER_EXPECTED: OnceLock<String> = OnceLock::new();
static HANDLED: AtomicU32 = AtomicU32::new(0);
static HANDLER_WRONG: AtomicU32 = AtomicU32::new(0);

extern "C" fn on_timer(_: c_int) {
    // Only lock-free reads and stack buffers here: nothing that allocates or locks.
    let (Some(key), Some(expected)) = (KEY.get(), HANDLER_EXPECTED.get()) else { return };
    let keyed = key.identifier_hash(HANDLER_ID).is_ok_and(|h| h.as_str() == expected);
    let one_shot = identifier_hash(SECRET, HANDLER_ID).is_ok_and(|h| h.as_str() == expected);
    if !(keyed && one_shot && key.verify(HANDLER_ID, expected.as_bytes())) {
        HANDLER_WRONG.fetch_add(1, Ordering::Relaxed);
    }
    HANDLED.fetch_add(1, Ordering::Relaxed);
}

fn reference(identifier: &[u8]) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(SECRET).expect("any key length");
    mac.update(identifier);
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

fn set_timer(usec: c_long) {
    let timer = Itimerval { interval: Timeval { sec: 0, usec }, value: Timeval { sec: 0, usec } };
    assert_eq!(unsafe { setitimer(ITIMER_PROF, &timer, std::ptr::null_mut()) }, 0, "setitimer");
}

// matrix: reentrancy
#[test]
fn a_signal_handler_hashing_mid_call_gets_and_leaves_the_right_hashes() {
    let main_expected = reference(MAIN_ID);
    KEY.set(IdentityKey::new(SECRET).unwrap()).unwrap();
    HANDLER_EXPECTED.set(reference(HANDLER_ID)).unwrap();
    let key = KEY.get().unwrap();
    unsafe { signal(SIGPROF, on_timer) };
    set_timer(1000);
    let (mut calls, mut wrong) = (0u64, 0u64);
    let deadline = Instant::now() + Duration::from_secs(30);
    while HANDLED.load(Ordering::Relaxed) < 200 && Instant::now() < deadline {
        for _ in 0..100 {
            wrong += u64::from(key.identifier_hash(MAIN_ID).map_or(true, |h| h.as_str() != main_expected));
            wrong += u64::from(identifier_hash(SECRET, MAIN_ID).map_or(true, |h| h.as_str() != main_expected));
            wrong += u64::from(!verify(SECRET, MAIN_ID, main_expected.as_bytes()));
            calls += 3;
        }
    }
    set_timer(0);
    let handled = HANDLED.load(Ordering::Relaxed);
    assert!(handled >= 200, "only {handled} timer signals in 30 s");
    assert_eq!(wrong, 0, "{wrong} of {calls} interrupted calls returned a wrong result");
    assert_eq!(HANDLER_WRONG.load(Ordering::Relaxed), 0, "wrong results inside the signal handler");
}
