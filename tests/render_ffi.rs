//! The render functions through the C ABI: the required-size protocol, the NULL policy,
//! every status, and outputs left untouched on error.
#![cfg(feature = "capi")] // tests the C entry points: `cargo test --features capi`

use core::ffi::{c_char, CStr};
use core::ptr::{null, null_mut};

use chatwoot_identity::ffi::*;

const SECRET: &[u8] = b"your-secret-token-for-hmac";
const FILL: u8 = 0xAA;
const UNSET: usize = 0xDEAD;

struct Key(*mut CwKey);

impl Key {
    fn new() -> Key {
        let mut key = null_mut();
        assert_eq!(unsafe { cw_key_new(SECRET.as_ptr(), SECRET.len(), &mut key) }, CwStatus::Ok);
        Key(key)
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        unsafe { cw_key_free(self.0) }
    }
}

/// Calls one render function with a buffer of `cap` bytes pre-filled with FILL.
fn call(cap: usize, f: impl FnOnce(*mut c_char, usize, *mut usize) -> CwStatus) -> (CwStatus, Vec<u8>, usize) {
    let mut buf = vec![FILL; cap];
    let mut len = UNSET;
    let ptr = if cap == 0 { null_mut() } else { buf.as_mut_ptr().cast() };
    let status = f(ptr, cap, &mut len);
    (status, buf, len)
}

fn script(key: &Key, identifier: &[u8], fields: &[u8], nonce: &[u8], cap: usize) -> (CwStatus, Vec<u8>, usize) {
    call(cap, |out, cap, len| unsafe {
        cw_key_set_user_script(
            key.0,
            identifier.as_ptr(),
            identifier.len(),
            fields.as_ptr(),
            fields.len(),
            nonce.as_ptr(),
            nonce.len(),
            out,
            cap,
            len,
        )
    })
}

fn payload(key: &Key, identifier: &[u8], fields: &[u8], cap: usize) -> (CwStatus, Vec<u8>, usize) {
    call(cap, |out, cap, len| unsafe {
        cw_key_set_user_payload(
            key.0,
            identifier.as_ptr(),
            identifier.len(),
            fields.as_ptr(),
            fields.len(),
            out,
            cap,
            len,
        )
    })
}

/// Asks for the size, then renders into exactly that many bytes.
fn two_calls(f: impl Fn(usize) -> (CwStatus, Vec<u8>, usize)) -> String {
    let (status, _, need) = f(0);
    assert_eq!(status, CwStatus::BufferTooSmall);
    let (status, buf, len) = f(need);
    assert_eq!(status, CwStatus::Ok);
    assert_eq!(len + 1, need, "*out_len is the length without the NUL");
    assert_eq!(buf[len], 0, "NUL-terminated");
    assert!(!buf[..len].contains(&0), "no NUL inside the text");
    String::from_utf8(buf[..len].to_vec()).expect("UTF-8 output")
}

#[test]
fn the_size_protocol() {
    let key = Key::new();
    let fields = br#"{"name":"Ann"}"#;
    let text = two_calls(|cap| script(&key, b"42", fields, b"abc", cap));
    assert!(text.starts_with("<script nonce=\"abc\">") && text.ends_with("</script>"));
    let need = text.len() + 1;
    // One byte short: the size again, nothing written.
    let (status, buf, len) = script(&key, b"42", fields, b"abc", need - 1);
    assert_eq!((status, len), (CwStatus::BufferTooSmall, need));
    assert!(buf.iter().all(|&b| b == FILL), "wrote into a too-small buffer");
    // Room to spare: the same text, the rest untouched.
    let (status, buf, len) = script(&key, b"42", fields, b"abc", need + 10);
    assert_eq!((status, len), (CwStatus::Ok, text.len()));
    assert_eq!(&buf[..len], text.as_bytes());
    assert!(buf[need..].iter().all(|&b| b == FILL), "wrote past the NUL");

    let payload_text = two_calls(|cap| payload(&key, b"42", fields, cap));
    let json: serde_json::Value = serde_json::from_str(&payload_text).unwrap();
    assert_eq!(json["identifier"], "42");
    assert_eq!(json["identifier_hash"], key_hash(b"42"));
    let reset = two_calls(|cap| call(cap, |out, cap, len| unsafe { cw_reset_script(null(), 0, out, cap, len) }));
    assert!(reset.starts_with("<script>") && reset.contains("reset()"));
}

fn key_hash(identifier: &[u8]) -> String {
    chatwoot_identity::identifier_hash(SECRET, identifier).unwrap().as_str().to_owned()
}

