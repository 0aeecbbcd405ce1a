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
        // Finite (checked by User::validate); serde_json prints the shortest round-trip form.
        CustomAttribute::Float(f) => out.push_str(&serde_json::to_string(f).unwrap_or_else(|_| String::from("0"))),
        CustomAttribute::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
    }
}

/// Appends `"key":`, after a comma unless it is the object's first member.
fn push_member(out: &mut String, first: &mut bool, key: &str) {
    if !*first {
        out.push(',');
    }
    *first = false;
    push_str(out, key);
    out.push(':');
}

/// `{"identifier":…,"identifier_hash":…,…fields}`; `identifier` is left out when `None`.
pub(crate) fn user_object(identifier: Option<&str>, identifier_hash: &str, user: &User) -> String {
    let mut out = String::with_capacity(128);
    let mut first = true;
    out.push('{');
    if let Some(identifier) = identifier {
        push_member(&mut out, &mut first, "identifier");
        push_str(&mut out, identifier);
    }
    push_member(&mut out, &mut first, "identifier_hash");
    push_str(&mut out, identifier_hash);
    for (key, value) in user.strings() {
        push_member(&mut out, &mut first, key);
        push_str(&mut out, value);
    }
    if !user.custom_attributes.is_empty() {
        push_member(&mut out, &mut first, "custom_attributes");
        let mut inner_first = true;
        out.push('{');
        for (key, value) in &user.custom_attributes {
            push_member(&mut out, &mut inner_first, key);
            push_attribute(&mut out, value);
        }
        out.push('}');
    }
    out.push('}');
    out
}
