//! Turning an HTTP response into a typed value (`{"data": …}`) or an [`ApiError`] /
//! [`DecodeError`].

use std::io::Read;
use std::time::SystemTime;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use ureq::Body;
use ureq::http::Response;

use crate::error::{ApiError, ApiErrorKind, DecodeError, Effect};
use crate::{ApiKey, Error, Message, json_text, retry};

/// The largest success body read (a send's answer is a few KiB).
pub(crate) const MAX_BODY_BYTES: u64 = 10 * 1024 * 1024;
/// How much of an error body is kept.
pub(crate) const MAX_ERROR_BODY_BYTES: u64 = 64 * 1024;
/// How much of an undecodable body a [`DecodeError`] shows.
const SNIPPET_BYTES: usize = 1024;

#[derive(Deserialize)]
struct Envelope<T> {
    data: T,
}

/// Decodes a Send Message 2xx body: `{"data": Message}`, keeping the body as the
/// message's raw JSON.
pub(crate) fn decode_success(status: u16, body: Vec<u8>) -> Result<Message, Error> {
    let (message, text) = decode_data::<Message>(status, body, Effect::Send, "Message")?;
    Ok(message.with_raw(text))
}

/// Decodes a 2xx body `{"data": T}` and returns `T` with the body text; `expected` names
/// `T` in the error. Lone surrogates read as U+FFFD (see [`json_text`]).
pub(crate) fn decode_data<T: DeserializeOwned>(
    status: u16,
    body: Vec<u8>,
    effect: Effect,
    expected: &str,
) -> Result<(T, String), Error> {
    let fail = |message: String, bytes: &[u8]| decode_error(status, effect, message, bytes);
    let text = String::from_utf8(body)
        .map_err(|e| fail("body is not valid UTF-8".into(), e.as_bytes()))?;
    match json_text::from_str::<Envelope<T>>(&text) {
        Ok(envelope) => Ok((envelope.data, text)),
        Err(e) => Err(fail(
            format!("expected {{\"data\": {expected}}}: {e}"),
            text.as_bytes(),
        )),
    }
}

/// Decodes a 2xx body as any JSON (a raw request's answer); lone surrogates read as U+FFFD.
pub(crate) fn decode_json(status: u16, body: Vec<u8>, effect: Effect) -> Result<Value, Error> {
    let text = String::from_utf8(body).map_err(|e| {
        decode_error(
            status,
            effect,
            "body is not valid UTF-8".into(),
            e.as_bytes(),
        )
    })?;
    json_text::from_str::<Value>(&text).map_err(|e| {
        decode_error(
            status,
            effect,
            format!("expected JSON: {e}"),
            text.as_bytes(),
        )
    })
}

/// A 2xx body that could not be read, with the start of it.
pub(crate) fn decode_error(status: u16, effect: Effect, message: String, bytes: &[u8]) -> Error {
    let end = bytes.len().min(SNIPPET_BYTES);
    Error::Decode(Box::new(DecodeError {
        status,
        message,
        snippet: String::from_utf8_lossy(&bytes[..end]).into_owned(),
        attempts: 1,
        effect,
    }))
}

/// The error for a success body larger than the cap.
pub(crate) fn too_large(status: u16, limit: u64) -> Error {
    Error::Decode(Box::new(DecodeError {
        status,
        message: format!("body is larger than {limit} bytes"),
        snippet: String::new(),
        attempts: 1,
        effect: Effect::Send,
    }))
}

/// Reads an error response into an [`ApiError`], redacting the API key if the server
/// echoed it.
pub(crate) fn api_error(response: Response<Body>, key: &ApiKey) -> Error {
    let status = response.status();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| retry::parse_retry_after(v, SystemTime::now()));
    let mut bytes = Vec::new();
    // A body that breaks off still tells what it had; the status is what matters.
    let _ = response
        .into_body()
        .into_reader()
        .take(MAX_ERROR_BODY_BYTES)
        .read_to_end(&mut bytes);
    let body = redact(String::from_utf8_lossy(&bytes).into_owned(), key);
    let (error_type, message) = error_fields(&body);
    let message = message.map(|m| redact(m, key)).unwrap_or_else(|| {
        let reason = status.canonical_reason().unwrap_or("Unknown Status");
        format!("{} {reason}", status.as_u16())
    });
    Error::Api(Box::new(ApiError {
        status: status.as_u16(),
        kind: ApiErrorKind::from_status(status.as_u16()),
        error_type,
        message,
        retry_after,
        body,
        attempts: 1,
        effect: Effect::Send,
        settled: false,
    }))
}

/// Reads Acquire's error type and message from the body shapes seen in practice:
/// `{"type", "message"}`, `{"error": {"type", "message"}}`, `{"error": "…"}`,
/// `{"message": "…"}`. Anything else gives `(None, None)`.
pub(crate) fn error_fields(body: &str) -> (Option<String>, Option<String>) {
    let Ok(Value::Object(root)) = json_text::from_str::<Value>(body) else {
        return (None, None);
    };
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    let mut error_type = text(root.get("type")).or_else(|| text(root.get("code")));
    let mut message = text(root.get("message"));
    match root.get("error") {
        Some(Value::Object(inner)) => {
            error_type = error_type
                .or_else(|| text(inner.get("type")))
                .or_else(|| text(inner.get("code")));
            message = message.or_else(|| text(inner.get("message")));
        }
        Some(Value::String(s)) if is_error_type(s) => error_type = error_type.or(Some(s.clone())),
        Some(Value::String(s)) => message = message.or(Some(s.clone())),
        _ => {}
    }
    (error_type, message.filter(|m| !m.is_empty()))
}

/// Whether `s` looks like an Acquire error type (`ERROR_INVALID_INPUT`).
fn is_error_type(s: &str) -> bool {
    s.starts_with("ERROR_") && s.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
}

/// Replaces the API key in text from the server (a key shorter than 8 characters is too
/// likely to match ordinary text to be worth hiding this way).
fn redact(text: String, key: &ApiKey) -> String {
    let key = key.expose();
    if key.len() >= 8 && text.contains(key) {
        text.replace(key, "***")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_shapes() {
        let f = |s: &str| error_fields(s);
        let both = (Some("ERROR_INVALID_INPUT".into()), Some("bad".into()));
        assert_eq!(f(r#"{"type":"ERROR_INVALID_INPUT","message":"bad"}"#), both);
        assert_eq!(
            f(r#"{"error":{"type":"ERROR_INVALID_INPUT","message":"bad"}}"#),
            both
        );
        assert_eq!(
            f(r#"{"error":"ERROR_UNAUTHORIZED"}"#),
            (Some("ERROR_UNAUTHORIZED".into()), None)
        );
        assert_eq!(f(r#"{"error":"nope"}"#), (None, Some("nope".into())));
        assert_eq!(f(r#"{"message":"m"}"#), (None, Some("m".into())));
        assert_eq!(f("<html>502</html>"), (None, None));
        assert_eq!(f(""), (None, None));
    }

    #[test]
    fn redacts_long_keys_only() {
        let key = ApiKey::new("secret-key-123");
        assert_eq!(redact("bad key secret-key-123".into(), &key), "bad key ***");
        assert_eq!(redact("k".into(), &ApiKey::new("k")), "k");
    }
}
