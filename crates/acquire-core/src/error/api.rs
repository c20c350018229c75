//! A non-2xx answer: its kind by status, and what the body said.

use std::fmt;

use super::Effect;
use std::time::Duration;

/// What kind of non-2xx answer an [`ApiError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 400/409/422: the API rejected the input (`ERROR_INVALID_INPUT`,
    /// `ERROR_RECORD_NOT_FOUND`, `ERROR_DUPLICATE_RECORD_FOUND`, …). Fix the request.
    BadRequest,
    /// 401 `ERROR_UNAUTHORIZED`: the API key is missing, wrong or revoked.
    Unauthorized,
    /// 403 `ERROR_UNAUTHORIZED_ACCESS`: the key lacks the permission.
    Forbidden,
    /// 404: no such object or endpoint (check the account id or base URL).
    NotFound,
    /// 429: too many requests; wait [`ApiError::retry_after`] if given.
    RateLimited,
    /// 5xx: Acquire or a proxy failed. The message may or may not have been stored.
    Server,
    /// Any other status (3xx, 408, other 4xx).
    Other,
}

impl ApiErrorKind {
    /// The kind for an HTTP status code.
    pub fn from_status(status: u16) -> Self {
        match status {
            400 | 409 | 422 => ApiErrorKind::BadRequest,
            401 => ApiErrorKind::Unauthorized,
            403 => ApiErrorKind::Forbidden,
            404 => ApiErrorKind::NotFound,
            429 => ApiErrorKind::RateLimited,
            500..=599 => ApiErrorKind::Server,
            _ => ApiErrorKind::Other,
        }
    }

    /// The stable code of this kind (see [`Error::code`](crate::Error::code)).
    pub fn code(self) -> &'static str {
        match self {
            ApiErrorKind::BadRequest => "bad_request",
            ApiErrorKind::Unauthorized => "unauthorized",
            ApiErrorKind::Forbidden => "forbidden",
            ApiErrorKind::NotFound => "not_found",
            ApiErrorKind::RateLimited => "rate_limited",
            ApiErrorKind::Server => "server_error",
            ApiErrorKind::Other => "api_error",
        }
    }
}

/// A non-2xx answer, with what the body said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// The class of the status.
    pub kind: ApiErrorKind,
    /// Acquire's error type, such as `ERROR_INVALID_INPUT`, when the body names one.
    pub error_type: Option<String>,
    /// The body's error message, or the status line (`502 Bad Gateway`) when it has none.
    pub message: String,
    /// The server's `Retry-After`, when it sent one.
    pub retry_after: Option<Duration>,
    /// The raw response body (lossy UTF-8), capped at 64 KiB.
    pub body: String,
    /// How many HTTP attempts were made.
    pub attempts: u32,
    /// What the request does (a failed read delivered nothing).
    pub(crate) effect: Effect,
    /// A read-back proved the message absent.
    pub(crate) settled: bool,
}

impl ApiError {
    /// Whether the message (or the change) may have been stored despite this answer:
    /// true for 500, 502 and 504 of a request that writes, whose cause is unknown; false
    /// for answers that reject the request, and for reads.
    pub fn may_have_been_delivered(&self) -> bool {
        !self.settled
            && self.effect != Effect::Read
            && crate::retry::uncertain::status_may_follow_a_change(self.status)
    }

    /// Whether the answer says the object does not exist (404, or Acquire's
    /// `ERROR_RECORD_NOT_FOUND`, which it sends with 400 too).
    pub(crate) fn is_not_found(&self) -> bool {
        self.kind == ApiErrorKind::NotFound
            || self.error_type.as_deref() == Some("ERROR_RECORD_NOT_FOUND")
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.status)?;
        if let Some(error_type) = &self.error_type {
            write!(f, " {error_type}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ApiError {}
