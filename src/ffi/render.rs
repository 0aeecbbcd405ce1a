//! Rendering: the setUser script, the payload and the reset script (see crate::render).

use core::ffi::c_char;

use super::boundary::{input, key_ref, status};
use super::{CwKey, CwStatus};

/// Checks the output pointers of a render function before any work: `out_len` must not be
/// NULL, and `out` may be NULL only with `out_cap == 0`.
fn check_text_output(out: *mut c_char, out_cap: usize, out_len: *mut usize) -> Result<(), CwStatus> {
    if out_len.is_null() || (out.is_null() && out_cap > 0) {
        return Err(CwStatus::NullPointer);
    }
    Ok(())
}

/// The required-size protocol: writes `text` and a NUL into `out` and its length (without
/// the NUL) to `*out_len`; when `out_cap < text.len() + 1`, writes only the required size
/// (`text.len() + 1`) to `*out_len` and fails with `BufferTooSmall`.
///
/// # Safety
/// As [`check_text_output`]'s pointers: `out` valid for `out_cap` writes, `out_len` for one.
unsafe fn write_text(text: &str, out: *mut c_char, out_cap: usize, out_len: *mut usize) -> Result<(), CwStatus> {
    check_text_output(out, out_cap, out_len)?;
    let need = text.len().checked_add(1).ok_or(CwStatus::InternalError)?;
    if out_cap < need {
        // SAFETY: non-NULL (checked), and the caller guarantees it is writable.
        unsafe { out_len.write(need) };
        return Err(CwStatus::BufferTooSmall);
    }
    // SAFETY: out_cap >= need > 0, so `out` is non-NULL and valid for `need` bytes.
    let dest = unsafe { core::slice::from_raw_parts_mut(out.cast::<u8>(), need) };
    dest[..text.len()].copy_from_slice(text.as_bytes());
    dest[text.len()] = 0;
    // SAFETY: as above.
    unsafe { out_len.write(text.len()) };
    Ok(())
}

/// Renders the `<script>` that signs the user in to Chatwoot's widget:
/// `window.$chatwoot.setUser(identifier, {identifier_hash, ...fields})`, run right away when
/// the widget has loaded (`window.$chatwoot.hasLoaded`), otherwise once on `window`'s
/// `chatwoot:ready` event. Put it anywhere in the page's body, after or before the widget's
/// loader.
///
/// - `key`: a key from `cw_key_new` (the inbox's secret); not modified.
/// - `identifier`, `identifier_len`: the user's identifier, non-empty UTF-8 (an integer id as
///   its decimal digits). It is emitted as a JSON string, and hashed as these exact bytes.
/// - `fields_json`, `fields_json_len`: one JSON object in UTF-8 with the user's fields:
///   `name`, `email`, `avatar_url`, `phone_number`, `description`, `company_name`,
///   `country_code`, `city` (strings; `null` means not set) and `custom_attributes` (an
///   object of strings, numbers and booleans; `null` means none). One of `name`, `email`,
///   `avatar_url` must be a non-empty string. Unknown keys, wrong types, duplicate keys and
///   invalid JSON are errors. Re-emitted by the library, never copied verbatim.
/// - `nonce`, `nonce_len`: a CSP nonce for `<script nonce="...">`, base64 or base64url
///   characters only; empty (`NULL, 0`) for no nonce attribute.
/// - `out`, `out_cap`, `out_len`: the required-size protocol. On `CW_STATUS_OK`, `out` holds
///   the UTF-8 text and a NUL, and `*out_len` its length without the NUL. When `out_cap` is
///   too small (including `out` NULL with `out_cap` 0, the way to ask for the size), the call
///   returns `CW_STATUS_BUFFER_TOO_SMALL`, writes the required capacity (length + 1) to
///   `*out_len` and nothing to `out`; call again with that capacity. On any other status
///   neither `out` nor `*out_len` is written.
///
/// Every JSON value in the script escapes `<`, `>`, `&`, `'`, U+2028 and U+2029 as `\uXXXX`,
/// so no field can close the script or open a comment (safe in HTML and XHTML). The output
/// never contains a NUL before its terminator.
///
/// Statuses, checked in this order: `CW_STATUS_NULL_POINTER` (`key` or `out_len` NULL, a
/// buffer NULL with a length), `CW_STATUS_INVALID_NONCE`, `CW_STATUS_EMPTY_IDENTIFIER`,
/// `CW_STATUS_INVALID_IDENTIFIER`, `CW_STATUS_INVALID_JSON`, `CW_STATUS_UNKNOWN_FIELD`,
/// `CW_STATUS_INVALID_FIELD_VALUE`, `CW_STATUS_MISSING_CONTACT_FIELD`, then
/// `CW_STATUS_BUFFER_TOO_SMALL`. Thread-safe (any number of threads may share `key`);
/// allocates; keeps no pointer after the call.
///
/// # Safety
/// `key` must be NULL or a live key from `cw_key_new`; each non-NULL input pointer valid for
/// reads of its length, `out` for writes of `out_cap` bytes and `out_len` for one `size_t`,
/// for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn cw_key_set_user_script(
    key: *const CwKey,
    identifier: *const u8,
    identifier_len: usize,
    fields_json: *const u8,
    fields_json_len: usize,
    nonce: *const u8,
    nonce_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> CwStatus {
    status(|| {
        check_text_output(out, out_cap, out_len)?;
        // SAFETY: the caller passes a live key and valid (pointer, length) pairs, as documented.
        // Every pointer is checked before any value is.
        let (key, identifier, fields, nonce) = unsafe {
            (
                key_ref(key)?,
                input(identifier, identifier_len)?,
                input(fields_json, fields_json_len)?,
                input(nonce, nonce_len)?,
            )
        };
        let text = crate::render::set_user_script_from_bytes(key, identifier, fields, nonce)?;
        // SAFETY: as above.
        unsafe { write_text(&text, out, out_cap, out_len) }
    })
}

