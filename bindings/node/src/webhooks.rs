//! Webhook signatures and events for the JavaScript layer's `webhooks` namespace.

use acquire_core::webhooks::{self, Event, WebhookError};
use napi::bindgen_prelude::Buffer;
use napi::{Error, Status};
use napi_derive::napi;

/// A webhook error as a napi error whose message is `{"code", "message"}` JSON, which the
/// JavaScript layer turns into its error classes.
fn to_js(err: &WebhookError) -> Error {
    let json = serde_json::json!({"code": err.code(), "message": err.to_string()});
    Error::new(Status::InvalidArg, json.to_string())
}

/// Throws unless `signature` signs the raw `body` under `secret`.
#[napi]
pub fn webhook_verify(body: Buffer, signature: String, secret: String) -> napi::Result<()> {
    webhooks::verify(&body, &signature, &secret).map_err(|e| to_js(&e))
}

/// The `x-acquire-signature` for `body` under `secret`.
#[napi]
pub fn webhook_sign(body: Buffer, secret: String) -> String {
    webhooks::sign(&body, &secret)
}

/// The event of a body, as JSON text of its typed fields (throws if it is not an event).
#[napi]
pub fn webhook_parse(body: Buffer) -> napi::Result<String> {
    let event = Event::parse(&body).map_err(|e| to_js(&e))?;
    Ok(serde_json::to_string(&event).unwrap_or_default())
}
