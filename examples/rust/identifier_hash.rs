//! The documented sample through the Rust API: `cargo run --release --example identifier_hash`.

use chatwoot_identity::IdentityKey;

fn main() -> Result<(), chatwoot_identity::Error> {
    // In a real backend the secret comes from configuration (the inbox's HMAC token), never source code.
    let key = IdentityKey::new(b"your-secret-token-for-hmac")?;
    let identifier_hash = key.identifier_hash(b"unique-identifier-of-the-user")?;
    println!("{identifier_hash}");
    Ok(())
}
