//! The renderer through the Rust API: hostile values, every error, and the escaping rules.

use std::collections::BTreeMap;

use chatwoot_identity::{reset_script, CustomAttribute, Error, IdentityKey, User};
use serde_json::Value;

const SECRET: &[u8] = b"your-secret-token-for-hmac";
const PWN: &str = "</script><script>window.__pwned=1</script>";

fn key() -> IdentityKey {
    IdentityKey::new(SECRET).unwrap()
}

fn named(name: &str) -> User {
    User { name: Some(name.into()), ..User::default() }
}

fn hash(identifier: &str) -> String {
    key().identifier_hash(identifier.as_bytes()).unwrap().as_str().to_owned()
}

/// The characters that must never appear raw in rendered JSON.
fn assert_html_safe(json: &str) {
    for bad in ['<', '>', '&', '\'', '\u{2028}', '\u{2029}'] {
        assert!(!json.contains(bad), "{bad:?} left raw in {json}");
    }
}

/// The script's two JSON literals: `var identifier = <json>, user = <json>; `.
fn script_json(script: &str) -> (Value, Value) {
    let start = script.find("var identifier = ").expect("identifier literal") + "var identifier = ".len();
    let rest = &script[start..];
    let comma = rest.find(", user = ").expect("user literal");
    let identifier = &rest[..comma];
    let user = &rest[comma + ", user = ".len()..];
    let user = &user[..user.find("; function run").expect("end of user literal")];
    assert_html_safe(identifier);
    assert_html_safe(user);
    (serde_json::from_str(identifier).unwrap(), serde_json::from_str(user).unwrap())
}

#[test]
fn the_script_calls_set_user_with_the_hash_and_fields() {
    let user = User { email: Some("a@example.com".into()), ..named("Ann") };
    let script = key().set_user_script("unique-identifier-of-the-user", &user, None).unwrap();
    assert!(script.starts_with("<script>") && script.ends_with("</script>"), "{script}");
    assert!(script.contains("w.$chatwoot.setUser(identifier, user);"));
    assert!(script.contains("w.addEventListener(\"chatwoot:ready\", run, { once: true })"));
    assert!(script.contains("w.$chatwoot && w.$chatwoot.hasLoaded"));
    let (identifier, object) = script_json(&script);
    assert_eq!(identifier, "unique-identifier-of-the-user");
    assert_eq!(object["identifier_hash"], "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c");
    assert_eq!(object["name"], "Ann");
    assert_eq!(object["email"], "a@example.com");
    assert_eq!(object.as_object().unwrap().len(), 3, "only the hash and the fields set: {object}");
    assert_eq!(script.matches("</script").count(), 1, "one closing tag only");
}

#[test]
fn hostile_values_stay_inside_their_strings() {
    let weird = "O'Brien & \"Sons\" <b>\u{2028}\u{2029}\u{1F600}\u{10FFFF}\\ \0 --> <!-- ]]>";
    let user = User {
        name: Some(PWN.into()),
        email: Some(weird.into()),
        city: Some("Zürich".into()),
        custom_attributes: BTreeMap::from([(PWN.to_string(), CustomAttribute::from(weird))]),
        ..User::default()
    };
    for identifier in [PWN, weird, "9007199254740993"] {
        let script = key().set_user_script(identifier, &user, Some("abc+/=_-")).unwrap();
        assert!(script.starts_with("<script nonce=\"abc+/=_-\">"));
        assert_eq!(script.matches("</script").count(), 1, "{script}");
        assert!(!script.contains("<!--") && !script.contains("]]>"));
        let (got_identifier, object) = script_json(&script);
        assert_eq!(got_identifier, Value::String(identifier.into()), "the identifier is a string, byte for byte");
        assert_eq!(object["identifier_hash"], hash(identifier));
        assert_eq!(object["name"], PWN);
        assert_eq!(object["email"], weird);
        assert_eq!(object["city"], "Zürich");
        assert_eq!(object["custom_attributes"][PWN], weird);

        let payload = key().set_user_payload(identifier, &user).unwrap();
        assert_html_safe(&payload);
        let payload: Value = serde_json::from_str(&payload).unwrap();
        assert_eq!(payload["identifier"], Value::String(identifier.into()));
        assert_eq!(payload["identifier_hash"], hash(identifier));
        assert_eq!(payload["email"], weird);
    }
}

