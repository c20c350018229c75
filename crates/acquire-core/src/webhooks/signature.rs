//! Signing and verifying webhook payloads (HMAC-SHA256, hex).

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{Event, js_json};

/// The header that carries the signature.
pub const SIGNATURE_HEADER: &str = "x-acquire-signature";

/// Why a webhook delivery was refused. No variant's text shows the secret or the full
/// signature.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The secret to verify with is empty: configure the webhook's HMAC key.
    #[error("the webhook secret is empty: pass the HMAC key set on the Acquire webhook")]
    EmptySecret,
    /// The delivery has no `x-acquire-signature` header (or an empty one).
    #[error("the webhook has no x-acquire-signature header")]
    MissingSignature,
    /// The header is not 64 hex digits.
    #[error("the x-acquire-signature header is not 64 hex digits")]
    MalformedSignature,
    /// The signature does not match the body under this secret: a wrong secret, a body
    /// changed on the way (or re-serialized by your framework), or a forged delivery.
    #[error(
        "the x-acquire-signature does not match the body: check the secret and pass the raw request body"
    )]
    SignatureMismatch,
    /// The body is not a webhook event (not a JSON object with an `event` name).
    #[error("invalid webhook payload: {reason}")]
    InvalidPayload {
        /// What is wrong with it.
        reason: String,
    },
}

impl WebhookError {
    /// A stable name for the error: `empty_secret`, `missing_signature`,
    /// `malformed_signature`, `signature_mismatch`, `invalid_payload`.
    pub fn code(&self) -> &'static str {
        match self {
            WebhookError::EmptySecret => "empty_secret",
            WebhookError::MissingSignature => "missing_signature",
            WebhookError::MalformedSignature => "malformed_signature",
            WebhookError::SignatureMismatch => "signature_mismatch",
            WebhookError::InvalidPayload { .. } => "invalid_payload",
        }
    }
}

fn mac(secret: &str, body: &[u8]) -> Hmac<Sha256> {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any size");
    mac.update(body);
    mac
}

/// The `x-acquire-signature` Acquire would send for `body` under `secret`: lowercase hex
/// HMAC-SHA256. For your own tests of a webhook endpoint.
pub fn sign(body: &[u8], secret: &str) -> String {
    let digest = mac(secret, body).finalize().into_bytes();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks that `signature` (the `x-acquire-signature` header, upper- or lowercase hex) is
/// the signature of the raw request `body` under `secret`; see the module docs for the
/// JSON re-serialization it also accepts.
pub fn verify(body: &[u8], signature: &str, secret: &str) -> Result<(), WebhookError> {
    if secret.is_empty() {
        return Err(WebhookError::EmptySecret);
    }
    let signature = signature.trim();
    if signature.is_empty() {
        return Err(WebhookError::MissingSignature);
    }
    let expected = decode_hex(signature).ok_or(WebhookError::MalformedSignature)?;
    if mac(secret, body).verify_slice(&expected).is_ok() {
        return Ok(());
    }
    match compact_json(body) {
        Some(compact) if mac(secret, &compact).verify_slice(&expected).is_ok() => Ok(()),
        _ => Err(WebhookError::SignatureMismatch),
    }
}

/// [`verify`], then [`Event::parse`]: the event of a delivery whose signature holds.
pub fn construct_event(body: &[u8], signature: &str, secret: &str) -> Result<Event, WebhookError> {
    verify(body, signature, secret)?;
    Event::parse(body)
}

/// 32 bytes from 64 hex digits.
fn decode_hex(text: &str) -> Option<[u8; 32]> {
    let digits = text.as_bytes();
    if digits.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        let high = (pair[0] as char).to_digit(16)?;
        let low = (pair[1] as char).to_digit(16)?;
        *byte = (high * 16 + low) as u8;
    }
    Some(out)
}

/// `JSON.stringify(JSON.parse(body))`, when the body is JSON and that differs from it.
fn compact_json(body: &[u8]) -> Option<Vec<u8>> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let compact = js_json::stringify(&value).into_bytes();
    (compact != body).then_some(compact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_64_digits_of_either_case() {
        let lower = sign(b"{}", "k");
        assert_eq!(lower.len(), 64);
        assert!(decode_hex(&lower).is_some());
        assert!(decode_hex(&lower.to_uppercase()).is_some());
        assert!(decode_hex(&lower[..63]).is_none());
        assert!(decode_hex(&format!("{}g", &lower[..63])).is_none());
        assert!(decode_hex(&"é".repeat(32)).is_none());
    }
}
