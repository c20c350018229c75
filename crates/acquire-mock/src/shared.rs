//! The state every connection shares, and the request and response types its handlers use.

use std::collections::VecDeque;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use acquire_core::internal::lock;
use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::{Method, Response, StatusCode};
use serde_json::Value;
use tokio::sync::watch;

use crate::fixtures::Fixtures;
use crate::guard::{Guard, Seen};
use crate::rejection::Rejection;
use crate::request_log::LoggedRequest;
use crate::script::Step;
use crate::webhooks::{self, Deliveries, WebhookTarget};
use crate::world::World;

/// A response body: whole, or streamed for the drip and truncate faults.
pub(crate) type Body = BoxBody<Bytes, io::Error>;

/// How many of the newest logged requests keep the body answered.
pub(crate) const ANSWERS_KEPT: usize = 1000;

/// State shared by every connection.
pub(crate) struct Shared {
    pub(crate) fixtures: Fixtures,
    pub(crate) static_mode: bool,
    pub(crate) static_answer: Bytes,
    pub(crate) world: Mutex<World>,
    pub(crate) request_log: Mutex<VecDeque<LoggedRequest>>,
    pub(crate) requests_total: AtomicU64,
    pub(crate) keep: usize,
    pub(crate) script: Mutex<VecDeque<Step>>,
    pub(crate) webhook: Mutex<Option<WebhookTarget>>,
    pub(crate) deliveries: Deliveries,
    /// Scripted steps taken since the start or the last reset.
    pub(crate) consumed: AtomicU64,
    /// The state's version, raised by every change the inbox shows.
    pub(crate) changes: watch::Sender<u64>,
    /// Who may use the inbox and the control endpoints.
    pub(crate) guard: Guard,
}

impl Shared {
    /// The state of a server starting from `fixtures` (see `MockConfig` for the rest).
    pub(crate) fn new(
        fixtures: Fixtures,
        static_mode: bool,
        webhook: Option<WebhookTarget>,
        keep: usize,
        guard: Guard,
    ) -> Shared {
        let world = World::new(&fixtures, keep);
        let static_answer = Bytes::from(world.sample_answer().to_string());
        Shared {
            fixtures,
            static_mode,
            static_answer,
            world: Mutex::new(world),
            request_log: Mutex::default(),
            requests_total: AtomicU64::new(0),
            keep: keep.max(1),
            script: Mutex::default(),
            webhook: Mutex::new(webhook),
            deliveries: Deliveries::default(),
            consumed: AtomicU64::new(0),
            changes: watch::Sender::new(0),
            guard,
        }
    }

    /// Totals since the start or the last reset.
    pub(crate) fn stats(&self) -> crate::Stats {
        crate::Stats {
            requests: self.requests_total.load(Ordering::Relaxed),
            stored: self.world().stored_total(),
        }
    }

    /// Clears the request log, the deliveries and the script and restores the fixtures' state.
    pub(crate) fn reset(&self) {
        lock(&self.request_log).clear();
        self.requests_total.store(0, Ordering::Relaxed);
        lock(&self.deliveries).clear();
        lock(&self.script).clear();
        self.consumed.store(0, Ordering::Relaxed);
        *self.world() = World::new(&self.fixtures, self.keep);
        self.changed();
    }

    /// Tells the inbox's live streams that something changed.
    pub(crate) fn changed(&self) {
        self.changes.send_modify(|version| *version += 1);
    }

