//! Putting the hash into the page: the `setUser` script, the JSON payload for a
//! single-page app, and the logout `reset` script.
//!
//! Every string goes through one JSON writer ([`json::push_str`]) that escapes `<`, `>`,
//! `&`, `'`, U+2028 and U+2029, so no user value can end the `<script>` element or open an
//! HTML comment, in HTML or XHTML. The identifier is always a JSON string: a JSON number
//! above 2^53 would be rounded by the browser before Chatwoot hashes `identifier.to_s`.
//!
//! What the scripts do around Chatwoot's SDK (`app/javascript/entrypoints/sdk.js`,
//! `sdk/IFrameHelper.js`, `sdk/cookieHelpers.js`):
//! - `setUser` only posts a message into the widget's iframe; one posted before the iframe has
//!   loaded is lost, and the SDK's re-send on load carries no identifier (the server refuses
//!   it). So the script calls `setUser` once `hasLoaded` is true, or on `chatwoot:ready`.
//! - `setUser` sends nothing when its cookie `cw_user_<websiteToken>` holds the digest of the
//!   same avatar_url, email, name, identifier_hash and identifier, so a change of any other
//!   field would never arrive. The script keeps its own cookie `cw_identity_<websiteToken>`,
//!   a fingerprint of the whole payload, and removes the SDK's cookie when it differs, so
//!   that a changed field is sent on that page load and an unchanged user costs nothing.
//! - `reset()` reloads the iframe, keeps `hasLoaded` true and fires no second `chatwoot:ready`,
//!   and the reloaded iframe's `loaded` re-sends `$chatwoot.user` without identifier. The
//!   reset script clears `$chatwoot.user` first, and marks the reload in progress
//!   (`window.__chatwootIdentity.reloading`) until the iframe posts `loaded`, when it fires
//!   `chatwoot-identity:reloaded`; a set-user script that runs meanwhile waits for that event.

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

/// Runs `call` (statements using `w.$chatwoot`) now when the widget has loaded and no reset
/// is reloading it, else once on `chatwoot:ready` (first load) or `chatwoot-identity:reloaded`
/// (after the reset script). `hasLoaded` is set by the SDK just before it fires
/// `chatwoot:ready`: before then `window.$chatwoot` exists but its iframe would drop the message.
fn when_ready(nonce: Option<&str>, prelude: &str, call: &str) -> String {
    format!(
        "{open}(function (w) {{ {prelude}function run() {{ {call} }} \
         var s = w.__chatwootIdentity; \
         if (w.$chatwoot && w.$chatwoot.hasLoaded && !(s && s.reloading)) {{ run(); }} \
         else if (s && s.reloading) {{ w.addEventListener(\"chatwoot-identity:reloaded\", run, {{ once: true }}); }} \
         else {{ w.addEventListener(\"chatwoot:ready\", run, {{ once: true }}); }} }})(window);</script>",
        open = open_script(nonce),
    )
}

/// The set-user call: removes the SDK's `cw_user_<token>` cookie (also under the SDK's
/// `baseDomain`, where it sets it then) when the page last sent another payload, so that
/// `setUser` does not skip it, then records this payload's fingerprint for a year, as long
/// as the SDK keeps its own cookie.
fn set_user_call(fingerprint: &str) -> String {
    format!(
        "var d = document, t = w.$chatwoot.websiteToken, mine = \"cw_identity_\" + t, \
         gone = \"cw_user_\" + t + \"=; path=/; max-age=0\"; \
         if (d.cookie.split(\"; \").indexOf(mine + \"={fingerprint}\") === -1) {{ d.cookie = gone; \
         if (w.$chatwoot.baseDomain) {{ d.cookie = gone + \"; domain=\" + w.$chatwoot.baseDomain; }} }} \
         w.$chatwoot.setUser(identifier, user); \
         d.cookie = mine + \"={fingerprint}; path=/; max-age=31536000; SameSite=Lax\";"
    )
}

/// The reset call: see the module's notes.
const RESET_CALL: &str = "var d = document, s = w.__chatwootIdentity = w.__chatwootIdentity || {}; \
     function loaded(e) { var f = d.getElementById(\"chatwoot_live_chat_widget\"), m; \
     if (!f || e.source !== f.contentWindow || typeof e.data !== \"string\" || e.data.indexOf(\"chatwoot-widget:\") !== 0) { return; } \
     try { m = JSON.parse(e.data.slice(16)); } catch (x) { return; } \
     if (!m || m.event !== \"loaded\") { return; } \
     w.removeEventListener(\"message\", loaded); s.reloading = false; \
     w.dispatchEvent(new Event(\"chatwoot-identity:reloaded\")); } \
     w.$chatwoot.user = undefined; s.reloading = true; w.addEventListener(\"message\", loaded); \
     w.$chatwoot.reset(); \
     d.cookie = \"cw_identity_\" + w.$chatwoot.websiteToken + \"=; path=/; max-age=0\";";

