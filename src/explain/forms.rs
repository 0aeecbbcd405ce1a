//! The other ways an application writes the same identifier, for explain's
//! `identifier_format` and `js_rounded_number` verdicts.

use super::trim;

/// The ways an application writes the same identifier differently in two places.
pub(super) fn identifier_variants(identifier: &[u8]) -> Vec<Vec<u8>> {
    let mut variants = vec![
        trim(identifier).to_vec(),
        identifier.to_ascii_lowercase(),
        identifier.to_ascii_uppercase(),
        [identifier, b"\n"].concat(),
        [&b"\""[..], identifier, b"\""].concat(),
    ];
    if let Ok(text) = core::str::from_utf8(trim(identifier)) {
        variants.push(text.to_lowercase().into_bytes());
        if let Ok(n) = text.parse::<i128>() {
            // 42 hashed as a float somewhere, or with leading zeros stripped.
            variants.extend([format!("{n}.0"), format!("{n}.00"), n.to_string()].map(String::into_bytes));
        } else if let Ok(x) = text.parse::<f64>() {
            if x.fract() == 0.0 && x.abs() < 1e18 {
                variants.push(format!("{}", x as i128).into_bytes());
            }
        }
        if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            variants.push(inner.as_bytes().to_vec());
        }
    }
    variants.retain(|v| v != identifier && !v.is_empty());
    variants
}

/// An integer identifier above 2^53 as the nearest double would be written after a trip
/// through a float: JavaScript's `String(x)` (what a browser sends after `JSON.parse`), the
/// double's exact integer value, and Ruby's `Float#to_s` (what Rails makes of a JSON number
/// in exponent form). Empty for anything else.
pub(super) fn rounded_number_forms(identifier: &[u8]) -> Vec<Vec<u8>> {
    let Ok(text) = core::str::from_utf8(identifier) else { return Vec::new() };
    let (sign, digits) = text.strip_prefix('-').map_or(("", text), |rest| ("-", rest));
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let significant = digits.trim_start_matches('0');
    // 2^53 = 9007199254740992, the largest integer below which every integer is a double.
    if significant.len() < 16 || (significant.len() == 16 && significant <= "9007199254740992") {
        return Vec::new();
    }
    let Ok(x) = significant.parse::<f64>() else { return Vec::new() };
    if !x.is_finite() {
        return Vec::new();
    }
    // The shortest digits that round-trip, as both JavaScript and Ruby print them.
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let shortest = mantissa.replace('.', "");
    let Ok(exponent) = exponent.parse::<usize>() else { return Vec::new() };
    let point = exponent + 1; // digits before the decimal point
    let padded = || format!("{shortest}{}", "0".repeat(point.saturating_sub(shortest.len())));
    let (first, rest) = shortest.split_at(1);
    let javascript = if point <= 21 {
        padded()
    } else if rest.is_empty() {
        format!("{first}e+{exponent}")
    } else {
        format!("{first}.{rest}e+{exponent}")
    };
    // Ruby writes 16 digits or more in exponent form (every integer above 2^53 has 16).
    let ruby = if point < 16 {
        format!("{}.0", padded())
    } else {
        format!("{first}.{}e+{exponent:02}", if rest.is_empty() { "0" } else { rest })
    };
    let mut forms: Vec<Vec<u8>> =
        [javascript, format!("{x:.0}"), ruby].into_iter().map(|form| format!("{sign}{form}").into_bytes()).collect();
    forms.retain(|form| form != identifier);
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::rounded_number_forms;

    fn forms(identifier: &str) -> Vec<String> {
        rounded_number_forms(identifier.as_bytes()).into_iter().map(|f| String::from_utf8(f).unwrap()).collect()
    }

    #[test]
    fn forms_follow_javascript_and_ruby() {
        // String(12345678901234567891) in a browser; Ruby: 12345678901234567891.to_f.to_s.
        assert_eq!(
            forms("12345678901234567891"),
            ["12345678901234567000", "12345678901234567168", "1.2345678901234567e+19"]
        );
        assert_eq!(forms("9007199254740993"), ["9007199254740992", "9.007199254740992e+15"]);
        assert_eq!(forms("1000000000000000000001"), ["1e+21", "1000000000000000000000", "1.0e+21"]);
        assert_eq!(forms("-12345678901234567891")[0], "-12345678901234567000");
    }

    #[test]
    fn only_integers_above_2_pow_53() {
        for identifier in ["9007199254740992", "42", "user-12345678901234567891", "1.5e30", "", "-"] {
            assert!(forms(identifier).is_empty(), "{identifier}");
        }
    }
}
