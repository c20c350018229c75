//! Send messages into [Acquire](https://acquire.io) customer conversations.
//!
//! ```no_run
//! use acquire_core::{Client, MessageType, SendMessage};
//!
//! let client = Client::builder()
//!     .account_id("myco")
//!     .api_key(std::env::var("ACQUIRE_API_KEY").unwrap())
//!     .build()?;
//!
//! let sent = client.send_message(&SendMessage::new(28, "Hello!"))?;
//! println!("message {} in case {}", sent.id, sent.case_id);
//!
//! let note = SendMessage::new(28, "VIP customer").message_type(MessageType::Note);
//! client.send_message(&note)?;
//! # Ok::<(), acquire_core::Error>(())
//! ```
//!
//! # Retries
//!
//! A chat message must not be posted twice by accident, so a failed attempt is retried
//! (up to `max_retries`, default 2, with back-off of 0.5 s × 2ⁿ capped at 8 s plus
//! jitter, all within `total_timeout`) only when it surely did not reach Acquire:
//! connection failures before the request was fully written, `408`, `429` (honouring
//! `Retry-After` up to 60 s) and `503` with `Retry-After`. Read timeouts, connections
//! broken after the request was written and `500`/`502`/`504` are returned with
//! [`Error::may_have_been_delivered`] `true`; opt in with
//! [`ClientBuilder::retry_possibly_delivered`] to retry those too.
//!
//! # Errors
//!
//! Every failure is one [`Error`]: invalid input or configuration (never sent), an
//! [`ApiError`] (non-2xx), a [`TransportError`] (no complete response) or a
//! [`DecodeError`] (a 2xx that is not the expected JSON). No error text contains the key.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod batch;
mod call;
mod call_scope;
mod cases;
mod channel;
mod client;
mod config;
mod contacts;
mod delivery;
mod edit;
mod error;
mod find;
#[doc(hidden)]
pub mod internal;
mod invite;
mod journal;
mod json_text;
mod lenient;
mod message;
mod messages;
mod model;
mod observe;
mod page;
mod pool;
mod query;
mod raw;
mod response;
mod retry;
mod secret;
mod settle;
mod settle_many;
mod snooze;
#[cfg(test)]
mod test_support;
mod ureq_failure;
pub mod webhooks;
mod window;

/// Internal parsers, exposed to the fuzz targets (feature `fuzzing`); not a public API.
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzzing;

pub use batch::{BatchItem, BatchOptions, DEFAULT_BATCH_CONCURRENCY, ItemSource};
pub use cases::{Cases, ClosedCase, OpenCase};
pub use channel::MailFields;
pub use client::{Client, SEND_MESSAGE_PATH, user_agent};
pub use config::{
    ClientBuilder, ClientConfig, DEFAULT_MAX_CONCURRENCY, ENV_ACCOUNT_ID, ENV_API_KEY,
    ENV_BASE_URL, ENV_MAIL_FROM, ENV_SMS_FROM, RequestOptions,
};
pub use contacts::{Contacts, NewContact};
pub use edit::EditMessage;
pub use error::{
    ApiError, ApiErrorKind, DecodeError, Error, ErrorFields, TimeoutPhase, TransportError,
    TransportErrorKind,
};
pub use find::{CaseSource, FindCase, FoundCase};
pub use invite::{Invitation, Invite, InvitedAgent};
pub use message::{MessageParts, MessageType, SendAs, SendMessage};
pub use messages::{MessageOrder, Messages};
pub use model::{Case, Contact, Message, Participant, Sender};
pub use observe::{BODY_EXCERPT_BYTES, Event, EventField, EventHook};
pub use page::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, Pages};
pub use query::{CaseListParams, CaseQuery};
pub use raw::RawRequest;
pub use secret::ApiKey;
pub use settle::{SETTLE_CLOCK_SKEW, Settlement};
pub use snooze::{Snooze, Snoozed};

/// The Rust blocks of this crate's README, the repository's README and docs/, compiled (and
/// run unless `no_run`) by `cargo test --doc`.
#[cfg(doctest)]
mod doc_blocks {
    #[doc = include_str!("../README.md")]
    struct CrateReadme;
    #[doc = include_str!("../../../README.md")]
    struct Readme;
    #[doc = include_str!("../../../docs/rust.md")]
    struct Rust;
    #[doc = include_str!("../../../docs/contacts-and-cases.md")]
    struct ContactsAndCases;
    #[doc = include_str!("../../../docs/webhooks.md")]
    struct Webhooks;
    #[doc = include_str!("../../../docs/reliability.md")]
    struct Reliability;
    #[doc = include_str!("../../../docs/local-server.md")]
    struct LocalServer;
    #[doc = include_str!("../../../docs/observability.md")]
    struct Observability;
}
