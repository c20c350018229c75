//! What a client tells about its calls: [`Event`]s to a hook set with
//! [`ClientBuilder::on_event`](crate::ClientBuilder::on_event), and `tracing` spans and
//! events. Neither carries the API key, a message's text or a body: only the method, the
//! path without its query, ids, statuses, error codes and timings. A hook can opt in to
//! bodies ([`EventHook::with_bodies`], [`ClientBuilder::log_bodies`](crate::ClientBuilder::log_bodies)),
//! cut to [`BODY_EXCERPT_BYTES`]; spans never get them.

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// One step of a call, as the hook receives it. Hooks run on the thread doing the call
/// (the caller's, or the client's own threads for bulk, Python and Node sends): keep them
/// quick. A hook that panics is reported once on stderr and never breaks a call.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// An attempt is about to be sent.
    Request {
        /// `GET` or `POST`.
        method: &'static str,
        /// The path below the base URL, without the query.
        path: String,
        /// The case a send goes to.
        case_id: Option<i64>,
        /// 1 for the first attempt.
        attempt: u32,
        /// The request body (JSON), cut to [`BODY_EXCERPT_BYTES`], when the hook asked for
        /// bodies and the request has one.
        body: Option<String>,
    },
    /// An attempt ended: an answer, or a failure before one.
    Response {
        /// The path below the base URL, without the query.
        path: String,
        /// 1 for the first attempt.
        attempt: u32,
        /// The HTTP status, when an answer came.
        status: Option<u16>,
        /// The error code of a failed attempt (`timeout`, `server_error`, ...).
        error: Option<&'static str>,
        /// The phase a timeout fired in (`connect`, `send`, `response`, `body`).
        phase: Option<&'static str>,
        /// How long the attempt took.
        elapsed: Duration,
        /// The response body, cut to [`BODY_EXCERPT_BYTES`], when the hook asked for bodies
        /// and an answer came.
        body: Option<String>,
    },
    /// The failed attempt will be retried after `delay`.
    Retry {
        /// The path below the base URL, without the query.
        path: String,
        /// The attempt that failed.
        attempt: u32,
        /// The wait before the next attempt (back-off, or the server's `Retry-After`).
        delay: Duration,
        /// Why: the failed attempt's error code.
        reason: &'static str,
    },
    /// The call ended.
    Finished {
        /// `GET` or `POST`.
        method: &'static str,
        /// The path below the base URL, without the query.
        path: String,
        /// The case a send went to.
        case_id: Option<i64>,
        /// How many attempts were made.
        attempts: u32,
        /// The final HTTP status, when an answer came.
        status: Option<u16>,
        /// The error code, when the call failed.
        error: Option<&'static str>,
        /// Whether a failed call may have delivered its message or change.
        may_have_been_delivered: bool,
        /// How long the whole call took, retries included.
        elapsed: Duration,
    },
}

/// One field of an [`Event`] as [`Event::fields`] lists it, for front ends that turn events
/// into records of their own (dicts, JSON, log lines).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum EventField<'a> {
    /// A text: a method, a path, an error code, a body.
    Text(&'a str),
    /// A whole number: an id, an attempt, a status.
    Number(i64),
    /// A yes or no.
    Flag(bool),
    /// A duration (front ends pick the unit).
    Duration(Duration),
    /// A field without a value (no answer, no case).
    Null,
}

