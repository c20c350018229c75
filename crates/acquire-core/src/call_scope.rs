//! What a call tells the world while it runs: one `acquire.call` tracing span (OpenTelemetry
//! HTTP client names) and the hook's events — each request, each response, each retry and
//! the end — kept apart from the retry loop that makes them (`Client::execute`).

use std::time::{Duration, Instant};

use tracing::span::EnteredSpan;

use crate::Error;
use crate::observe::{self, Event, EventHook};

/// One call's span and events.
pub(crate) struct CallScope<'a> {
    hook: Option<&'a EventHook>,
    method: &'static str,
    path: &'a str,
    case_id: Option<i64>,
    span: EnteredSpan,
    started: Instant,
}

impl<'a> CallScope<'a> {
    /// Opens the span of a call of `method` to `path` (below `/api/v1`, query and all) on
    /// `server_address`, entered until [`CallScope::finish`]; events go to `hook`.
    pub(crate) fn open(
        hook: Option<&'a EventHook>,
        server_address: &str,
        method: &'static str,
        path: &'a str,
        case_id: Option<i64>,
    ) -> CallScope<'a> {
        let path = observe::path_only(path);
        let span = tracing::info_span!(
            "acquire.call",
            otel.name = %format_args!("{method} {path}"),
            otel.kind = "client",
            http.request.method = method,
            server.address = %server_address,
            url.path = path,
            acquire.case_id = case_id,
            http.request.resend_count = tracing::field::Empty,
            http.response.status_code = tracing::field::Empty,
            error.type = tracing::field::Empty,
            acquire.may_have_been_delivered = tracing::field::Empty,
            acquire.elapsed_ms = tracing::field::Empty,
        );
        CallScope {
            hook,
            method,
            path,
            case_id,
            span: span.entered(),
            started: Instant::now(),
        }
    }

    /// Builds an event and calls the hook, when there is one.
    fn emit(&self, event: impl FnOnce(&EventHook) -> Event) {
        if let Some(hook) = self.hook {
            hook.emit(&event(hook));
        }
    }

    /// Attempt number `attempt` is about to send `body`.
    pub(crate) fn request(&self, attempt: u32, body: Option<&str>) {
        self.emit(|hook| Event::Request {
            method: self.method,
            path: self.path.to_owned(),
            case_id: self.case_id,
            attempt,
            body: body.and_then(|b| hook.body(b.as_bytes())),
        });
    }

    /// Attempt number `attempt`, begun at `began`, ended with `result`.
    pub(crate) fn response(
        &self,
        attempt: u32,
        began: Instant,
        result: &Result<(u16, Vec<u8>), Error>,
    ) {
        let fields = result.as_ref().err().map(Error::fields);
        let status = match result {
            Ok((status, _)) => Some(*status),
            Err(_) => fields.as_ref().and_then(|f| f.status),
        };
        let error = fields.as_ref().map(|f| f.code);
        let phase = fields.as_ref().and_then(|f| f.phase);
        tracing::debug!(
            attempt,
            http.response.status_code = status,
            error.type = error,
            phase,
            elapsed_ms = began.elapsed().as_secs_f64() * 1000.0,
            "attempt"
        );
        self.emit(|hook| Event::Response {
            path: self.path.to_owned(),
            attempt,
            status,
            error,
            phase,
            elapsed: began.elapsed(),
            body: match result {
                Ok((_, bytes)) => hook.body(bytes),
                Err(Error::Api(e)) => hook.body(e.body.as_bytes()),
                Err(_) => None,
            },
        });
    }

    /// Attempt number `attempt` failed with a `reason` that is retried after `delay`.
    pub(crate) fn retrying(&self, attempt: u32, delay: Duration, reason: &'static str) {
        tracing::info!(
            attempt,
            delay_ms = delay.as_millis() as u64,
            reason,
            "retrying"
        );
        self.emit(|_| Event::Retry {
            path: self.path.to_owned(),
            attempt,
            delay,
            reason,
        });
    }

    /// The call ended after `attempts` attempts with `outcome` (its 2xx status, or the
    /// error): records it on the span and sends the last event.
    pub(crate) fn finish<T>(self, attempts: u32, outcome: &Result<(u16, T), Error>) {
        let elapsed = self.started.elapsed();
        let (status, error, delivered) = match outcome {
            Ok((status, _)) => (Some(*status), None, false),
            Err(err) => (
                err.fields().status,
                Some(err.code()),
                err.may_have_been_delivered(),
            ),
        };
        // As i64: OpenTelemetry has no unsigned integers (tracing-opentelemetry would make
        // a u64 a string).
        let span = &self.span;
        span.record("http.request.resend_count", i64::from(attempts - 1));
        span.record("http.response.status_code", status.map(i64::from));
        span.record("error.type", error);
        span.record("acquire.may_have_been_delivered", delivered);
        span.record("acquire.elapsed_ms", elapsed.as_secs_f64() * 1000.0);
        self.emit(|_| Event::Finished {
            method: self.method,
            path: self.path.to_owned(),
            case_id: self.case_id,
            attempts,
            status,
            error,
            may_have_been_delivered: delivered,
            elapsed,
        });
    }
}