#[test]
fn the_big_integer_identifier_is_a_string() {
    let key = Key::new();
    let text = two_calls(|cap| payload(&key, b"9007199254740993", br#"{"email":"big@example.com"}"#, cap));
    assert!(text.starts_with(r#"{"identifier":"9007199254740993","#), "{text}");
    let text = two_calls(|cap| script(&key, b"9007199254740993", br#"{"email":"big@example.com"}"#, b"", cap));
    assert!(text.contains(r#"var identifier = "9007199254740993","#), "{text}");
}

#[test]
fn every_status_and_nothing_written_on_error() {
    let key = Key::new();
    let good = br#"{"name":"Ann"}"#;
    // (identifier, fields, nonce, status)
    type Case = (&'static [u8], &'static [u8], &'static [u8], CwStatus);
    let cases: &[Case] = &[
        (b"42", good, b"a\"b", CwStatus::InvalidNonce),
        (b"42", good, b"\xff", CwStatus::InvalidNonce),
        (b"", good, b"", CwStatus::EmptyIdentifier),
        (b"\xff\xfe", good, b"", CwStatus::InvalidIdentifier),
        (b"\xed\xa0\x80", good, b"", CwStatus::InvalidIdentifier),
        (b"42", b"", b"", CwStatus::InvalidJson),
        (b"42", b"{", b"", CwStatus::InvalidJson),
        (b"42", br#"{"name":"A","name":"B"}"#, b"", CwStatus::InvalidJson),
        (b"42", br#"{"name":"A","nickname":"B"}"#, b"", CwStatus::UnknownField),
        (b"42", br#"{"name":42}"#, b"", CwStatus::InvalidFieldValue),
        (b"42", br#"{"phone_number":"+1"}"#, b"", CwStatus::MissingContactField),
    ];
    for &(identifier, fields, nonce, want) in cases {
        let (status, buf, len) = script(&key, identifier, fields, nonce, 4096);
        assert_eq!(
            status,
            want,
            "script {:?} {:?}",
            String::from_utf8_lossy(identifier),
            String::from_utf8_lossy(fields)
        );
        assert_eq!(len, UNSET, "*out_len written on {want:?}");
        assert!(buf.iter().all(|&b| b == FILL), "output written on {want:?}");
        if nonce.is_empty() {
            let (status, buf, len) = payload(&key, identifier, fields, 4096);
            assert_eq!((status, len), (want, UNSET));
            assert!(buf.iter().all(|&b| b == FILL));
        }
        let message = unsafe { CStr::from_ptr(cw_status_message(want as i32)) }.to_str().unwrap();
        assert_ne!(message, "unknown cw_status code", "{want:?}");
    }
    let (status, _, len) = call(64, |out, cap, len| unsafe { cw_reset_script(b"<".as_ptr(), 1, out, cap, len) });
    assert_eq!((status, len), (CwStatus::InvalidNonce, UNSET));
}

#[test]
fn null_pointers() {
    let key = Key::new();
    let f = br#"{"name":"Ann"}"#;
    let mut buf = [0u8; 4096];
    let out: *mut c_char = buf.as_mut_ptr().cast();
    let mut len = UNSET;
    unsafe {
        let s =
            |k: *const CwKey, id: *const u8, fields: *const u8, nonce: *const u8, out: *mut c_char, len: *mut usize| {
                cw_key_set_user_script(k, id, 2, fields, f.len(), nonce, 1, out, 4096, len)
            };
        assert_eq!(s(null(), b"42".as_ptr(), f.as_ptr(), b"n".as_ptr(), out, &mut len), CwStatus::NullPointer);
        assert_eq!(s(key.0, null(), f.as_ptr(), b"n".as_ptr(), out, &mut len), CwStatus::NullPointer);
        // Pointers are checked before values: a NULL identifier wins over a bad nonce.
        assert_eq!(s(key.0, null(), f.as_ptr(), b"'".as_ptr(), out, &mut len), CwStatus::NullPointer);
        assert_eq!(s(key.0, b"42".as_ptr(), null(), b"n".as_ptr(), out, &mut len), CwStatus::NullPointer);
        assert_eq!(s(key.0, b"42".as_ptr(), f.as_ptr(), null(), out, &mut len), CwStatus::NullPointer);
        assert_eq!(s(key.0, b"42".as_ptr(), f.as_ptr(), b"n".as_ptr(), null_mut(), &mut len), CwStatus::NullPointer);
        assert_eq!(s(key.0, b"42".as_ptr(), f.as_ptr(), b"n".as_ptr(), out, null_mut()), CwStatus::NullPointer);
        assert_eq!(len, UNSET);
        assert_eq!(
            cw_key_set_user_payload(null(), b"42".as_ptr(), 2, f.as_ptr(), f.len(), out, 4096, &mut len),
            CwStatus::NullPointer
        );
        assert_eq!(
            cw_key_set_user_payload(key.0, b"42".as_ptr(), 2, f.as_ptr(), f.len(), out, 4096, null_mut()),
            CwStatus::NullPointer
        );
        assert_eq!(cw_reset_script(null(), 1, out, 4096, &mut len), CwStatus::NullPointer);
        assert_eq!(cw_reset_script(null(), 0, null_mut(), 1, &mut len), CwStatus::NullPointer);
        assert_eq!(cw_reset_script(null(), 0, out, 4096, null_mut()), CwStatus::NullPointer);
        assert_eq!(len, UNSET);
        // (NULL, 0) is an empty nonce: no attribute.
        assert_eq!(cw_reset_script(null(), 0, out, 4096, &mut len), CwStatus::Ok);
        assert!(CStr::from_ptr(out).to_str().unwrap().starts_with("<script>"));
    }
}

#[test]
fn the_key_is_shared_by_threads() {
    let key = Key::new();
    let ptr = key.0 as usize;
    let texts: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                s.spawn(move || {
                    let key = ptr as *const CwKey;
                    let mut buf = vec![0u8; 1024];
                    let mut len = 0;
                    let id = format!("user-{i}");
                    let f = br#"{"email":"t@example.com"}"#;
                    for _ in 0..200 {
                        let st = unsafe {
                            cw_key_set_user_payload(
                                key,
                                id.as_ptr(),
                                id.len(),
                                f.as_ptr(),
                                f.len(),
                                buf.as_mut_ptr().cast(),
                                buf.len(),
                                &mut len,
                            )
                        };
                        assert_eq!(st, CwStatus::Ok);
                    }
                    String::from_utf8(buf[..len].to_vec()).unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (i, text) in texts.iter().enumerate() {
        let json: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(json["identifier_hash"], key_hash(format!("user-{i}").as_bytes()));
    }
}
