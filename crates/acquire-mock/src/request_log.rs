//! The record of every API request the server received.

use serde::Serialize;

use crate::script::Fault;

/// One request as it arrived, and what the server did with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    /// Which connection carried it (0, 1, … in accept order): equal numbers mean the
    /// client reused a keep-alive connection.
    pub connection: u64,
    /// The request method.
    pub method: String,
    /// The path and query, exactly as sent.
    pub path: String,
    /// Header names (lowercase) and values in arrival order; the `Authorization` value is
    /// masked as `Bearer ***`.
    pub headers: Vec<(String, String)>,
    /// The body as text (invalid UTF-8 replaced).
    pub body: String,
    /// When it arrived (RFC 3339, UTC).
    pub time: String,
    /// The status answered, or `None` when a fault sent no answer.
    pub status: Option<u16>,
    /// The body answered (before a fault cut it); `None` when no answer was sent, and for
    /// all but the newest 1,000 entries (a send's answer holds the whole case).
    pub response: Option<String>,
    /// How long the server took to answer, in microseconds (a scripted delay excluded).
    pub latency_us: u64,
    /// Whether the message was stored.
    pub stored: bool,
    /// The fault injected, if any.
    pub fault: Option<Fault>,
}

impl LoggedRequest {
    /// The value of a header (name in lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Masks a credential: `Bearer abc` → `Bearer ***`, anything else → `***`.
pub(crate) fn mask_authorization(value: &str) -> String {
    match value.split_once(' ') {
        Some((scheme, _)) => format!("{scheme} ***"),
        None => "***".to_owned(),
    }
}
