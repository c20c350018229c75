//! Deserializers for the fields the API varies on: numbers sent as strings, `"yes"`/`"no"`
//! flags, and timestamps with any number of fractional digits. A value of an unexpected
//! shape becomes `None` (the raw JSON still has it) instead of failing the whole response.

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
    fn to_int(&self) -> Option<i64> {
        match self {
            Loose::Int(i) => Some(*i),
            Loose::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(*f as i64),
            Loose::Text(s) => s.trim().parse().ok(),
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
    Ok(match Loose::deserialize(d)? {
        Loose::Bool(b) => Some(b),
        Loose::Int(i) => Some(i != 0),
        Loose::Text(s) => match s.as_str() {
            "yes" | "true" | "1" => Some(true),
            "no" | "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    })
}

/// An optional string; numbers are turned into their decimal text.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Loose::deserialize(d)? {
        Loose::Text(s) => Some(s),
        Loose::Int(i) => Some(i.to_string()),
        Loose::Float(f) => Some(f.to_string()),
        _ => None,
    })
}

/// An optional ISO 8601 timestamp (`2021-03-10T11:32:00.000Z`, `…:00.0Z`, `…:00Z`, or
/// without a zone, read as UTC).
pub(crate) fn timestamp<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    Ok(match Loose::deserialize(d)? {
        Loose::Text(s) => parse_timestamp(&s),
        _ => None,
    })
}

/// Parses an ISO 8601 / RFC 3339 timestamp, reading one without a zone as UTC.
pub(crate) fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
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
}
