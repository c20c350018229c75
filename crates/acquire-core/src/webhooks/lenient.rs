//! Reading the loosely typed values of webhook payloads: ids as numbers or strings,
//! `"null"`/`"false"` strings, nested objects sent as JSON text, three timestamp styles.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{Map, Value};

/// `null`, `""` and `"null"` all mean "no value".
fn present(value: &Value) -> Option<&Value> {
    match value {
        Value::Null => None,
        Value::String(s) if s.is_empty() || s == "null" => None,
        other => Some(other),
    }
}

/// An integer from a number or a numeric string (`72`, `"72"`).
pub(super) fn int(value: Option<&Value>) -> Option<i64> {
    match present(value?)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Text from a string, or a number or boolean written out (ids such as `"agent-12345"`
/// or `15416` both read as text).
pub(super) fn text(value: Option<&Value>) -> Option<String> {
    match present(value?)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A flag from a boolean or `"true"`/`"false"`/`"yes"`/`"no"`.
pub(super) fn flag(value: Option<&Value>) -> Option<bool> {
    match present(value?)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.as_str() {
            "true" | "yes" | "1" => Some(true),
            "false" | "no" | "0" => Some(false),
            _ => None,
        },
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        _ => None,
    }
}

/// An object, or a string holding one as JSON text.
pub(super) fn object(value: Option<&Value>) -> Option<Map<String, Value>> {
    match present(value?)? {
        Value::Object(map) => Some(map.clone()),
        Value::String(s) => match crate::json_text::from_str(s) {
            Ok(Value::Object(map)) => Some(map),
            _ => None,
        },
        _ => None,
    }
}

/// An array, or a string holding one as JSON text.
pub(super) fn array(value: Option<&Value>) -> Vec<Value> {
    match value.and_then(present) {
        Some(Value::Array(items)) => items.clone(),
        Some(Value::String(s)) => match crate::json_text::from_str(s) {
            Ok(Value::Array(items)) => items,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// A timestamp in any of the styles the payloads use: ISO 8601 / RFC 3339
/// (`2021-03-10T11:32:00.000Z`), MySQL (`2018-07-23 05:17:40`, taken as UTC) and
/// JavaScript's `Date.toString()` (`Wed Mar 03 2021 10:19:49 GMT+0000 (Coordinated
/// Universal Time)`).
pub(super) fn timestamp(value: Option<&Value>) -> Option<DateTime<Utc>> {
    let text = match present(value?)? {
        Value::String(s) => s.trim().to_owned(),
        _ => return None,
    };
    if let Ok(at) = DateTime::parse_from_rfc3339(&text) {
        return Some(at.with_timezone(&Utc));
    }
    if let Ok(at) = NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M:%S") {
        return Some(at.and_utc());
    }
    // `Date.toString()`: drop the zone's name in parentheses, then read the GMT offset.
    let js = text.split(" (").next().unwrap_or_default();
    DateTime::parse_from_str(js, "%a %b %d %Y %H:%M:%S GMT%z")
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn ids_flags_and_nulls_are_read_leniently() {
        assert_eq!(int(Some(&json!("72"))), Some(72));
        assert_eq!(int(Some(&json!(72))), Some(72));
        assert_eq!(int(Some(&json!("null"))), None);
        assert_eq!(int(Some(&json!("agent-1"))), None);
        assert_eq!(text(Some(&json!(15416))).as_deref(), Some("15416"));
        assert_eq!(flag(Some(&json!("false"))), Some(false));
        assert_eq!(flag(Some(&json!("yes"))), Some(true));
        assert_eq!(object(Some(&json!("{\"a\": 1}"))).unwrap()["a"], 1);
        assert_eq!(array(Some(&json!("[1, 2]"))).len(), 2);
    }

    #[test]
    fn three_timestamp_styles() {
        let expected = "2021-03-03T10:19:49Z";
        for text in [
            "2021-03-03T10:19:49Z",
            "2021-03-03T10:19:49.000Z",
            "2021-03-03 10:19:49",
            "Wed Mar 03 2021 10:19:49 GMT+0000 (Coordinated Universal Time)",
            "Wed Mar 03 2021 11:19:49 GMT+0100 (Central European Standard Time)",
        ] {
            let at = timestamp(Some(&json!(text))).unwrap();
            assert_eq!(
                at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                expected,
                "{text}"
            );
        }
        assert_eq!(timestamp(Some(&json!("yesterday"))), None);
    }
}