/// Renders the JSON payload `{"identifier": ..., "identifier_hash": ..., ...fields}` for a
/// single-page app's endpoint: the page passes it to `window.$chatwoot.setUser(payload.identifier,
/// payload)`. It is the widget's `setUser` data, not a body for Chatwoot's public client API
/// (whose contact create drops `identifier` and `identifier_hash`). Inputs, output
/// protocol and statuses as in `cw_key_set_user_script`, without the nonce. The JSON uses the
/// same escaping (harmless to a JSON parser, and safe to embed in a page).
///
/// # Safety
/// As `cw_key_set_user_script`.
#[no_mangle]
pub unsafe extern "C" fn cw_key_set_user_payload(
    key: *const CwKey,
    identifier: *const u8,
    identifier_len: usize,
    fields_json: *const u8,
    fields_json_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> CwStatus {
    status(|| {
        check_text_output(out, out_cap, out_len)?;
        // SAFETY: the caller passes a live key and valid (pointer, length) pairs, as documented.
        let (key, identifier, fields) =
            unsafe { (key_ref(key)?, input(identifier, identifier_len)?, input(fields_json, fields_json_len)?) };
        let text = crate::render::set_user_payload_from_bytes(key, identifier, fields)?;
        // SAFETY: as above.
        unsafe { write_text(&text, out, out_cap, out_len) }
    })
}

/// Renders the logout `<script>`: `window.$chatwoot.reset()` right away when the widget has
/// loaded, otherwise once on `chatwoot:ready`, so the next visitor on this browser does not
/// inherit the signed-in contact. `nonce` and the output protocol as in
/// `cw_key_set_user_script`. Statuses: `CW_STATUS_NULL_POINTER`, `CW_STATUS_INVALID_NONCE`,
/// `CW_STATUS_BUFFER_TOO_SMALL`. Thread-safe; allocates.
///
/// # Safety
/// `nonce` valid for reads of `nonce_len` bytes (or NULL with 0), `out` for writes of
/// `out_cap` bytes and `out_len` for one `size_t`, for the duration of the call.
#[no_mangle]
pub unsafe extern "C" fn cw_reset_script(
    nonce: *const u8,
    nonce_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> CwStatus {
    status(|| {
        check_text_output(out, out_cap, out_len)?;
        // SAFETY: the caller passes a valid (pointer, length) pair, as documented.
        let text = crate::render::reset_script_from_bytes(unsafe { input(nonce, nonce_len)? })?;
        // SAFETY: as above.
        unsafe { write_text(&text, out, out_cap, out_len) }
    })
}
