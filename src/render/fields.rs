//! The user's contact fields: the [`User`] type, and its strict reading from JSON.

use std::collections::BTreeMap;

use serde::de::{self, Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

use crate::Error;

/// A value of a contact's `custom_attributes`: Chatwoot stores strings, numbers and booleans.
#[derive(Debug, Clone, PartialEq)]
pub enum CustomAttribute {
    /// A string value.
    String(String),
    /// An integer, exact in the 64-bit signed range.
    Integer(i64),
    /// A floating-point number; it must be finite.
    Float(f64),
    /// A boolean value.
    Bool(bool),
}

impl From<&str> for CustomAttribute {
    fn from(s: &str) -> Self {
        CustomAttribute::String(s.to_owned())
    }
}

impl From<String> for CustomAttribute {
    fn from(s: String) -> Self {
        CustomAttribute::String(s)
    }
}

impl From<i64> for CustomAttribute {
    fn from(n: i64) -> Self {
        CustomAttribute::Integer(n)
    }
}

impl From<f64> for CustomAttribute {
    fn from(n: f64) -> Self {
        CustomAttribute::Float(n)
    }
}

impl From<bool> for CustomAttribute {
    fn from(b: bool) -> Self {
        CustomAttribute::Bool(b)
    }
}

/// The contact fields Chatwoot's widget accepts in `setUser`, all optional, but one of
/// `name`, `email` or `avatar_url` must be a non-empty string (the widget throws otherwise).
///
/// ```
/// use chatwoot_identity::User;
///
/// let user = User { name: Some("O'Brien".into()), email: Some("ob@example.com".into()), ..User::default() };
/// assert_eq!(User::from_json(br#"{"name": "O'Brien", "email": "ob@example.com"}"#)?, user);
/// # Ok::<(), chatwoot_identity::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct User {
    /// The contact's name.
    pub name: Option<String>,
    /// The contact's email address.
    pub email: Option<String>,
    /// A URL of the contact's avatar image.
    pub avatar_url: Option<String>,
    /// The contact's phone number (Chatwoot expects E.164, e.g. "+15551234567").
    pub phone_number: Option<String>,
    /// A free-text description of the contact.
    pub description: Option<String>,
    /// The contact's company.
    pub company_name: Option<String>,
    /// A two-letter country code.
    pub country_code: Option<String>,
    /// The contact's city.
    pub city: Option<String>,
    /// The contact's social profiles, network name to handle (Chatwoot's contact page shows
    /// `facebook`, `twitter`, `linkedin`, `github`, `instagram`, `telegram`, `tiktok`); the
    /// widget forwards them inside the contact's additional attributes. Emitted in key order.
    pub social_profiles: BTreeMap<String, String>,
    /// Custom attributes, emitted in key order.
    pub custom_attributes: BTreeMap<String, CustomAttribute>,
}

/// 2^53: from here on a JavaScript number no longer holds every integer, so a value at or
/// above it may arrive in the browser as a neighbour.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// A custom attribute's number as the browser will hold it: integers below 2^53 in magnitude,
/// finite doubles below 2^53.
fn exact_in_browser(value: &CustomAttribute) -> bool {
    match value {
        CustomAttribute::Integer(i) => i.unsigned_abs() < 1 << 53,
        CustomAttribute::Float(f) => f.is_finite() && f.abs() < EXACT,
        CustomAttribute::String(_) | CustomAttribute::Bool(_) => true,
    }
}

/// The string fields, in the order they are emitted.
pub(crate) const STRING_FIELDS: [&str; 8] =
    ["name", "email", "avatar_url", "phone_number", "description", "company_name", "country_code", "city"];

impl User {
    /// The string fields that are set, in emission order.
    pub(crate) fn strings(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let values = [
            &self.name,
            &self.email,
            &self.avatar_url,
            &self.phone_number,
            &self.description,
            &self.company_name,
            &self.country_code,
            &self.city,
        ];
        STRING_FIELDS.into_iter().zip(values).filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
    }

    fn slot(&mut self, field: &str) -> Option<&mut Option<String>> {
        Some(match field {
            "name" => &mut self.name,
            "email" => &mut self.email,
            "avatar_url" => &mut self.avatar_url,
            "phone_number" => &mut self.phone_number,
            "description" => &mut self.description,
            "company_name" => &mut self.company_name,
            "country_code" => &mut self.country_code,
            "city" => &mut self.city,
            _ => return None,
        })
    }

    /// Checks what the widget's `setUser` requires: a non-empty `name`, `email` or
    /// `avatar_url`, and numbers the browser holds exactly (below 2^53 in magnitude, finite).
    ///
    /// # Errors
    /// [`Error::MissingContactField`], [`Error::InvalidFieldValue`].
    pub fn validate(&self) -> Result<(), Error> {
        let present = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
        if !(present(&self.name) || present(&self.email) || present(&self.avatar_url)) {
            return Err(Error::MissingContactField);
        }
        if !self.custom_attributes.values().all(exact_in_browser) {
            return Err(Error::InvalidFieldValue);
        }
        Ok(())
    }

