//! The one reader of the loosely typed values Acquire sends: numbers as strings,
//! `"yes"`/`"no"` flags, several timestamp styles. A value of an unexpected shape becomes
//! `None` (the raw JSON still has it) instead of failing the whole response or event.
//! Serde deserializers for the typed responses; [`value`] for webhook payloads, which
//! also send `"null"` strings and nested JSON as text.

use chrono::{DateTime, NaiveDateTime, Utc};
use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};

/// A value as it may appear where the API promises a number, flag or timestamp.
enum Loose {
    Int(i64),
    Float(f64),
    Bool(bool),
    Text(String),
    Other,
}

impl Loose {
    /// An integer: a number (an integral float too) or a numeric string.
    fn to_int(&self) -> Option<i64> {
        match self {
            Loose::Int(i) => Some(*i),
            Loose::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(*f as i64),
            Loose::Text(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A flag: a boolean, `"yes"`/`"no"`, `"true"`/`"false"`, `1`/`0`.
    fn to_flag(&self) -> Option<bool> {
        match self {
            Loose::Bool(b) => Some(*b),
            Loose::Int(i) => Some(*i != 0),
            Loose::Text(s) => match s.as_str() {
                "yes" | "true" | "1" => Some(true),
                "no" | "false" | "0" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// Text: a string, or a number or boolean written out.
    fn into_text(self) -> Option<String> {
        match self {
            Loose::Text(s) => Some(s),
            Loose::Int(i) => Some(i.to_string()),
            Loose::Float(f) => Some(f.to_string()),
            Loose::Bool(b) => Some(b.to_string()),
            Loose::Other => None,
        }
    }

    /// A timestamp, from a string in one of [`parse_timestamp`]'s styles.
    fn to_timestamp(&self) -> Option<DateTime<Utc>> {
        match self {
            Loose::Text(s) => parse_timestamp(s),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

/// Reads any JSON value in one pass, without buffering or trial-and-error.
struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose, E> {
        Ok(Loose::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose, E> {
        Ok(i64::try_from(v).map_or(Loose::Float(v as f64), Loose::Int))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Loose, E> {
        Ok(Loose::Float(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Loose, E> {
        Ok(Loose::Bool(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose, E> {
        Ok(Loose::Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Loose, E> {
        Ok(Loose::Text(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Loose, E> {
        Ok(Loose::Other)
    }

    fn visit_none<E: de::Error>(self) -> Result<Loose, E> {
        Ok(Loose::Other)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Loose, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Loose::Other)
    }
}

/// An integer id that must be present: a number or a numeric string.
pub(crate) fn id<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Loose::deserialize(d)?
        .to_int()
        .ok_or_else(|| serde::de::Error::custom("expected an integer id"))
}

/// An optional integer: a number, a numeric string, `null` or absent.
pub(crate) fn int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(Loose::deserialize(d)?.to_int())
}

/// An optional flag: `"yes"`/`"no"`, `true`/`false`, `1`/`0`.
pub(crate) fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(Loose::deserialize(d)?.to_flag())
}

/// An optional string; numbers and booleans are written out.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Loose::deserialize(d)?.into_text())
}

/// An optional timestamp in one of [`parse_timestamp`]'s styles.
pub(crate) fn timestamp<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    Ok(Loose::deserialize(d)?.to_timestamp())
}

/// Parses the timestamp styles Acquire sends: ISO 8601 / RFC 3339 with any number of
/// fractional digits (`2021-03-10T11:32:00.000Z`), MySQL (`2018-07-23 05:17:40`) or ISO
/// without a zone (both read as UTC), and JavaScript's `Date.toString()`
/// (`Wed Mar 03 2021 10:19:49 GMT+0000 (Coordinated Universal Time)`).
pub(crate) fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Some(t) = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        return Some(t.and_utc());
    }
    // `Date.toString()`: drop the zone's name in parentheses, then read the GMT offset.
    let js = s.split(" (").next().unwrap_or_default();
    DateTime::parse_from_str(js, "%a %b %d %Y %H:%M:%S GMT%z")
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The same rules on values already parsed (webhook payloads), where `null`, `""` and
/// `"null"` all mean "no value" and nested objects may come as JSON text.
pub(crate) mod value {
    use chrono::{DateTime, Utc};
    use serde_json::{Map, Value};

    use super::Loose;

    /// The value as the shared rules read it; `None` for "no value".
    fn loose(value: Option<&Value>) -> Option<Loose> {
        Some(match value? {
            Value::Null => return None,
            Value::String(s) if s.is_empty() || s == "null" => return None,
            Value::String(s) => Loose::Text(s.clone()),
            Value::Bool(b) => Loose::Bool(*b),
            Value::Number(n) => n
                .as_i64()
                .map(Loose::Int)
                .unwrap_or_else(|| Loose::Float(n.as_f64().unwrap_or(f64::NAN))),
            Value::Array(_) | Value::Object(_) => Loose::Other,
        })
    }

    /// An integer from a number or a numeric string (`72`, `"72"`).
    pub(crate) fn int(value: Option<&Value>) -> Option<i64> {
        loose(value)?.to_int()
    }

    /// Text from a string, or a number or boolean written out (ids such as
    /// `"agent-12345"` or `15416` both read as text).
    pub(crate) fn text(value: Option<&Value>) -> Option<String> {
        loose(value)?.into_text()
    }

    /// A flag from a boolean, `"true"`/`"false"`, `"yes"`/`"no"` or `1`/`0`.
    pub(crate) fn flag(value: Option<&Value>) -> Option<bool> {
        loose(value)?.to_flag()
    }

    /// A timestamp in one of [`super::parse_timestamp`]'s styles.
    pub(crate) fn timestamp(value: Option<&Value>) -> Option<DateTime<Utc>> {
        loose(value)?.to_timestamp()
    }

    /// An object, or a string holding one as JSON text.
    pub(crate) fn object(value: Option<&Value>) -> Option<Map<String, Value>> {
        match value? {
            Value::Object(map) => Some(map.clone()),
            Value::String(s) => match crate::json_text::from_str(s) {
                Ok(Value::Object(map)) => Some(map),
                _ => None,
            },
            _ => None,
        }
    }

    /// An array, or a string holding one as JSON text.
    pub(crate) fn array(value: Option<&Value>) -> Vec<Value> {
        match value {
            Some(Value::Array(items)) => items.clone(),
            Some(Value::String(s)) => match crate::json_text::from_str(s) {
                Ok(Value::Array(items)) => items,
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn timestamps_with_any_fraction() {
        let a = parse_timestamp("2021-03-10T11:32:00.000Z").unwrap();
        let b = parse_timestamp("2021-03-10T11:32:00.0Z").unwrap();
        let c = parse_timestamp("2021-03-10 11:32:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a.to_rfc3339(), "2021-03-10T11:32:00+00:00");
        assert!(parse_timestamp("yesterday").is_none());
    }

    #[test]
    fn ids_flags_and_nulls_are_read_leniently() {
        assert_eq!(value::int(Some(&json!("72"))), Some(72));
        assert_eq!(value::int(Some(&json!(72))), Some(72));
        assert_eq!(value::int(Some(&json!("null"))), None);
        assert_eq!(value::int(Some(&json!("agent-1"))), None);
        assert_eq!(value::text(Some(&json!(15416))).as_deref(), Some("15416"));
        assert_eq!(value::flag(Some(&json!("false"))), Some(false));
        assert_eq!(value::flag(Some(&json!("yes"))), Some(true));
        assert_eq!(value::object(Some(&json!("{\"a\": 1}"))).unwrap()["a"], 1);
        assert_eq!(value::array(Some(&json!("[1, 2]"))).len(), 2);
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
            let at = value::timestamp(Some(&json!(text))).unwrap();
            assert_eq!(
                at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                expected,
                "{text}"
            );
        }
        assert_eq!(value::timestamp(Some(&json!("yesterday"))), None);
    }
}
