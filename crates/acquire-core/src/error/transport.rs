//! A failure on the way: a timeout (and in which phase), a refused or broken connection.

use std::fmt;

use super::Effect;

/// Which phase of the exchange ran out of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutPhase {
    /// Connecting (DNS, TCP, TLS): the request was not sent.
    Connect,
    /// Writing the request.
    Send,
    /// Waiting for the response headers.
    Response,
    /// Reading the response body.
    Body,
}

impl TimeoutPhase {
    /// A lowercase name: `connect`, `send`, `response`, `body`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeoutPhase::Connect => "connect",
            TimeoutPhase::Send => "send",
            TimeoutPhase::Response => "response",
            TimeoutPhase::Body => "body",
        }
    }
}

/// What broke in a [`TransportError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The host could not be resolved or the connection was refused or unreachable.
    Connect,
    /// The TLS handshake failed (certificate, protocol).
    Tls,
    /// A timeout fired in the given phase.
    Timeout(TimeoutPhase),
    /// The connection broke (reset, closed) while sending or receiving.
    Io,
    /// The server's answer was not valid HTTP.
    Protocol,
}

/// The HTTP exchange failed before a complete response arrived.
#[derive(Debug)]
#[non_exhaustive]
pub struct TransportError {
    /// What broke.
    pub kind: TransportErrorKind,
    /// A readable description (never contains the API key).
    pub message: String,
    /// `false` when the request surely never reached the server (nothing was written),
    /// `true` otherwise: then a resend could duplicate the message.
    pub may_have_been_delivered: bool,
    /// How many HTTP attempts were made.
    pub attempts: u32,
    /// What the request does.
    pub(crate) effect: Effect,
    /// The underlying error.
    pub(crate) source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        match (self.effect, self.may_have_been_delivered) {
            (Effect::Send, true) => f.write_str(" (the message may have been delivered)"),
            (Effect::Send, false) => f.write_str(" (the message was not delivered)"),
            (Effect::Write, true) => f.write_str(" (the change may have been made)"),
            (Effect::Write, false) => f.write_str(" (nothing was changed)"),
            (Effect::Read, _) => Ok(()),
        }
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}
