//! Putting the hash into the page: the `setUser` script, the JSON payload for a
//! single-page app, and the logout `reset` script.
//!
//! Every string goes through one JSON writer ([`json::push_str`]) that escapes `<`, `>`,
//! `&`, `'`, U+2028 and U+2029, so no user value can end the `<script>` element or open an
//! HTML comment, in HTML or XHTML. The identifier is always a JSON string: a JSON number
//! above 2^53 would be rounded by the browser before Chatwoot hashes `identifier.to_s`.

mod fields;
mod json;

pub use fields::{CustomAttribute, User};

use crate::{Error, IdentityKey};

/// Refuses a nonce that could leave its attribute: base64 / base64url characters only.
pub(crate) fn check_nonce(nonce: &str) -> Result<(), Error> {
    let ok = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_');
    if nonce.bytes().all(ok) {
        Ok(())
    } else {
        Err(Error::InvalidNonce)
    }
}

/// `<script>` or `<script nonce="…">`, nonce already checked.
fn open_script(nonce: Option<&str>) -> String {
    match nonce {
        Some(n) if !n.is_empty() => format!("<script nonce=\"{n}\">"),
        _ => String::from("<script>"),
    }
}

/// Runs `call` (a statement using `w.$chatwoot`) now when the widget has loaded, else once
/// on `chatwoot:ready`. `hasLoaded` is set by the SDK just before it fires that event: before
/// then `window.$chatwoot` exists but its iframe would drop the message.
fn when_ready(nonce: Option<&str>, prelude: &str, call: &str) -> String {
    format!(
        "{open}(function (w) {{ {prelude}function run() {{ {call} }} \
         if (w.$chatwoot && w.$chatwoot.hasLoaded) {{ run(); }} \
         else {{ w.addEventListener(\"chatwoot:ready\", run, {{ once: true }}); }} }})(window);</script>",
        open = open_script(nonce),
    )
}

fn check_identifier(identifier: &str) -> Result<(), Error> {
    check_identifier_bytes(identifier.as_bytes())
}

impl IdentityKey {
    /// The `<script>` that identifies `user` to Chatwoot's widget: it calls
    /// `window.$chatwoot.setUser(identifier, {identifier_hash, ...fields})` right away when the
    /// widget has loaded, otherwise once on `window`'s `chatwoot:ready` event.
    ///
    /// `nonce`: a CSP nonce for `<script nonce="…">` (base64 or base64url characters);
    /// `None` or `""` for none. Safe to place anywhere in an HTML or XHTML body.
    ///
    /// # Errors
    /// [`Error::EmptyIdentifier`], [`Error::MissingContactField`],
    /// [`Error::InvalidFieldValue`] (a non-finite number), [`Error::InvalidNonce`].
    ///
    /// ```
    /// use chatwoot_identity::{IdentityKey, User};
    ///
    /// let key = IdentityKey::new(b"your-secret-token-for-hmac")?;
    /// let user = User { name: Some("</script>".into()), ..User::default() };
    /// let script = key.set_user_script("42", &user, Some("rAnd0m"))?;
    /// assert!(script.starts_with("<script nonce=\"rAnd0m\">"));
    /// assert!(script.contains(r#""name":"\u003c/script\u003e""#));
    /// # Ok::<(), chatwoot_identity::Error>(())
    /// ```
    pub fn set_user_script(&self, identifier: &str, user: &User, nonce: Option<&str>) -> Result<String, Error> {
        let nonce = nonce.unwrap_or("");
        check_nonce(nonce)?;
        check_identifier(identifier)?;
        user.validate()?;
        let hash = self.identifier_hash(identifier.as_bytes())?;
        let mut prelude = String::from("var identifier = ");
        json::push_str(&mut prelude, identifier);
        prelude.push_str(", user = ");
        prelude.push_str(&json::user_object(None, hash.as_str(), user));
        prelude.push_str("; ");
        Ok(when_ready(Some(nonce), &prelude, "w.$chatwoot.setUser(identifier, user);"))
    }

    /// The JSON object `{"identifier": …, "identifier_hash": …, …fields}` for a single-page
    /// app's endpoint (and Chatwoot's client API), with snake_case keys and the same escaping
    /// as the script, so it may also be embedded in a page.
    ///
    /// # Errors
    /// [`Error::EmptyIdentifier`], [`Error::MissingContactField`], [`Error::InvalidFieldValue`].
    pub fn set_user_payload(&self, identifier: &str, user: &User) -> Result<String, Error> {
        check_identifier(identifier)?;
        user.validate()?;
        let hash = self.identifier_hash(identifier.as_bytes())?;
        Ok(json::user_object(Some(identifier), hash.as_str(), user))
    }
}

/// The logout `<script>`: calls `window.$chatwoot.reset()` right away when the widget has
/// loaded, otherwise once on `chatwoot:ready`, so the next visitor does not inherit the
/// signed-in contact. `nonce` as in [`IdentityKey::set_user_script`].
///
/// # Errors
/// [`Error::InvalidNonce`].
pub fn reset_script(nonce: Option<&str>) -> Result<String, Error> {
    let nonce = nonce.unwrap_or("");
    check_nonce(nonce)?;
    Ok(when_ready(Some(nonce), "", "w.$chatwoot.reset();"))
}

/// The C ABI's render inputs as bytes, checked in the order it documents: the nonce, the
/// identifier (empty, then UTF-8), then the fields.
#[cfg(feature = "capi")]
fn from_bytes<'a>(identifier: &'a [u8], fields_json: &[u8], nonce: &'a [u8]) -> Result<(&'a str, User, &'a str), Error> {
    let nonce = core::str::from_utf8(nonce).map_err(|_| Error::InvalidNonce)?;
    check_nonce(nonce)?;
    check_identifier_bytes(identifier)?;
    let identifier = core::str::from_utf8(identifier).map_err(|_| Error::InvalidIdentifier)?;
    Ok((identifier, User::from_json(fields_json)?, nonce))
}

fn check_identifier_bytes(identifier: &[u8]) -> Result<(), Error> {
    if identifier.is_empty() {
        Err(Error::EmptyIdentifier)
    } else {
        Ok(())
    }
}

#[cfg(feature = "capi")]
pub(crate) fn set_user_script_from_bytes(key: &IdentityKey, identifier: &[u8], fields_json: &[u8], nonce: &[u8]) -> Result<String, Error> {
    let (identifier, user, nonce) = from_bytes(identifier, fields_json, nonce)?;
    key.set_user_script(identifier, &user, Some(nonce))
}

#[cfg(feature = "capi")]
pub(crate) fn set_user_payload_from_bytes(key: &IdentityKey, identifier: &[u8], fields_json: &[u8]) -> Result<String, Error> {
    let (identifier, user, _) = from_bytes(identifier, fields_json, b"")?;
    key.set_user_payload(identifier, &user)
}

#[cfg(feature = "capi")]
pub(crate) fn reset_script_from_bytes(nonce: &[u8]) -> Result<String, Error> {
    reset_script(Some(core::str::from_utf8(nonce).map_err(|_| Error::InvalidNonce)?))
}
