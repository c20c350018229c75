//! Every failure as one [`Error`]: what the server answered ([`ApiError`]), what happened on
//! the way ([`TransportError`]), an answer that could not be read ([`DecodeError`]), and the
//! same flattened for the bindings ([`ErrorFields`]).

mod api;
mod decode;
mod fields;
mod transport;

pub use api::{ApiError, ApiErrorKind};
pub use decode::DecodeError;
pub use fields::ErrorFields;
pub use transport::{TimeoutPhase, TransportError, TransportErrorKind};

/// Everything that can go wrong when building a client or sending a message.
///
/// Every variant says how many attempts were made ([`Error::attempts`]) and whether the
/// message may have reached Acquire ([`Error::may_have_been_delivered`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The message was rejected before anything was sent: `field` (its wire name, such as
    /// `caseId`) breaks the rule in `reason`. Fix the input; retrying cannot help.
    #[error("invalid request: `{field}` {reason}")]
    InvalidRequest {
        /// The offending field, as named on the wire (`caseId`, `message`, `contactId`, …).
        field: String,
        /// The rule the value breaks.
        reason: String,
    },

    /// The client configuration is unusable (no API key, a bad account id or base URL, …).
    /// Nothing was sent. Fix the configuration or the `ACQUIRE_*` environment variables.
    #[error("invalid configuration: `{field}` {reason}")]
    InvalidConfig {
        /// The offending setting (`apiKey`, `accountId`, `baseUrl`, `timeout`, …).
        field: String,
        /// The rule the value breaks.
        reason: String,
    },

    /// Acquire (or a proxy in front of it) answered with a non-2xx status.
    /// See [`ApiError::kind`] for what to do.
    #[error(transparent)]
    Api(Box<ApiError>),

    /// The HTTP exchange failed: no connection, TLS failure, a timeout or a broken
    /// connection. [`TransportError::may_have_been_delivered`] says whether a retry could
    /// send the message twice.
    #[error(transparent)]
    Transport(Box<TransportError>),

    /// Acquire answered 2xx, so the message was delivered (or the case opened, the
    /// contact created), but the body was not the expected JSON. Do not resend; the raw
    /// snippet is in [`DecodeError::snippet`].
    #[error(transparent)]
    Decode(Box<DecodeError>),

    /// No contact matches: an e-mail address no contact has, or an unknown contact id.
    /// Nothing was changed. Ask for the contact to be created (`create`) or check the
    /// address.
    #[error("no contact found for {query}")]
    ContactNotFound {
        /// The e-mail address or `contact <id>` that was looked up.
        query: String,
    },

    /// The contact has no case (conversation) at all, so there is none to reopen.
    /// Nothing was changed. Ask for one to be created (`create`).
    #[error("contact {contact_id} has no case to write into (pass create to open one)")]
    CaseNotFound {
        /// The contact.
        contact_id: i64,
    },

    /// The batch journal cannot be used: it belongs to another input, is damaged, or
    /// cannot be written (a full or read-only disk). Before sending: nothing was sent.
    /// During a batch: the batch stops, and no item is reported done that is not recorded.
    #[error("batch journal {path} {reason}")]
    Journal {
        /// The journal file.
        path: String,
        /// What is wrong with it.
        reason: String,
        /// Whether this item's message was sent (and may be stored) although its outcome
        /// could not be recorded.
        may_have_been_delivered: bool,
    },

    /// Another run (this process or another) is using the batch journal: nothing was
    /// sent. Two runs of one journal at once would send everything twice, so the second is
    /// refused before it reads the file. Wait for the other run to finish, or stop it.
    #[error("journal {path} is in use by another run")]
    JournalInUse {
        /// The journal file.
        path: String,
    },

    /// The batch was stopped (a signal, a cancelled task, an aborted signal) before this
    /// item was sent: nothing was sent for it. Run the batch again (with its journal) to
    /// send the rest.
    #[error("not sent: the batch was stopped first")]
    Cancelled,

    /// A resumed batch found this item started by an earlier run with no outcome, and
    /// reading the case back could not prove whether it was stored (`reason`). It was not
    /// sent again; check the conversation.
    #[error(
        "an earlier run may have delivered this message and reading the case back could not tell: {reason}"
    )]
    Unsettled {
        /// Why the read-back could not decide.
        reason: String,
    },

    /// A bug: acquire-core (or a language binding) panicked part-way through the call,
    /// after which the message may have been sent. Report it; check the conversation
    /// before sending again.
    #[error("internal error in acquire-core (a bug): {what} (the message may have been delivered)")]
    Internal {
        /// The panic's message.
        what: String,
    },

    /// Several different contacts have this e-mail address (Acquire allows it), so the
    /// SDK will not pick one. Nothing was changed. Pass one of the contact ids instead.
    #[error("{} contacts have the e-mail address {email}: {}; pass a contact id", contact_ids.len(), join_ids(contact_ids))]
    AmbiguousContact {
        /// The e-mail address searched for.
        email: String,
        /// The ids of the contacts that have it, ascending.
        contact_ids: Vec<i64>,
    },
}