impl Event {
    /// `request`, `response`, `retry` or `finished`.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Request { .. } => "request",
            Event::Response { .. } => "response",
            Event::Retry { .. } => "retry",
            Event::Finished { .. } => "finished",
        }
    }

    /// The level a logger writes this event at: `info` for a finished call, `debug` for
    /// the rest.
    pub fn level(&self) -> &'static str {
        match self {
            Event::Finished { .. } => "info",
            _ => "debug",
        }
    }

    /// The one-line summary every front end logs (the Python logger, Node's `logger`,
    /// `acquire -v`): method, path, attempt, status, error code and timing, and the body
    /// excerpt when the hook asked for bodies; never the key or a message's text otherwise.
    ///
    /// ```text
    /// POST /crm/messenger/chat/add-message attempt 1
    /// attempt 1: 503 server_error (2.1 ms)
    /// retrying in 500 ms (server_error)
    /// POST /crm/messenger/chat/add-message: ok (status 200) after 2 attempt(s), 503.4 ms
    /// ```
    pub fn summary(&self) -> String {
        let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
        let answer =
            |status: &Option<u16>| status.map_or("no answer".to_owned(), |s| s.to_string());
        let mut line = match self {
            Event::Request {
                method,
                path,
                attempt,
                ..
            } => format!("{method} {path} attempt {attempt}"),
            Event::Response {
                attempt,
                status,
                error,
                phase,
                elapsed,
                ..
            } => {
                let error = error.map_or(String::new(), |e| format!(" {e}"));
                let phase = phase.map_or(String::new(), |p| format!(" in {p}"));
                format!(
                    "attempt {attempt}: {}{error}{phase} ({:.1} ms)",
                    answer(status),
                    ms(elapsed)
                )
            }
            Event::Retry { delay, reason, .. } => {
                format!("retrying in {:.0} ms ({reason})", ms(delay))
            }
            Event::Finished {
                method,
                path,
                attempts,
                status,
                error,
                may_have_been_delivered,
                elapsed,
                ..
            } => {
                let outcome = match error {
                    None => "ok".to_owned(),
                    Some(code) if *may_have_been_delivered => {
                        format!("{code}, may have been delivered")
                    }
                    Some(code) => (*code).to_owned(),
                };
                let status = status.map_or("no answer".to_owned(), |s| format!("status {s}"));
                format!(
                    "{method} {path}: {outcome} ({status}) after {attempts} attempt(s), {:.1} ms",
                    ms(elapsed)
                )
            }
        };
        if let Event::Request {
            body: Some(body), ..
        }
        | Event::Response {
            body: Some(body), ..
        } = self
        {
            line.push_str(" body ");
            line.push_str(body);
        }
        line
    }

    /// The event's fields in order, snake_case names (`case_id`, `elapsed`, ...); a body
    /// only when the hook asked for bodies.
    pub fn fields(&self) -> Vec<(&'static str, EventField<'_>)> {
        use EventField::{Duration as Took, Flag, Null, Number, Text};
        let text = |v: Option<&'static str>| v.map_or(Null, Text);
        let number = |v: Option<i64>| v.map_or(Null, Number);
        let mut fields = match self {
            Event::Request {
                method,
                path,
                case_id,
                attempt,
                ..
            } => vec![
                ("method", Text(method)),
                ("path", Text(path)),
                ("case_id", number(*case_id)),
                ("attempt", Number(i64::from(*attempt))),
            ],
            Event::Response {
                path,
                attempt,
                status,
                error,
                phase,
                elapsed,
                ..
            } => vec![
                ("path", Text(path)),
                ("attempt", Number(i64::from(*attempt))),
                ("status", number(status.map(i64::from))),
                ("error", text(*error)),
                ("phase", text(*phase)),
                ("elapsed", Took(*elapsed)),
            ],
            Event::Retry {
                path,
                attempt,
                delay,
                reason,
            } => vec![
                ("path", Text(path)),
                ("attempt", Number(i64::from(*attempt))),
                ("delay", Took(*delay)),
                ("reason", Text(reason)),
            ],
            Event::Finished {
                method,
                path,
                case_id,
                attempts,
                status,
                error,
                may_have_been_delivered,
                elapsed,
            } => vec![
                ("method", Text(method)),
                ("path", Text(path)),
                ("case_id", number(*case_id)),
                ("attempts", Number(i64::from(*attempts))),
                ("status", number(status.map(i64::from))),
                ("error", text(*error)),
                ("may_have_been_delivered", Flag(*may_have_been_delivered)),
                ("elapsed", Took(*elapsed)),
            ],
        };
        if let Event::Request {
            body: Some(body), ..
        }
        | Event::Response {
            body: Some(body), ..
        } = self
        {
            fields.push(("body", Text(body)));
        }
        fields
    }
}

/// A function called with every [`Event`] of a client's calls (see
/// [`ClientBuilder::on_event`](crate::ClientBuilder::on_event)).
#[derive(Clone)]
pub struct EventHook {
    call: Arc<dyn Fn(&Event) + Send + Sync>,
    panicked: Arc<AtomicBool>,
    bodies: bool,
}

/// The most of a body an event carries; longer ones are cut and say how long they were.
pub const BODY_EXCERPT_BYTES: usize = 1000;

