//! Loads the shared tests/vectors.json.
#![allow(dead_code)]

use serde_json::Value;

/// The status name of an error, as the JSON files write it: `SecretInvisible('\u{feff}')` is
/// `SECRET_INVISIBLE` (the variant's name in SCREAMING_SNAKE_CASE, its payload dropped).
pub fn status_name(error: chatwoot_identity::Error) -> String {
    let debug = format!("{error:?}");
    let variant = debug.split('(').next().unwrap_or_default();
    let mut name = String::new();
    for (i, c) in variant.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            name.push('_');
        }
        name.push(c.to_ascii_uppercase());
    }
    name
}

pub struct Case {
    pub name: String,
    pub secret: Vec<u8>,
    pub identifier: Vec<u8>,
    pub raw: Value,
}

impl Case {
    pub fn str(&self, field: &str) -> &str {
        self.raw[field].as_str().unwrap_or_else(|| panic!("{}: no string field {field}", self.name))
    }
}

pub fn vectors(section: &str) -> Vec<Case> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors.json")).expect("read vectors");
    let doc: Value = serde_json::from_str(&text).expect("parse vectors");
    let cases = doc[section].as_array().unwrap_or_else(|| panic!("no section {section}"));
    assert!(!cases.is_empty(), "section {section} is empty");
    cases
        .iter()
        .map(|c| Case {
            name: c["name"].as_str().expect("name").to_owned(),
            secret: hex::decode(c["secret_hex"].as_str().expect("secret_hex")).expect("hex"),
            identifier: hex::decode(c["identifier_hex"].as_str().expect("identifier_hex")).expect("hex"),
            raw: c.clone(),
        })
        .collect()
}

/// The reference: the `hmac` crate, independent of this crate's midstate code.
pub fn reference(secret: &[u8], identifier: &[u8]) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret).expect("any key length");
    mac.update(identifier);
    hex::encode(mac.finalize().into_bytes())
}