#[test]
fn the_escapes_are_the_documented_ones() {
    let payload = key().set_user_payload("x", &named("<>&'\u{2028}\u{2029}")).unwrap();
    assert!(payload.contains(r#""name":"\u003c\u003e\u0026\u0027\u2028\u2029""#), "{payload}");
}

#[test]
fn the_payload_lists_identifier_hash_then_fields_in_a_fixed_order() {
    let user = User {
        name: Some("N".into()),
        email: Some("e@x.io".into()),
        avatar_url: Some("https://x.io/a.png".into()),
        phone_number: Some("+15551234567".into()),
        description: Some("d".into()),
        company_name: Some("c".into()),
        country_code: Some("DE".into()),
        city: Some("Berlin".into()),
        social_profiles: BTreeMap::from([("github".to_string(), "nn".to_string())]),
        custom_attributes: BTreeMap::from([
            ("plan".to_string(), CustomAttribute::from("pro")),
            ("seats".to_string(), CustomAttribute::from(12i64)),
            ("ratio".to_string(), CustomAttribute::from(0.5)),
            ("beta".to_string(), CustomAttribute::from(true)),
        ]),
    };
    let payload = key().set_user_payload("42", &user).unwrap();
    let want = format!(
        r#"{{"identifier":"42","identifier_hash":"{}","name":"N","email":"e@x.io","avatar_url":"https://x.io/a.png","phone_number":"+15551234567","description":"d","company_name":"c","country_code":"DE","city":"Berlin","social_profiles":{{"github":"nn"}},"custom_attributes":{{"beta":true,"plan":"pro","ratio":0.5,"seats":12}}}}"#,
        hash("42")
    );
    assert_eq!(payload, want);
}

#[test]
fn custom_attribute_doubles_come_back_exactly() {
    // Shortest round-trip forms whose last digit a fast (non-round-trip) parser gets wrong.
    for text in ["6.569468008691495e-116", "3.390171062916165e-250", "1.563650061959924e-153", "0.1"] {
        let json = format!(r#"{{"name":"Ann","custom_attributes":{{"f":{text}}}}}"#);
        let user = User::from_json(json.as_bytes()).unwrap();
        assert_eq!(user.custom_attributes["f"], CustomAttribute::Float(text.parse().unwrap()), "{text}");
        let payload = key().set_user_payload("42", &user).unwrap();
        assert!(payload.contains(&format!(r#""f":{text}"#)), "{text} changed in {payload}");
    }
}

#[test]
fn json_fields_are_read_strictly() {
    let ok = |json: &str| User::from_json(json.as_bytes());
    assert_eq!(ok(r#"{"name":"Ann","email":null,"custom_attributes":null}"#).unwrap(), named("Ann"));
    let user =
        ok(r#"{"email":"e@x.io","custom_attributes":{"n":-9007199254740991,"f":1.5e3,"b":false,"s":""}}"#).unwrap();
    assert_eq!(user.custom_attributes["n"], CustomAttribute::Integer(-9007199254740991));
    assert_eq!(user.custom_attributes["f"], CustomAttribute::Float(1500.0));
    assert_eq!(ok(r#"{"avatar_url":"https://x.io/a.png"}"#).unwrap().avatar_url.as_deref(), Some("https://x.io/a.png"));

    let cases: &[(&[u8], Error)] = &[
        (b"", Error::InvalidJson),
        (b"not json", Error::InvalidJson),
        (b"[]", Error::InvalidJson),
        (b"\"Ann\"", Error::InvalidJson),
        (b"null", Error::InvalidJson),
        (br#"{"name":"Ann"} {}"#, Error::InvalidJson),
        (br#"{"name":"Ann","name":"Bob"}"#, Error::InvalidJson),
        (br#"{"name":"Ann","custom_attributes":{"a":1,"a":2}}"#, Error::InvalidJson),
        (br#"{"name":"\ud800"}"#, Error::InvalidJson),
        (b"{\"name\":\"\xff\"}", Error::InvalidJson),
        (br#"{"name":"Ann","identifier_hash":"0"}"#, Error::UnknownField),
        (br#"{"name":"Ann","identifier":"1"}"#, Error::UnknownField),
        (br#"{"name":"Ann","additional_attributes":{}}"#, Error::UnknownField),
        (br#"{"name":1}"#, Error::InvalidFieldValue),
        (br#"{"name":"Ann","city":true}"#, Error::InvalidFieldValue),
        (br#"{"name":"Ann","city":["x"]}"#, Error::InvalidFieldValue),
        (br#"{"name":"Ann","custom_attributes":[]}"#, Error::InvalidFieldValue),
        (br#"{"name":"Ann","custom_attributes":{"a":null}}"#, Error::InvalidFieldValue),
        (br#"{"name":"Ann","custom_attributes":{"a":{}}}"#, Error::InvalidFieldValue),
        (br#"{"name":"Ann","custom_attributes":{"a":18446744073709551615}}"#, Error::InvalidFieldValue),
        (br#"{"name":"Ann","custom_attributes":{"a":100000000000000000000000}}"#, Error::InvalidFieldValue),
        (br#"{"name":"Ann","custom_attributes":{"a":-9.1e15}}"#, Error::InvalidFieldValue),
        (b"{}", Error::MissingContactField),
        (br#"{"name":"","email":null,"phone_number":"+1"}"#, Error::MissingContactField),
    ];
    for (json, want) in cases {
        assert_eq!(User::from_json(json), Err(*want), "{}", String::from_utf8_lossy(json));
    }
}

#[test]
fn every_render_error() {
    let key = key();
    assert_eq!(key.set_user_script("", &named("A"), None), Err(Error::EmptyIdentifier));
    assert_eq!(key.set_user_payload("", &named("A")), Err(Error::EmptyIdentifier));
    assert_eq!(key.set_user_script("1", &User::default(), None), Err(Error::MissingContactField));
    assert_eq!(key.set_user_payload("1", &named("")), Err(Error::MissingContactField));
    let nan =
        User { custom_attributes: BTreeMap::from([("x".into(), CustomAttribute::Float(f64::NAN))]), ..named("A") };
    assert_eq!(key.set_user_payload("1", &nan), Err(Error::InvalidFieldValue));
    for nonce in ["a\"b", "a b", "<", "é", "a'"] {
        assert_eq!(key.set_user_script("1", &named("A"), Some(nonce)), Err(Error::InvalidNonce), "{nonce}");
        assert_eq!(reset_script(Some(nonce)), Err(Error::InvalidNonce), "{nonce}");
    }
    for e in [
        Error::InvalidIdentifier,
        Error::InvalidJson,
        Error::UnknownField,
        Error::InvalidFieldValue,
        Error::MissingContactField,
        Error::InvalidNonce,
    ] {
        assert!(!e.message().is_empty() && e.message().is_ascii(), "{e:?}");
    }
}

#[test]
fn the_reset_script_resets_now_or_when_ready() {
    assert_eq!(reset_script(None).unwrap(), reset_script(Some("")).unwrap(), "an empty nonce is no nonce");
    let script = reset_script(Some("n0nce")).unwrap();
    assert!(script.starts_with("<script nonce=\"n0nce\">") && script.ends_with("</script>"));
    assert!(script.contains("w.$chatwoot.reset();"));
    assert!(script.contains("\"chatwoot:ready\""));
    assert!(reset_script(None).unwrap().starts_with("<script>"));
}

/// The user object as JavaScript builds it from the script's literal: a member named
/// `__proto__` must be an own property (written as a computed key), so the literal is JSON
/// once that one form is turned back into a plain key.
fn script_user_as_json(script: &str) -> Value {
    let start = script.find(", user = ").unwrap() + ", user = ".len();
    let end = script.find("; function run").unwrap();
    let literal = script[start..end].replace(r#"["__proto__"]:"#, r#""__proto__":"#);
    serde_json::from_str(&literal).unwrap()
}

#[test]
fn a_custom_attribute_named_proto_is_an_own_property_in_the_script() {
    let json =
        br#"{"name":"A","custom_attributes":{"__proto__":"x","plan":"pro"},"social_profiles":{"__proto__":"y"}}"#;
    let user = User::from_json(json).unwrap();
    let script = key().set_user_script("7", &user, None).unwrap();
    // In an object literal, "__proto__": v sets the prototype; ["__proto__"]: v adds a property.
    assert!(script.contains(r#"{["__proto__"]:"x","plan":"pro"}"#), "{script}");
    assert!(script.contains(r#"{["__proto__"]:"y"}"#), "{script}");
    assert!(!script.contains(r#""__proto__":"#), "{script}");
    let payload: Value = serde_json::from_str(&key().set_user_payload("7", &user).unwrap()).unwrap();
    assert_eq!(payload["custom_attributes"]["__proto__"], "x");
    // The script and the payload give setUser the same data.
    let mut from_script = script_user_as_json(&script);
    from_script.as_object_mut().unwrap().insert("identifier".into(), "7".into());
    assert_eq!(from_script, payload);
    // An escaped spelling of the key is the same key.
    let escaped = User::from_json(br#"{"name":"A","custom_attributes":{"\u005f_proto__":1}}"#).unwrap();
    assert!(key().set_user_script("7", &escaped, None).unwrap().contains(r#"["__proto__"]:1"#));
}

#[test]
fn numbers_the_browser_would_change_are_refused() {
    let refused: &[&[u8]] = &[
        br#"{"name":"A","custom_attributes":{"a":9007199254740993}}"#,
        br#"{"name":"A","custom_attributes":{"a":9007199254740992}}"#,
        br#"{"name":"A","custom_attributes":{"a":-9007199254740992}}"#,
        br#"{"name":"A","custom_attributes":{"a":9223372036854775807}}"#,
        br#"{"name":"A","custom_attributes":{"a":-9223372036854775808}}"#,
        br#"{"name":"A","custom_attributes":{"a":1e-400}}"#,
        br#"{"name":"A","custom_attributes":{"a":-1e-400}}"#,
        br#"{"name":"A","custom_attributes":{"a":0.10000000000000000001}}"#,
        br#"{"name":"A","custom_attributes":{"a":1.00000000000000000001}}"#,
        br#"{"name":"A","custom_attributes":{"a":2.4703282292062328e-324}}"#,
    ];
    for json in refused {
        assert_eq!(User::from_json(json), Err(Error::InvalidFieldValue), "{}", String::from_utf8_lossy(json));
    }
    let kept: &[(&[u8], CustomAttribute)] = &[
        (
            br#"{"name":"A","custom_attributes":{"a":9007199254740991}}"#,
            CustomAttribute::Integer(9_007_199_254_740_991),
        ),
        (
            br#"{"name":"A","custom_attributes":{"a":-9007199254740991}}"#,
            CustomAttribute::Integer(-9_007_199_254_740_991),
        ),
        (br#"{"name":"A","custom_attributes":{"a":0.1}}"#, CustomAttribute::Float(0.1)),
        (br#"{"name":"A","custom_attributes":{"a":1.5e-300}}"#, CustomAttribute::Float(1.5e-300)),
        (br#"{"name":"A","custom_attributes":{"a":5e-324}}"#, CustomAttribute::Float(5e-324)),
        (br#"{"name":"A","custom_attributes":{"a":0e-5}}"#, CustomAttribute::Float(0.0)),
        (br#"{"name":"A","custom_attributes":{"a":1.2500E+2}}"#, CustomAttribute::Float(125.0)),
        (br#"{"name":"A","custom_attributes":{"a":-0}}"#, CustomAttribute::Float(0.0)),
    ];
    for (json, want) in kept {
        let user = User::from_json(json).unwrap_or_else(|e| panic!("{}: {e:?}", String::from_utf8_lossy(json)));
        assert_eq!(user.custom_attributes["a"], *want, "{}", String::from_utf8_lossy(json));
    }
    // The Rust API refuses the same integers and doubles.
    for value in [
        CustomAttribute::Integer(1 << 53),
        CustomAttribute::Integer(i64::MIN),
        CustomAttribute::Float(9_007_199_254_740_992.0),
    ] {
        let user = User { custom_attributes: BTreeMap::from([("a".into(), value.clone())]), ..named("A") };
        assert_eq!(key().set_user_script("1", &user, None), Err(Error::InvalidFieldValue), "{value:?}");
        assert_eq!(key().set_user_payload("1", &user), Err(Error::InvalidFieldValue), "{value:?}");
    }
}

#[test]
fn social_profiles_take_the_widgets_shape() {
    let user = User::from_json(br#"{"name":"A","social_profiles":{"twitter":"a_tw","github":"a-gh","linkedin":null}}"#);
    assert_eq!(user, Err(Error::InvalidFieldValue), "a profile is a string");
    let user = User::from_json(br#"{"name":"A","social_profiles":{"twitter":"a_tw","github":"a-gh"}}"#).unwrap();
    assert_eq!(user.social_profiles["github"], "a-gh");
    let payload: Value = serde_json::from_str(&key().set_user_payload("1", &user).unwrap()).unwrap();
    assert_eq!(payload["social_profiles"], serde_json::json!({"github": "a-gh", "twitter": "a_tw"}));
    assert_eq!(User::from_json(br#"{"name":"A","social_profiles":null}"#).unwrap().social_profiles.len(), 0);
    for bad in [
        &br#"{"name":"A","social_profiles":"x"}"#[..],
        br#"{"name":"A","social_profiles":["x"]}"#,
        br#"{"name":"A","social_profiles":{"x":1}}"#,
    ] {
        assert_eq!(User::from_json(bad), Err(Error::InvalidFieldValue), "{}", String::from_utf8_lossy(bad));
    }
    // What the widget does not forward stays refused.
    for unknown in ["identifier", "identifier_hash", "additional_attributes", "company", "phone", "avatar"] {
        let json = format!(r#"{{"name":"A","{unknown}":"x"}}"#);
        assert_eq!(User::from_json(json.as_bytes()), Err(Error::UnknownField), "{unknown}");
    }
}

#[test]
fn the_script_forces_a_send_when_the_payload_changed() {
    let fingerprint = |script: &str| {
        let at = script.find("mine + \"=").expect("fingerprint check") + "mine + \"=".len();
        script[at..at + 32].to_owned()
    };
    let base = User { email: Some("a@example.com".into()), ..named("Ann") };
    let phone = User { phone_number: Some("+15551234567".into()), ..base.clone() };
    let one = key().set_user_script("42", &base, None).unwrap();
    assert_eq!(one, key().set_user_script("42", &base, Some("")).unwrap(), "deterministic");
    let f = fingerprint(&one);
    assert!(f.len() == 32 && f.bytes().all(|b| b.is_ascii_hexdigit()), "{f}");
    assert_ne!(f, fingerprint(&key().set_user_script("42", &phone, None).unwrap()), "a changed field changes it");
    assert_ne!(f, fingerprint(&key().set_user_script("43", &base, None).unwrap()), "another identifier changes it");
    let other_key = IdentityKey::new(b"another-inbox-secret").unwrap();
    assert_ne!(f, fingerprint(&other_key.set_user_script("42", &base, None).unwrap()), "another inbox changes it");
    // The SDK's skip cookie goes when the fingerprint differs, before setUser runs.
    let clear = one.find("d.cookie = gone;").expect("clears cw_user_");
    assert!(clear < one.find("w.$chatwoot.setUser(identifier, user);").unwrap());
    assert!(one.contains("\"cw_user_\" + t + \"=; path=/; max-age=0\""));
    assert!(one.contains("\"cw_identity_\" + t"));
}

#[test]
fn the_reset_script_marks_the_reload_for_a_later_set_user() {
    let reset = reset_script(None).unwrap();
    let clear = reset.find("w.$chatwoot.user = undefined;").expect("clears the user the SDK would re-send");
    assert!(clear < reset.find("w.$chatwoot.reset();").unwrap());
    assert!(reset.contains("s.reloading = true;") && reset.contains("\"chatwoot-identity:reloaded\""));
    let script = key().set_user_script("1", &named("A"), None).unwrap();
    assert!(
        script.contains("!(s && s.reloading)")
            && script.contains("w.addEventListener(\"chatwoot-identity:reloaded\", run, { once: true })")
    );
}
