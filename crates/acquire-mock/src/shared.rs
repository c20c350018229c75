//! The state every connection shares, and the request and response types its handlers use.

use std::collections::VecDeque;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use acquire_core::internal::lock;
use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::{Method, Response, StatusCode};
use serde_json::Value;

use crate::api::{Rejection, World};
use crate::fixtures::Fixtures;
use crate::journal::JournalEntry;
use crate::script::Step;
use crate::webhooks::{self, Deliveries, WebhookTarget};

/// A response body: whole, or streamed for the drip and truncate faults.
pub(crate) type Body = BoxBody<Bytes, io::Error>;

/// State shared by every connection.
pub(crate) struct Shared {
    pub(crate) fixtures: Fixtures,
    pub(crate) static_mode: bool,
    pub(crate) static_answer: Bytes,
    pub(crate) world: Mutex<World>,
    pub(crate) journal: Mutex<VecDeque<JournalEntry>>,
    pub(crate) requests_total: AtomicU64,
    pub(crate) keep: usize,
    pub(crate) script: Mutex<VecDeque<Step>>,
    pub(crate) webhook: Mutex<Option<WebhookTarget>>,
    pub(crate) deliveries: Deliveries,
}

impl Shared {
    /// The state of a server starting from `fixtures` (see `MockConfig` for the rest).
    pub(crate) fn new(
        fixtures: Fixtures,
        static_mode: bool,
        webhook: Option<WebhookTarget>,
        keep: usize,
    ) -> Shared {
        let world = World::new(&fixtures, keep);
        let static_answer = Bytes::from(world.sample_answer().to_string());
        Shared {
            fixtures,
            static_mode,
            static_answer,
            world: Mutex::new(world),
            journal: Mutex::default(),
            requests_total: AtomicU64::new(0),
            keep: keep.max(1),
            script: Mutex::default(),
            webhook: Mutex::new(webhook),
            deliveries: Deliveries::default(),
        }
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
        let text = message_text(body);
        let found = script
            .iter()
            .position(|step| step.applies_to(text.as_deref()));
        found
            .and_then(|index| script.remove(index))
            .unwrap_or_default()
    }

    /// Takes the first queued step aimed at this path (below `/api/v1`).
    pub(crate) fn next_crm_step(&self, path: &str) -> Step {
        let mut script = lock(&self.script);
        let found = script.iter().position(|step| step.applies_to_path(path));
        found
            .and_then(|index| script.remove(index))
            .unwrap_or_default()
    }

    /// Answers a contact, case or message request on the shared state; a closed case
    /// sends `case:status`.
    pub(crate) fn crm(&self, request: &ReceivedRequest, path: &str) -> Result<Value, Rejection> {
        let crm_request = crate::crm::Request {
            post: request.method == Method::POST,
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
        Ok(answer.body)
    }

    /// Appends a journal entry, dropping the oldest beyond `keep`.
    pub(crate) fn record(&self, entry: JournalEntry) {
        let mut journal = lock(&self.journal);
        if journal.len() >= self.keep {
            journal.pop_front();
        }
        journal.push_back(entry);
        self.requests_total.fetch_add(1, Ordering::Relaxed);
    }

    /// Sends `payload` as a signed webhook, when a webhook URL is configured.
    pub(crate) fn notify(&self, payload: &Value) {
        if let Some(target) = &*lock(&self.webhook) {
            webhooks::deliver(target, payload, &self.deliveries, self.keep);
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

/// The `message.message` text of a Send Message body, if it has one.
fn message_text(body: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    value
        .get("message")?
        .get("message")?
        .as_str()
        .map(str::to_owned)
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
