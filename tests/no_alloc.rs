//! Zero heap allocations per hash and per batch call, counted by a global allocator that
//! wraps the system one. (A file of its own: the allocator applies to the whole binary.)
//! Counts are per thread, so the test harness's own threads cannot disturb them.
#![cfg(feature = "capi")] // tests the C entry points: `cargo test --features capi`

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use chatwoot_identity::{__private as private, ffi, identifier_hash, verify, IdentityKey};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn count_one() {
    // try_with: a thread being torn down has no thread-locals left; its frees don't matter.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every call is forwarded to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Heap allocations made by `f` on this thread.
fn allocations(f: impl FnOnce()) -> u64 {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

const SECRET: &[u8] = b"your-secret-token-for-hmac";
const IDENTIFIER: &[u8] = b"unique-identifier-of-the-user";
const SAMPLE: &str = "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c";

#[test]
fn the_counter_sees_allocations() {
    // Otherwise the zeros below would prove nothing.
    assert!(allocations(|| drop(black_box(vec![1u8; 100]))) >= 1);
}

#[test]
fn rust_api_hashes_without_allocating() {
    let key = IdentityKey::new(SECRET).unwrap();
    // Every identifier length class: 1, 2 and 3 inner blocks, and longer.
    let identifiers: Vec<Vec<u8>> = [1usize, 29, 55, 56, 64, 120, 300].iter().map(|&n| vec![b'u'; n]).collect();
    let mut out = [0u8; 64];
    for identifier in &identifiers {
        assert_eq!(allocations(|| key.identifier_hash_into(identifier, &mut out).unwrap()), 0);
        assert_eq!(
            allocations(|| {
                black_box(key.identifier_hash(identifier).unwrap());
            }),
            0
        );
        assert_eq!(
            allocations(|| {
                black_box(identifier_hash(SECRET, identifier).unwrap());
            }),
            0
        );
        assert_eq!(allocations(|| assert!(key.verify(identifier, &out))), 0);
        assert_eq!(allocations(|| assert!(verify(SECRET, identifier, &out))), 0);
    }
    assert_eq!(allocations(|| drop(IdentityKey::new(SECRET).unwrap())), 0);
    assert_eq!(allocations(|| drop(IdentityKey::new(&[b'k'; 200]).unwrap())), 0);
    assert_eq!(allocations(|| key.identifier_hash_into(IDENTIFIER, &mut out).unwrap()), 0);
    assert_eq!(std::str::from_utf8(&out).unwrap(), SAMPLE);
}

#[test]
fn both_sha_paths_hash_without_allocating() {
    assert_eq!(
        allocations(|| {
            black_box(private::identifier_hash_portable(SECRET, IDENTIFIER));
        }),
        0
    );
    assert_eq!(
        allocations(|| {
            black_box(private::identifier_hash_shani(SECRET, IDENTIFIER));
        }),
        0
    );
    assert_eq!(
        allocations(|| {
            black_box(private::identifier_hash_pair_shani(SECRET, [IDENTIFIER, b"x"]));
        }),
        0
    );
}

#[test]
fn batch_calls_do_not_allocate() {
    let key = IdentityKey::new(SECRET).unwrap();
    for count in [1usize, 2, 7, 1000] {
        let identifiers: Vec<u8> =
            (0..count).flat_map(|i| format!("user-{i:06}-{}", "x".repeat(i % 130)).into_bytes()).collect();
        let mut offsets = vec![0usize];
        for i in 0..count {
            offsets.push(offsets[i] + format!("user-{i:06}-{}", "x".repeat(i % 130)).len());
        }
        let mut out = vec![0u8; 64 * count];
        assert_eq!(
            allocations(|| key.identifier_hashes_into(&identifiers, &offsets, &mut out).unwrap()),
            0,
            "count {count}"
        );
        assert_eq!(out[..64], key.identifier_hash(&identifiers[..offsets[1]]).unwrap().as_bytes()[..]);
    }
}

#[test]
fn c_abi_hashes_without_allocating() {
    let mut out = [0u8; 65];
    let mut key: *mut ffi::CwKey = std::ptr::null_mut();
    // SAFETY: valid (pointer, length) pairs and a writable out pointer, as documented.
    unsafe {
        assert_eq!(ffi::cw_key_new(SECRET.as_ptr(), SECRET.len(), &mut key) as i32, 0);
        let n = allocations(|| {
            assert_eq!(
                ffi::cw_identifier_hash(
                    SECRET.as_ptr(),
                    SECRET.len(),
                    IDENTIFIER.as_ptr(),
                    IDENTIFIER.len(),
                    out.as_mut_ptr().cast(),
                    out.len()
                ) as i32,
                0
            );
            assert_eq!(
                ffi::cw_key_identifier_hash(
                    key,
                    IDENTIFIER.as_ptr(),
                    IDENTIFIER.len(),
                    out.as_mut_ptr().cast(),
                    out.len()
                ) as i32,
                0
            );
            assert!(ffi::cw_key_verify(key, IDENTIFIER.as_ptr(), IDENTIFIER.len(), SAMPLE.as_ptr().cast(), 64));
            assert!(ffi::cw_verify(
                SECRET.as_ptr(),
                SECRET.len(),
                IDENTIFIER.as_ptr(),
                IDENTIFIER.len(),
                SAMPLE.as_ptr().cast(),
                64
            ));
        });
        assert_eq!(n, 0);
        assert_eq!(&out[..64], SAMPLE.as_bytes());

        let identifiers = b"abcdefghij";
        let offsets = [0usize, 1, 3, 6, 10];
        let mut batch = [0u8; 4 * 64];
        let n = allocations(|| {
            let status = ffi::cw_key_identifier_hash_batch(
                key,
                identifiers.as_ptr(),
                identifiers.len(),
                offsets.as_ptr(),
                4,
                batch.as_mut_ptr().cast(),
                batch.len(),
            );
            assert_eq!(status as i32, 0);
        });
        assert_eq!(n, 0);
        ffi::cw_key_free(key);
    }
}
