use std::fmt;
use std::time::Duration;

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

/// What kind of non-2xx answer an [`ApiError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 400/409/422: the API rejected the input (`ERROR_INVALID_INPUT`,
    /// `ERROR_RECORD_NOT_FOUND`, `ERROR_DUPLICATE_RECORD_FOUND`, …). Fix the request.
    BadRequest,
    /// 401 `ERROR_UNAUTHORIZED`: the API key is missing, wrong or revoked.
    Unauthorized,
    /// 403 `ERROR_UNAUTHORIZED_ACCESS`: the key lacks the permission.
    Forbidden,
    /// 404: no such object or endpoint (check the account id or base URL).
    NotFound,
    /// 429: too many requests; wait [`ApiError::retry_after`] if given.
    RateLimited,
    /// 5xx: Acquire or a proxy failed. The message may or may not have been stored.
    Server,
    /// Any other status (3xx, 408, other 4xx).
    Other,
}

impl ApiErrorKind {
    /// The kind for an HTTP status code.
    pub fn from_status(status: u16) -> Self {
        match status {
            400 | 409 | 422 => ApiErrorKind::BadRequest,
            401 => ApiErrorKind::Unauthorized,
            403 => ApiErrorKind::Forbidden,
            404 => ApiErrorKind::NotFound,
            429 => ApiErrorKind::RateLimited,
            500..=599 => ApiErrorKind::Server,
            _ => ApiErrorKind::Other,
        }
    }

    /// The stable code of this kind (see [`Error::code`]).
    pub fn code(self) -> &'static str {
        match self {
            ApiErrorKind::BadRequest => "bad_request",
            ApiErrorKind::Unauthorized => "unauthorized",
            ApiErrorKind::Forbidden => "forbidden",
            ApiErrorKind::NotFound => "not_found",
            ApiErrorKind::RateLimited => "rate_limited",
            ApiErrorKind::Server => "server_error",
            ApiErrorKind::Other => "api_error",
        }
    }
}

/// A non-2xx answer, with what the body said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// The class of the status.
    pub kind: ApiErrorKind,
    /// Acquire's error type, such as `ERROR_INVALID_INPUT`, when the body names one.
    pub error_type: Option<String>,
    /// The body's error message, or the status line (`502 Bad Gateway`) when it has none.
    pub message: String,
    /// The server's `Retry-After`, when it sent one.
    pub retry_after: Option<Duration>,
    /// The raw response body (lossy UTF-8), capped at 64 KiB.
    pub body: String,
    /// How many HTTP attempts were made.
    pub attempts: u32,
    /// What the request does (a failed read delivered nothing).
    pub(crate) effect: Effect,
    /// A read-back proved the message absent.
    pub(crate) settled: bool,
}

impl ApiError {
    /// Whether the message (or the change) may have been stored despite this answer:
    /// true for 500, 502 and 504 of a request that writes, whose cause is unknown; false
    /// for answers that reject the request, and for reads.
    pub fn may_have_been_delivered(&self) -> bool {
        !self.settled && self.effect != Effect::Read && matches!(self.status, 500 | 502 | 504)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.status)?;
        if let Some(error_type) = &self.error_type {
            write!(f, " {error_type}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ApiError {}

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

/// An error flattened into plain fields, for language bindings that rebuild it as their
/// own exception types. Fields that do not apply to the error are `None`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ErrorFields {
    /// [`Error::code`].
    pub code: &'static str,
    /// The error's full text (its `Display`).
    pub message: String,
    /// [`Error::attempts`].
    pub attempts: u32,
    /// [`Error::may_have_been_delivered`].
    pub may_have_been_delivered: bool,
    /// The offending field of an invalid request or configuration.
    pub field: Option<String>,
    /// The HTTP status of an API or decode error.
    pub status: Option<u16>,
    /// Acquire's error type, such as `ERROR_INVALID_INPUT`.
    pub error_type: Option<String>,
    /// The API's own message (or the status line).
    pub api_message: Option<String>,
    /// The raw body of an API error, or the snippet of an undecodable body.
    pub body: Option<String>,
    /// `Retry-After`, in seconds.
    pub retry_after: Option<f64>,
    /// The phase of a timeout: `connect`, `send`, `response` or `body`.
    pub phase: Option<&'static str>,
    /// The contacts that share the e-mail address of an ambiguous lookup.
    pub contact_ids: Option<Vec<i64>>,
    /// The contact of [`Error::CaseNotFound`].
    pub contact_id: Option<i64>,
    /// What a contact lookup looked for: the e-mail address, or `contact <id>`.
    pub query: Option<String>,
}

impl Error {
    /// This error as plain fields (see [`ErrorFields`]).
    pub fn fields(&self) -> ErrorFields {
        let mut fields = ErrorFields {
            code: self.code(),
            message: self.to_string(),
            attempts: self.attempts(),
            may_have_been_delivered: self.may_have_been_delivered(),
            field: None,
            status: None,
            error_type: None,
            api_message: None,
            body: None,
            retry_after: None,
            phase: None,
            contact_ids: None,
            contact_id: None,
            query: None,
        };
        match self {
            Error::InvalidRequest { field, .. } | Error::InvalidConfig { field, .. } => {
                fields.field = Some(field.clone());
            }
            Error::Api(api) => {
                fields.status = Some(api.status);
                fields.error_type = api.error_type.clone();
                fields.api_message = Some(api.message.clone());
                fields.body = Some(api.body.clone());
                fields.retry_after = api.retry_after.map(|d| d.as_secs_f64());
            }
            Error::Transport(transport) => {
                if let TransportErrorKind::Timeout(phase) = transport.kind {
                    fields.phase = Some(phase.as_str());
                }
            }
            Error::Decode(decode) => {
                fields.status = Some(decode.status);
                fields.body = Some(decode.snippet.clone());
            }
            Error::AmbiguousContact { email, contact_ids } => {
                fields.query = Some(email.clone());
                fields.contact_ids = Some(contact_ids.clone());
            }
            Error::ContactNotFound { query } => fields.query = Some(query.clone()),
            Error::CaseNotFound { contact_id } => fields.contact_id = Some(*contact_id),
            Error::Journal { path, .. } | Error::JournalInUse { path } => {
                fields.field = Some(path.clone())
            }
            Error::Cancelled | Error::Unsettled { .. } | Error::Internal { .. } => {}
        }
        fields
    }
}
