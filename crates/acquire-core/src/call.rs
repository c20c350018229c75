//! What one call to the API is: its method, path, body, what it does on the server (which
//! decides what its failure means) and whether repeating it is harmless.

use std::cell::Cell;

use crate::Error;
use crate::error::Effect;

/// An HTTP method the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// One API request: method, path below `/api/v1` with its query, body, and what it does
/// on the server.
pub(crate) struct Call {
    pub method: Method,
    pub path: String,
    pub body: Option<String>,
    pub effect: Effect,
    /// The case a send goes to (for hooks and spans).
    pub case_id: Option<i64>,
    /// Whether repeating it has the effect of doing it once (a read, an edit, a delete):
    /// then every retryable failure is retried.
    pub idempotent: bool,
    /// How many attempts the last [`Client::execute`] of this call made.
    pub(crate) attempts: Cell<u32>,
}

impl Call {
    /// A `GET` that only reads.
    pub fn get(path: String) -> Call {
        Call {
            method: Method::Get,
            path,
            body: None,
            effect: Effect::Read,
            case_id: None,
            idempotent: true,
            attempts: Cell::new(0),
        }
    }

    /// A `POST` of a JSON body.
    pub fn post(path: String, body: String, effect: Effect) -> Call {
        Call {
            method: Method::Post,
            path,
            body: Some(body),
            effect,
            case_id: None,
            idempotent: false,
            attempts: Cell::new(0),
        }
    }

    /// A call of any method (a raw request); GET reads, the rest write.
    pub fn new(method: Method, path: String, body: Option<String>, effect: Effect) -> Call {
        Call {
            method,
            path,
            body,
            effect,
            case_id: None,
            idempotent: method == Method::Get,
            attempts: Cell::new(0),
        }
    }

    /// This call marked idempotent when `idempotent` (a GET stays idempotent).
    pub fn idempotent_if(mut self, idempotent: bool) -> Call {
        self.idempotent |= idempotent;
        self
    }

    /// A `DELETE`: a write that is idempotent.
    pub fn delete(path: String) -> Call {
        Call {
            method: Method::Delete,
            path,
            body: None,
            effect: Effect::Write,
            case_id: None,
            idempotent: true,
            attempts: Cell::new(0),
        }
    }

    /// This call marked idempotent (an edit): every retryable failure is retried.
    pub fn idempotent(mut self) -> Call {
        self.idempotent = true;
        self
    }

    /// How many attempts the call took.
    pub fn attempts(&self) -> u32 {
        self.attempts.get()
    }
}

impl Error {
    /// A decode error of `call`'s answer, marked with what the call does and how many
    /// attempts it took.
    pub(crate) fn with_attempts_of(mut self, call: &Call) -> Error {
        self.set_attempts(call.attempts());
        self.with_effect(call.effect)
    }
}
