//! An [`Error`] as plain fields, for the bindings' own exception types.

use super::{Error, TransportErrorKind};

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
