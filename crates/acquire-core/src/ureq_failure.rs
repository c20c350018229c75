//! Mapping ureq's failures to [`TransportError`]s that say whether the message may
//! have been delivered.

use std::io;
use std::time::Duration;

use ureq::Timeout;

use crate::Error;
use crate::delivery;
use crate::error::{Effect, TimeoutPhase, TransportError, TransportErrorKind};

/// The limits in force for one attempt, for readable timeout messages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub connect: Duration,
    pub io: Duration,
}

/// Converts a ureq error of the current attempt (on this thread) into an [`Error`].
pub(crate) fn from_ureq(err: ureq::Error, limits: Limits) -> Error {
    let (kind, what) = classify(&err);
    let message = match kind {
        TransportErrorKind::Timeout(phase) => {
            let limit = if phase == TimeoutPhase::Connect {
                limits.connect
            } else {
                limits.io
            };
            format!("timed out {what} (limit {limit:?})")
        }
        _ => format!("{what}: {err}"),
    };
    Error::Transport(Box::new(TransportError {
        kind,
        message,
        may_have_been_delivered: delivery::request_may_have_arrived(),
        attempts: 1,
        effect: Effect::Send,
        source: Some(Box::new(err)),
    }))
}

fn classify(err: &ureq::Error) -> (TransportErrorKind, &'static str) {
    use TransportErrorKind as K;
    match err {
        ureq::Error::Timeout(t) => {
            let phase = match t {
                Timeout::Resolve | Timeout::Connect => TimeoutPhase::Connect,
                Timeout::SendRequest | Timeout::SendBody | Timeout::PerWrite => TimeoutPhase::Send,
                Timeout::RecvBody => TimeoutPhase::Body,
                _ => TimeoutPhase::Response,
            };
            let what = match phase {
                TimeoutPhase::Connect => "connecting",
                TimeoutPhase::Send => "sending the request",
                TimeoutPhase::Response => "waiting for the response",
                TimeoutPhase::Body => "reading the response body",
            };
            (K::Timeout(phase), what)
        }
        ureq::Error::HostNotFound => (K::Connect, "could not resolve the host"),
        ureq::Error::ConnectionFailed
        | ureq::Error::ConnectProxyFailed(_)
        | ureq::Error::InvalidProxyUrl => (K::Connect, "could not connect"),
        ureq::Error::Io(e) if is_connect_error(e) => (K::Connect, "could not connect"),
        ureq::Error::Tls(_)
        | ureq::Error::Pem(_)
        | ureq::Error::Rustls(_)
        | ureq::Error::TlsRequired => (K::Tls, "TLS failed"),
        ureq::Error::Protocol(_) | ureq::Error::LargeResponseHeader(..) => {
            (K::Protocol, "invalid HTTP response")
        }
        _ => (K::Io, "connection failed"),
    }
}

fn is_connect_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::HostUnreachable
            | io::ErrorKind::NetworkUnreachable
            | io::ErrorKind::NetworkDown
            | io::ErrorKind::AddrNotAvailable
    )
}
