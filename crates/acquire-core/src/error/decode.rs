//! A 2xx answer whose body could not be read.

use std::fmt;

use super::Effect;

/// A 2xx answer whose body is not the expected JSON (`{"data": …}` of the call's shape).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeError {
    /// The HTTP status code (2xx).
    pub status: u16,
    /// What was wrong with the body.
    pub message: String,
    /// The start of the body (lossy UTF-8, at most 1 KiB).
    pub snippet: String,
    /// How many HTTP attempts were made.
    pub attempts: u32,
    /// What the request does.
    pub(crate) effect: Effect,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unexpected {} response body: {}",
            self.status, self.message
        )?;
        match self.effect {
            Effect::Send => f.write_str(" (the message was delivered)"),
            Effect::Write => f.write_str(" (the change was made)"),
            Effect::Read => Ok(()),
        }
    }
}

impl std::error::Error for DecodeError {}
