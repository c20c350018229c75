//! An error answer of the API: status, Acquire's error type and message, as every endpoint
//! sends it.

use serde_json::json;

/// An error answer: status, Acquire error type and message. The body is
/// `{"type": "ERROR_…", "message": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rejection {
    pub status: u16,
    pub error_type: &'static str,
    pub message: String,
}

impl Rejection {
    pub(crate) fn new(status: u16, error_type: &'static str, message: impl Into<String>) -> Self {
        Rejection {
            status,
            error_type,
            message: message.into(),
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Rejection::new(400, "ERROR_INVALID_INPUT", message)
    }

    /// The JSON error body.
    pub fn body(&self) -> String {
        json!({"type": self.error_type, "message": self.message}).to_string()
    }
}
