//! Acquire's webhooks: check the `x-acquire-signature` of a delivery and read its event.
//!
//! ```
//! use acquire_core::webhooks::{self, EventKind};
//!
//! let body = br#"{"event":"case:status","data":{"caseId":"72","status":"closed"}}"#;
//! let signature = webhooks::sign(body, "my-webhook-secret");
//! let event = webhooks::construct_event(body, &signature, "my-webhook-secret")?;
//! assert_eq!(event.kind(), EventKind::CaseStatus);
//! assert_eq!((event.case_id(), event.status().as_deref()), (Some(72), Some("closed")));
//! # Ok::<(), acquire_core::webhooks::WebhookError>(())
//! ```
//!
//! # The signature
//!
//! Acquire sends the lowercase hex HMAC-SHA256 of the payload under the secret you set on
//! the webhook. Its docs compute it over `JSON.stringify(parsedBody)`; a Node sender that
//! signs the string it sends produces the raw body itself, so [`verify`] checks the raw
//! bytes first and, only if they do not match and the body is JSON, `JSON.stringify` of
//! the parsed body as V8 writes it (compact, keys in their original order except that
//! integer-like keys come first, `1.0` written `1`): a body that was pretty-printed or
//! re-encoded on the way (by a proxy, or a test fixture) still verifies when its content
//! is what was signed. Both comparisons run in constant time. The scheme has no timestamp, so a captured delivery can be replayed:
//! make handlers idempotent (on the message id, or on case id + status).

mod event;
mod js_json;
mod signature;

pub use event::{Event, EventKind, Generation, WebhookContact, WebhookMessage, WebhookUser};
pub use signature::{SIGNATURE_HEADER, WebhookError, construct_event, sign, verify};
