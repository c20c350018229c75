//! What a contact, case or message endpoint answers, and the checks of their input that
//! they share.

use serde_json::{Map, Value, json};

use crate::rejection::Rejection;

/// What an endpoint answered: the body, a case whose status changed (for the
/// `case:status` webhook) and other webhook payloads to send.
pub(crate) struct Answer {
    pub body: Value,
    pub status_changed: Option<i64>,
    pub notify: Vec<Value>,
}

impl Answer {
    /// `{"data": data}`, nothing to notify.
    pub(crate) fn data(data: Value) -> Result<Answer, Rejection> {
        Ok(Answer {
            body: json!({ "data": data }),
            status_changed: None,
            notify: Vec::new(),
        })
    }
}

/// A positive id in a path segment.
pub(crate) fn parse_id(name: &str, value: &str) -> Result<i64, Rejection> {
    value
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| Rejection::invalid(format!("{name} must be a positive integer")))
}

/// The 404 `ERROR_RECORD_NOT_FOUND` of an unknown id.
pub(crate) fn not_found(what: &str, id: i64) -> Rejection {
    Rejection::new(
        404,
        "ERROR_RECORD_NOT_FOUND",
        format!("{what} {id} not found"),
    )
}

/// The JSON object body (an empty body is `{}` unless `required`).
pub(crate) fn body_object(body: &[u8], required: bool) -> Result<Map<String, Value>, Rejection> {
    if body.iter().all(u8::is_ascii_whitespace) && !required {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Rejection::invalid("the body must be a JSON object")),
    }
}