fn join_ids(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a request does on the server, which decides what its failure can mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effect {
    /// Send Message: a failure says whether the message may have been delivered.
    Send,
    /// Creates or changes something else (a contact, a case): a failure says whether the
    /// change may have been made.
    Write,
    /// Reads only: a failure changed nothing.
    Read,
}

impl Error {
    /// How many HTTP attempts were made (0 when the input was rejected before sending).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::InvalidRequest { .. } | Error::InvalidConfig { .. } => 0,
            Error::Api(e) => e.attempts,
            Error::Transport(e) => e.attempts,
            Error::Decode(e) => e.attempts,
            _ => 0,
        }
    }

    /// Whether the message may have reached Acquire (for a call that creates or changes
    /// something else, such as opening a case: whether the change may have been made), so
    /// that repeating the call could duplicate it. `false` means it surely was not; a
    /// failed read is always `false`.
    pub fn may_have_been_delivered(&self) -> bool {
        match self {
            Error::Api(e) => e.may_have_been_delivered(),
            Error::Transport(e) => e.may_have_been_delivered,
            Error::Decode(e) => e.effect != Effect::Read,
            Error::Unsettled { .. } | Error::Internal { .. } => true,
            Error::Journal {
                may_have_been_delivered,
                ..
            } => *may_have_been_delivered,
            _ => false,
        }
    }

    /// A stable, lowercase name for this error's class, used by the language bindings to
    /// pick an exception class: `invalid_request`, `invalid_config`, `bad_request`,
    /// `unauthorized`, `forbidden`, `not_found`, `rate_limited`, `server_error`,
    /// `api_error`, `timeout`, `connection`, `decode`, `contact_not_found`,
    /// `case_not_found`, `ambiguous_contact`, `journal`, `journal_in_use`, `cancelled`,
    /// `unsettled`, `internal`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::ContactNotFound { .. } => "contact_not_found",
            Error::CaseNotFound { .. } => "case_not_found",
            Error::AmbiguousContact { .. } => "ambiguous_contact",
            Error::Journal { .. } => "journal",
            Error::JournalInUse { .. } => "journal_in_use",
            Error::Cancelled => "cancelled",
            Error::Unsettled { .. } => "unsettled",
            Error::Internal { .. } => "internal",
            Error::InvalidRequest { .. } => "invalid_request",
            Error::InvalidConfig { .. } => "invalid_config",
            Error::Api(e) => e.kind.code(),
            Error::Transport(e) if matches!(e.kind, TransportErrorKind::Timeout(_)) => "timeout",
            Error::Transport(_) => "connection",
            Error::Decode(_) => "decode",
        }
    }

    /// The error for a caught panic (`std::panic::catch_unwind`'s payload): one meaning
    /// for every front end.
    pub fn from_panic(payload: &(dyn std::any::Any + Send)) -> Error {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Error::Internal { what }
    }

    pub(crate) fn invalid_request(field: &str, reason: impl Into<String>) -> Self {
        Error::InvalidRequest {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }

    pub(crate) fn invalid_config(field: &str, reason: impl Into<String>) -> Self {
        Error::InvalidConfig {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }

    pub(crate) fn set_attempts(&mut self, attempts: u32) {
        match self {
            Error::Api(e) => e.attempts = attempts,
            Error::Transport(e) => e.attempts = attempts,
            Error::Decode(e) => e.attempts = attempts,
            _ => {}
        }
    }

    /// This error after a read-back proved the message absent: no longer "may have been
    /// delivered", so it is safe to send again.
    pub(crate) fn settled_not_delivered(mut self) -> Self {
        match &mut self {
            Error::Api(e) => e.settled = true,
            Error::Transport(e) => e.may_have_been_delivered = false,
            _ => {}
        }
        self
    }

    /// Marks an error of an attempt with what the request does: a failed read or write
    /// says so instead of speaking of a message.
    pub(crate) fn with_effect(mut self, effect: Effect) -> Self {
        match &mut self {
            Error::Api(e) => e.effect = effect,
            Error::Transport(e) => {
                e.effect = effect;
                e.may_have_been_delivered &= effect != Effect::Read;
            }
            Error::Decode(e) => e.effect = effect,
            _ => {}
        }
        self
    }
}
