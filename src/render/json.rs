//! JSON text that is safe inside an HTML `<script>` element, in HTML and in XHTML.

use super::fields::{CustomAttribute, User};

/// Appends `s` as a JSON string literal. serde_json does the JSON escaping; then `<`, `>`,
/// `&` and `'` become `\u003c`-style escapes (so neither `</script` nor `<!--` nor an XHTML
/// entity or CDATA end can form), and U+2028 / U+2029 too (line terminators in older
/// JavaScript). Outside string literals serde_json's output has none of these characters,
/// so replacing them in the whole literal is exact (the same approach as Go's html/template
/// and Rails' json_escape).
pub(crate) fn push_str(out: &mut String, s: &str) {
    let json = serde_json::to_string(s).unwrap_or_else(|_| String::from("\"\""));
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\'' => out.push_str("\\u0027"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
}

fn push_attribute(out: &mut String, value: &CustomAttribute) {
    match value {
        CustomAttribute::String(s) => push_str(out, s),
        CustomAttribute::Integer(n) => out.push_str(&n.to_string()),
        // Finite and below 2^53 (checked by User::validate); serde_json prints the shortest round-trip form.
        CustomAttribute::Float(f) => out.push_str(&serde_json::to_string(f).unwrap_or_else(|_| String::from("0"))),
        CustomAttribute::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
    }
}

/// Where the object is read: JSON text (the payload), or a JavaScript object literal (the
/// script), where a member written `"__proto__": v` sets the object's prototype instead of
/// adding a property, so that one key is written as a computed key, `["__proto__"]: v`,
/// which adds an own property as `JSON.parse` does.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Target {
    Json,
    Script,
}

/// Appends `"key":`, after a comma unless it is the object's first member.
fn push_member(out: &mut String, first: &mut bool, key: &str, target: Target) {
    if !*first {
        out.push(',');
    }
    *first = false;
    if target == Target::Script && key == "__proto__" {
        out.push('[');
        push_str(out, key);
        out.push(']');
    } else {
        push_str(out, key);
    }
    out.push(':');
}

/// `{"identifier":…,"identifier_hash":…,…fields}`; `identifier` is left out when `None`.
pub(crate) fn user_object(identifier: Option<&str>, identifier_hash: &str, user: &User, target: Target) -> String {
    let mut out = String::with_capacity(128);
    let mut first = true;
    out.push('{');
    if let Some(identifier) = identifier {
        push_member(&mut out, &mut first, "identifier", target);
        push_str(&mut out, identifier);
    }
    push_member(&mut out, &mut first, "identifier_hash", target);
    push_str(&mut out, identifier_hash);
    for (key, value) in user.strings() {
        push_member(&mut out, &mut first, key, target);
        push_str(&mut out, value);
    }
    if !user.social_profiles.is_empty() {
        push_member(&mut out, &mut first, "social_profiles", target);
        let mut inner_first = true;
        out.push('{');
        for (key, value) in &user.social_profiles {
            push_member(&mut out, &mut inner_first, key, target);
            push_str(&mut out, value);
        }
        out.push('}');
    }
    if !user.custom_attributes.is_empty() {
        push_member(&mut out, &mut first, "custom_attributes", target);
        let mut inner_first = true;
        out.push('{');
        for (key, value) in &user.custom_attributes {
            push_member(&mut out, &mut inner_first, key, target);
            push_attribute(&mut out, value);
        }
        out.push('}');
    }
    out.push('}');
    out
}
