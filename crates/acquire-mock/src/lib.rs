//! A local Acquire-compatible server for tests and demos.
//!
//! It serves `POST /api/v1/crm/messenger/chat/add-message` (Send Message) as the API
//! documents it — authentication, permission, input and case checks with the documented
//! status codes and error types — and the other documented endpoints on the same state:
//! contacts (list, get, create, update, search), cases (list with `where`/`select`/
//! `relations`, get, open, reopen, close, invite agents, snooze), messages (a thread, get,
//! update, delete) and sending by e-mail and SMS. It stores messages in memory, logs every
//! request, sends signed webhooks, serves an inbox web page, and can inject scripted answers
//! and faults.
//!
//! ```
//! use acquire_core::{Client, SendMessage};
//! use acquire_mock::{MockServer, Step};
//!
//! let server = MockServer::start()?;
//! let client = Client::builder().base_url(server.url()).api_key("mock-key").build()?;
//! let sent = client.send_message(&SendMessage::new(28, "Hello!"))?;
//! assert_eq!(server.requests()[0].stored, true);
//! assert_eq!(sent.case_id, 28);
//!
//! server.script([Step::status(503).header("retry-after", "120")]);
//! let err = client.send_message(&SendMessage::new(28, "Hello!")).unwrap_err();
//! assert_eq!(err.code(), "server_error");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Error bodies
//!
//! Every error answer of the API endpoint has the body
//! `{"type": "ERROR_…", "message": "…"}`:
//!
//! | check, in order | status | type |
//! |---|---|---|
//! | `Authorization` missing, not `Bearer <key>`, or unknown key | 401 | `ERROR_UNAUTHORIZED` |
//! | key without chat permission | 403 | `ERROR_UNAUTHORIZED_ACCESS` |
//! | body not a JSON object; `caseId`, `message`, `message.type`, `message.message` missing or of the wrong type; unknown `type`; bad `-x-user-type`; contact without `contactId` | 400 | `ERROR_INVALID_INPUT` (the message names the field) |
//! | unknown case, or a contact not in the case | 400 | `ERROR_RECORD_NOT_FOUND` |
//! | case not active | 400 | `ERROR_INVALID_INPUT` |
//!
//! Unknown paths answer 404 and other methods on the endpoint 405, with `{"message": …}`.
//!
//! # Control endpoints
//!
//! `GET /__mock/requests` (the request log), `GET /__mock/messages` (stored messages),
//! `POST /__mock/script` (a [`Step`] or an array of them, as JSON; `GET` lists what is
//! queued), `POST /__mock/reset` (clears the request log and script, restores the
//! fixtures), `GET /__mock/stats` (totals of requests and stored messages), `GET
//! /__mock/export` (the state as fixtures), `POST /__mock/contacts` and `POST /__mock/cases`
//! (add records), `POST /__mock/cases/{id}/contact-message` and `POST
//! /__mock/cases/{id}/status` (act as the customer, change a status), `GET|POST
//! /__mock/webhook`, `GET /__mock/webhooks` and `POST /__mock/webhooks/{n}/redeliver`
//! (webhooks), and for the inbox `GET /__mock/events` (Server-Sent Events) and `GET
//! /__mock/ui/…` (its views). Control requests are not logged. The request log, the
//! stored messages and the webhook deliveries keep the newest [`MockConfig::keep`] entries,
//! so long runs stay bounded.
//!
//! # Webhooks
//!
//! With [`MockConfig::webhook`] (`--webhook-url URL --webhook-secret S`) the server POSTs
//! Acquire-style v2 events signed with `x-acquire-signature`: `case:message:new` when a
//! message is stored as the contact (a send with `-x-user-type=contact`, or
//! `POST /__mock/cases/{id}/contact-message {"text": "…"}`, which speaks as the customer),
//! `case:status` on `POST /__mock/cases/{id}/status {"status": "closed"}` or a close through
//! the API, `user:case-invite` for each agent an invitation adds to a case. A delivery is
//! tried up to [`DELIVERY_ATTEMPTS`] times until the endpoint answers 200; every attempt
//! is in `GET /__mock/webhooks` / [`MockServer::webhooks`]. `POST /__mock/webhook
//! {"url", "secret"}` (or [`MockServer::set_webhook`]) points them elsewhere at run time.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod answer;
mod api;
mod control;
mod crm;
mod faulty_io;
mod fixtures;
mod foreground;
mod guard;
mod live;
mod rejection;
mod request_log;
mod script;
mod server;
mod shared;
mod ui;
mod webhook_receiver;
mod webhooks;
mod world;

pub use fixtures::{ApiKeyFixture, DEFAULT_FIXTURES, Fixtures};
pub use foreground::serve_until_signal;
pub use request_log::LoggedRequest;
pub use script::{Fault, Step};
pub use server::{MockConfig, MockServer, Stats};
pub use webhook_receiver::{ReceivedWebhook, WebhookReceiver};
/// The current time (from the system clock through `std`, so chrono needs no `clock`
/// feature and its platform time-zone code).
pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    std::time::SystemTime::now().into()
}

pub use webhooks::{DELIVERY_ATTEMPTS, WebhookDelivery, WebhookTarget, sample_event};

/// The README's code blocks, compiled and run by `cargo test --doc`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
