//! A query string as the list endpoints read it: parameters, paging, and how `where`
//! compares a value.

use serde_json::Value;

use crate::crm::endpoint::parse_id;
use crate::rejection::Rejection;

/// The default and largest page size of the lists (Acquire's are undocumented; its
/// examples show 20). A larger `limit` is served as this one, and echoed.
pub(crate) const DEFAULT_LIMIT: usize = 20;
pub(crate) const MAX_LIMIT: usize = 1000;

/// Query parameters, percent-decoded; `where[]` counts as `where`.
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// Parses a query string.
    pub(crate) fn parse(query: &str) -> Params {
        Params(
            query
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    let k = decode(k);
                    (k.trim_end_matches("[]").to_owned(), decode(v))
                })
                .collect(),
        )
    }

    /// The first value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A `|`-separated list parameter.
    pub(crate) fn list(&self, name: &str) -> Vec<&str> {
        self.get(name)
            .map(|v| {
                v.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A non-negative integer parameter (`None` when absent).
    pub(crate) fn number(&self, name: &str) -> Result<Option<usize>, Rejection> {
        self.get(name)
            .map(|v| {
                v.parse().map_err(|_| {
                    Rejection::invalid(format!("{name} must be a non-negative integer"))
                })
            })
            .transpose()
    }

    /// A positive id parameter that must be present.
    pub(crate) fn id(&self, name: &str) -> Result<i64, Rejection> {
        match self.get(name) {
            None | Some("") => Err(Rejection::invalid(format!("{name} is required"))),
            Some(v) => parse_id(name, v),
        }
    }

    /// `(page, offset, limit)`: `offset` wins over `page × limit`.
    pub(crate) fn paging(&self) -> Result<(usize, usize, usize), Rejection> {
        let limit = match self.number("limit")? {
            None => DEFAULT_LIMIT,
            Some(0) => return Err(Rejection::invalid("limit must be at least 1")),
            Some(n) => n.min(MAX_LIMIT),
        };
        let page = self.number("page")?.unwrap_or(0);
        let offset = self.number("offset")?.unwrap_or(page.saturating_mul(limit));
        Ok((offset / limit, offset, limit))
    }
}

pub(crate) fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The text of a JSON value as `where` compares it (`5` and `"5"` alike).
pub(crate) fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// Whether a JSON value reads as `text` (`5` and `"5"` alike), without allocating for
/// strings and integers: `where` runs over every case for every page.
pub(crate) fn text_equals(value: &Value, text: &str) -> bool {
    match value {
        Value::String(s) => s == text,
        Value::Number(n) => match (n.as_i64(), text.parse::<i64>()) {
            (Some(a), Ok(b)) => a == b,
            _ => n.to_string() == text,
        },
        other => as_text(other) == text,
    }
}