/// A fingerprint of the whole payload: the first 128 bits of its SHA-256, in hex. Only a
/// change detector (the payload itself is in the page), so no key is involved.
fn fingerprint(payload: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(payload.as_bytes());
    let mut out = [0u8; 32];
    match hex::encode_to_slice(&digest[..16], &mut out) {
        Ok(()) => out.iter().map(|&b| char::from(b)).collect(),
        Err(_) => String::new(),
    }
}

fn check_identifier(identifier: &str) -> Result<(), Error> {
    check_identifier_bytes(identifier.as_bytes())
}

impl IdentityKey {
    /// The `<script>` that identifies `user` to Chatwoot's widget: it calls
    /// `window.$chatwoot.setUser(identifier, {identifier_hash, ...fields})` right away when the
    /// widget has loaded, otherwise once on `window`'s `chatwoot:ready` event (or, after the
    /// reset script, once the widget has reloaded). When this page last sent a different
    /// payload, it first removes the SDK's `cw_user_<websiteToken>` cookie, so that the SDK
    /// sends a change of any field (the SDK compares only name, email, avatar_url and the hash).
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
        prelude.push_str(&json::user_object(None, hash.as_str(), user, json::Target::Script));
        prelude.push_str("; ");
        let payload = json::user_object(Some(identifier), hash.as_str(), user, json::Target::Json);
        Ok(when_ready(Some(nonce), &prelude, &set_user_call(&fingerprint(&payload))))
    }

    /// The JSON object `{"identifier": …, "identifier_hash": …, …fields}` for a single-page
    /// app's endpoint, whose page passes it to `window.$chatwoot.setUser(identifier, rest)`
    /// (the fields as the widget's `setUser` takes them, snake_case), with the same escaping
    /// as the script, so it may also be embedded in a page. It is not a body for Chatwoot's
    /// public client API, whose contact create drops `identifier` and `identifier_hash`.
    ///
    /// # Errors
    /// [`Error::EmptyIdentifier`], [`Error::MissingContactField`], [`Error::InvalidFieldValue`].
    pub fn set_user_payload(&self, identifier: &str, user: &User) -> Result<String, Error> {
        check_identifier(identifier)?;
        user.validate()?;
        let hash = self.identifier_hash(identifier.as_bytes())?;
        Ok(json::user_object(Some(identifier), hash.as_str(), user, json::Target::Json))
    }
}

/// The logout `<script>`: calls `window.$chatwoot.reset()` right away when the widget has
/// loaded, otherwise once on `chatwoot:ready`, so the next visitor does not inherit the
/// signed-in contact. A set-user script that runs after it on the same page (a single-page
/// app signing in someone else) waits until the widget has reloaded. `nonce` as in [`IdentityKey::set_user_script`].
///
/// # Errors
/// [`Error::InvalidNonce`].
pub fn reset_script(nonce: Option<&str>) -> Result<String, Error> {
    let nonce = nonce.unwrap_or("");
    check_nonce(nonce)?;
    Ok(when_ready(Some(nonce), "", RESET_CALL))
}

/// The C ABI's render inputs as bytes, checked in the order it documents: the nonce, the
/// identifier (empty, then UTF-8), then the fields.
#[cfg(feature = "capi")]
fn from_bytes<'a>(
    identifier: &'a [u8],
    fields_json: &[u8],
    nonce: &'a [u8],
) -> Result<(&'a str, User, &'a str), Error> {
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
pub(crate) fn set_user_script_from_bytes(
    key: &IdentityKey,
    identifier: &[u8],
    fields_json: &[u8],
    nonce: &[u8],
) -> Result<String, Error> {
    let (identifier, user, nonce) = from_bytes(identifier, fields_json, nonce)?;
    key.set_user_script(identifier, &user, Some(nonce))
}

#[cfg(feature = "capi")]
pub(crate) fn set_user_payload_from_bytes(
    key: &IdentityKey,
    identifier: &[u8],
    fields_json: &[u8],
) -> Result<String, Error> {
    let (identifier, user, _) = from_bytes(identifier, fields_json, b"")?;
    key.set_user_payload(identifier, &user)
}

#[cfg(feature = "capi")]
pub(crate) fn reset_script_from_bytes(nonce: &[u8]) -> Result<String, Error> {
    reset_script(Some(core::str::from_utf8(nonce).map_err(|_| Error::InvalidNonce)?))
}