    /// The stored contacts, cases and messages, locked.
    pub(crate) fn world(&self) -> MutexGuard<'_, World> {
        lock(&self.world)
    }

    /// Takes the first queued step that applies to a send with this request body.
    pub(crate) fn next_step(&self, body: &[u8]) -> Step {
        let mut script = lock(&self.script);
        if script.is_empty() {
            return Step::default();
        }
        let (text, case_id) = message_text_and_case(body);
        let found = script
            .iter()
            .position(|step| step.applies_to(text.as_deref(), case_id));
        self.take(&mut script, found)
    }

    /// Takes the first queued step aimed at this path (below `/api/v1`).
    pub(crate) fn next_crm_step(&self, path: &str) -> Step {
        let mut script = lock(&self.script);
        let found = script.iter().position(|step| step.applies_to_path(path));
        self.take(&mut script, found)
    }

    /// Removes the step at `index` (counted as consumed), or gives the default one.
    fn take(&self, script: &mut VecDeque<Step>, index: Option<usize>) -> Step {
        match index.and_then(|index| script.remove(index)) {
            Some(step) => {
                self.consumed.fetch_add(1, Ordering::Relaxed);
                step
            }
            None => Step::default(),
        }
    }

    /// Answers a contact, case or message request on the shared state; a closed case
    /// sends `case:status`, an invitation `user:case-invite`.
    pub(crate) fn crm(&self, request: &ReceivedRequest, path: &str) -> Result<Value, Rejection> {
        let crm_request = crate::crm::Request {
            method: request.method.as_str(),
            path,
            query: &request.query,
            body: &request.body,
        };
        let answer = crate::crm::handle(
            &mut self.world(),
            request.authorization.as_deref(),
            &crm_request,
        )?;
        if let Some(case_id) = answer.status_changed {
            let found = self.world().case_and_messages(case_id);
            if let Some((case, messages)) = found {
                self.notify(&webhooks::status_event(
                    &case,
                    &messages.iter().collect::<Vec<_>>(),
                ));
            }
        }
        for payload in &answer.notify {
            self.notify(payload);
        }
        Ok(answer.body)
    }

    /// Appends a logged request, dropping the oldest beyond `keep`, and the answer bodies of
    /// all but the newest [`ANSWERS_KEPT`] (a send's answer holds the whole case).
    pub(crate) fn record(&self, entry: LoggedRequest) {
        let mut log = lock(&self.request_log);
        if log.len() >= self.keep {
            log.pop_front();
        }
        log.push_back(entry);
        if let Some(index) = log.len().checked_sub(ANSWERS_KEPT + 1) {
            log[index].response = None;
        }
        drop(log);
        self.requests_total.fetch_add(1, Ordering::Relaxed);
        self.changed();
    }

    /// Sends `payload` as a signed webhook, when a webhook URL is configured.
    pub(crate) fn notify(&self, payload: &Value) {
        if let Some(target) = &*lock(&self.webhook) {
            webhooks::deliver(target, payload, &self.deliveries, self.keep, &self.changes);
        }
    }

    /// Stores a message from the case's contact and sends `case:message:new`.
    pub(crate) fn contact_message(&self, case_id: i64, text: &str) -> Result<Value, Rejection> {
        let (case, stored) = self.world().add_contact_message(case_id, text)?;
        self.notify(&webhooks::message_event(&case, &stored));
        Ok(stored)
    }

    /// Changes a case's status and sends `case:status`.
    pub(crate) fn set_case_status(&self, case_id: i64, status: &str) -> Result<Value, Rejection> {
        let (case, messages) = self.world().set_case_status(case_id, status)?;
        self.notify(&webhooks::status_event(
            &case,
            &messages.iter().collect::<Vec<_>>(),
        ));
        Ok(case)
    }
}

/// The `message.message` text and the `caseId` of a Send Message body, where present.
fn message_text_and_case(body: &[u8]) -> (Option<String>, Option<i64>) {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return (None, None);
    };
    let text = value["message"]["message"].as_str().map(str::to_owned);
    (text, value["caseId"].as_i64())
}

/// A request as the handlers see it: everything read, the body collected.
pub(crate) struct ReceivedRequest {
    pub method: Method,
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub authorization: Option<String>,
    pub body: Bytes,
    pub connection: u64,
    /// When the request's head arrived.
    pub received: Instant,
}

impl ReceivedRequest {
    /// What the guard looks at.
    pub(crate) fn seen(&self) -> Seen<'_> {
        Seen {
            headers: &self.headers,
            query: &self.query,
        }
    }
}

/// A whole-body response.
pub(crate) fn bytes_response(
    status: u16,
    content_type: &'static str,
    body: Bytes,
) -> Response<Body> {
    let mut response = Response::new(Full::new(body).map_err(|never| match never {}).boxed());
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}