impl EventHook {
    /// Wraps `call`.
    pub fn new(call: impl Fn(&Event) + Send + Sync + 'static) -> EventHook {
        EventHook {
            call: Arc::new(call),
            panicked: Arc::new(AtomicBool::new(false)),
            bodies: false,
        }
    }

    /// Also gives the hook the request and response bodies (cut to [`BODY_EXCERPT_BYTES`]):
    /// for debugging, as they hold messages' text and customers' data. Never the key.
    pub fn with_bodies(mut self, bodies: bool) -> EventHook {
        self.bodies = bodies;
        self
    }

    /// `bytes` as an event's body, when the hook asked for bodies.
    pub(crate) fn body(&self, bytes: &[u8]) -> Option<String> {
        self.bodies.then(|| excerpt(bytes))
    }

    /// Calls the hook; a panic is caught, and the first one reported on stderr.
    pub(crate) fn emit(&self, event: &Event) {
        if catch_unwind(AssertUnwindSafe(|| (self.call)(event))).is_err()
            && !self.panicked.swap(true, Ordering::Relaxed)
        {
            eprintln!("acquire-core: the on_event hook panicked; the call went on (reported once)");
        }
    }
}

impl fmt::Debug for EventHook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EventHook")
    }
}

/// `bytes` as text, cut to [`BODY_EXCERPT_BYTES`] (at a character boundary) with the length.
fn excerpt(bytes: &[u8]) -> String {
    if bytes.len() <= BODY_EXCERPT_BYTES {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut cut = String::from_utf8_lossy(&bytes[..BODY_EXCERPT_BYTES]).into_owned();
    if cut.ends_with(char::REPLACEMENT_CHARACTER) {
        cut.pop(); // a character split by the cut
    }
    format!("{cut}… ({} bytes)", bytes.len())
}

/// The path of `path_and_query`, without its query (which may hold search conditions).
pub(crate) fn path_only(path_and_query: &str) -> &str {
    path_and_query
        .split_once('?')
        .map_or(path_and_query, |(path, _)| path)
}

/// The host of a base URL, for the `server.address` span field.
pub(crate) fn server_address(base_url: &str) -> String {
    let rest = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or_default();
    match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host.to_owned(),
        _ => authority.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lose_their_query_and_hosts_their_port() {
        assert_eq!(
            path_only("/crm/objects/case?where=a|eq|b"),
            "/crm/objects/case"
        );
        assert_eq!(
            path_only("/crm/messenger/chat/add-message"),
            "/crm/messenger/chat/add-message"
        );
        assert_eq!(server_address("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(server_address("https://myco.acquire.io"), "myco.acquire.io");
    }

    #[test]
    fn bodies_are_cut_at_a_character() {
        let hook = EventHook::new(|_| {});
        assert_eq!(hook.body(b"{}"), None);
        let hook = hook.with_bodies(true);
        assert_eq!(hook.body(b"{}").as_deref(), Some("{}"));
        let long = "é".repeat(BODY_EXCERPT_BYTES);
        let cut = hook.body(long.as_bytes()).unwrap();
        assert_eq!(
            cut,
            format!("{}… (2000 bytes)", "é".repeat(BODY_EXCERPT_BYTES / 2))
        );
    }

    #[test]
    fn fields_list_an_event_in_order_with_a_body_only_when_asked() {
        let response = Event::Response {
            path: "/x".into(),
            attempt: 2,
            status: Some(503),
            error: Some("server_error"),
            phase: None,
            elapsed: Duration::from_millis(5),
            body: Some("{}".into()),
        };
        assert_eq!(response.kind(), "response");
        assert_eq!(
            response.fields(),
            vec![
                ("path", EventField::Text("/x")),
                ("attempt", EventField::Number(2)),
                ("status", EventField::Number(503)),
                ("error", EventField::Text("server_error")),
                ("phase", EventField::Null),
                ("elapsed", EventField::Duration(Duration::from_millis(5))),
                ("body", EventField::Text("{}")),
            ]
        );
    }

    #[test]
    fn a_panicking_hook_is_contained() {
        let hook = EventHook::new(|_| panic!("boom"));
        let event = Event::Retry {
            path: "/x".into(),
            attempt: 1,
            delay: Duration::ZERO,
            reason: "timeout",
        };
        hook.emit(&event);
        hook.emit(&event);
        assert!(hook.panicked.load(Ordering::Relaxed));
    }
}