    /// Reads the fields from one JSON object (UTF-8), the form the C ABI and the bindings use.
    ///
    /// Accepted keys: `name`, `email`, `avatar_url`, `phone_number`, `description`,
    /// `company_name`, `country_code`, `city` (each a string, or `null` for "not set"),
    /// `social_profiles` (an object of strings, or `null`) and `custom_attributes` (an object
    /// whose values are strings, numbers or booleans, or `null` for none). A number must reach
    /// the browser unchanged: below 2^53 in magnitude (integers and doubles alike), and written
    /// with no more precision than a double holds (`1e-400`, which becomes 0, and
    /// `0.10000000000000000001` are refused); send other values as strings.
    ///
    /// # Errors
    /// [`Error::InvalidJson`] (not UTF-8, not JSON, not one object, or a key that appears
    /// twice at any depth), [`Error::UnknownField`], [`Error::InvalidFieldValue`] (a wrong
    /// type), [`Error::MissingContactField`].
    pub fn from_json(json: &[u8]) -> Result<User, Error> {
        let value = parse_strict(json)?;
        let Value::Object(object) = value else { return Err(Error::InvalidJson) };
        if !numbers_exact(json) {
            return Err(Error::InvalidFieldValue);
        }
        let mut user = User::default();
        for (key, value) in object {
            if key == "custom_attributes" {
                user.custom_attributes = custom_attributes(value)?;
                continue;
            }
            if key == "social_profiles" {
                user.social_profiles = social_profiles(value)?;
                continue;
            }
            let slot = user.slot(&key).ok_or(Error::UnknownField)?;
            *slot = match value {
                Value::Null => None,
                Value::String(s) => Some(s),
                _ => return Err(Error::InvalidFieldValue),
            };
        }
        user.validate()?;
        Ok(user)
    }
}

fn custom_attributes(value: Value) -> Result<BTreeMap<String, CustomAttribute>, Error> {
    object_of(value, |v| match v {
        Value::String(s) => Ok(CustomAttribute::String(s)),
        Value::Bool(b) => Ok(CustomAttribute::Bool(b)),
        Value::Number(n) => number(&n),
        _ => Err(Error::InvalidFieldValue),
    })
}

fn social_profiles(value: Value) -> Result<BTreeMap<String, String>, Error> {
    object_of(value, |v| match v {
        Value::String(s) => Ok(s),
        _ => Err(Error::InvalidFieldValue),
    })
}

/// A field that is an object (or `null`, no entries), each member's value read by `entry`.
fn object_of<T>(value: Value, entry: impl Fn(Value) -> Result<T, Error>) -> Result<BTreeMap<String, T>, Error> {
    let object = match value {
        Value::Null => return Ok(BTreeMap::new()),
        Value::Object(object) => object,
        _ => return Err(Error::InvalidFieldValue),
    };
    object.into_iter().map(|(k, v)| Ok((k, entry(v)?))).collect()
}

/// A number that the browser holds exactly (see [`exact_in_browser`]); the JSON text was
/// already checked by [`numbers_exact`].
fn number(n: &Number) -> Result<CustomAttribute, Error> {
    let value = if let Some(i) = n.as_i64() {
        CustomAttribute::Integer(i)
    } else if let Some(f) = n.as_f64().filter(|_| !n.is_u64()) {
        CustomAttribute::Float(f)
    } else {
        return Err(Error::InvalidFieldValue);
    };
    if exact_in_browser(&value) {
        Ok(value)
    } else {
        Err(Error::InvalidFieldValue)
    }
}

/// Whether every number written in the JSON text is exactly the decimal of the double it
/// parses to, printed shortest: otherwise the value changes on the way (`1e-400` becomes 0,
/// `1.00000000000000000001` becomes 1) and the browser receives another number than the app
/// wrote. The text is already known to be valid JSON, so numbers are the tokens that start
/// with `-` or a digit outside strings.
fn numbers_exact(json: &[u8]) -> bool {
    let mut i = 0;
    while i < json.len() {
        match json[i] {
            b'"' => {
                i += 1;
                while i < json.len() && json[i] != b'"' {
                    i += if json[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < json.len() && matches!(json[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    i += 1;
                }
                let Ok(token) = core::str::from_utf8(&json[start..i]) else { return false };
                if !decimal_is_double(token) {
                    return false;
                }
            }
            _ => i += 1,
        }
    }
    true
}

/// `token` (a JSON number) equals the double it parses to, compared as exact decimals.
fn decimal_is_double(token: &str) -> bool {
    let Ok(f) = token.parse::<f64>() else { return false };
    f.is_finite() && normalize(token) == normalize(&format!("{f:e}"))
}

/// A decimal number as (negative, significant digits without leading or trailing zeros,
/// power of ten of the last digit); zero is `(false, "", 0)`. `None` for an exponent beyond
/// any double.
fn normalize(number: &str) -> Option<(bool, String, i64)> {
    let (negative, number) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number),
    };
    let (mantissa, exponent) = match number.find(['e', 'E']) {
        Some(at) => (&number[..at], number[at + 1..].parse::<i64>().ok().filter(|e| e.abs() < 100_000)?),
        None => (number, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    let mut exponent = exponent - fraction.len() as i64;
    let trimmed = digits.trim_start_matches('0');
    let significant = trimmed.trim_end_matches('0');
    if significant.is_empty() {
        return Some((false, String::new(), 0));
    }
    exponent += (trimmed.len() - significant.len()) as i64;
    Some((negative, significant.to_owned(), exponent))
}

/// Parses one JSON document, refusing duplicate keys at any depth (serde_json's `Value`
/// keeps the last one silently, and two readers could then disagree on a user's fields).
fn parse_strict(json: &[u8]) -> Result<Value, Error> {
    let mut de = serde_json::Deserializer::from_slice(json);
    let value = de.deserialize_any(StrictVisitor).map_err(|_| Error::InvalidJson)?;
    de.end().map_err(|_| Error::InvalidJson)?;
    Ok(value)
}

struct Strict(Value);

impl<'de> de::Deserialize<'de> for Strict {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a JSON value without duplicate keys")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Value, E> {
        Number::from_f64(n).map(Value::Number).ok_or_else(|| E::custom("not a finite number"))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let Strict(value) = map.next_value()?;
            if object.insert(key, value).is_some() {
                return Err(de::Error::custom("duplicate key"));
            }
        }
        Ok(Value::Object(object))
    }
}
