//! Scripted answers and faults, consumed one per Send Message request (or, with
//! `forPath`, one per request to the contact, case and message endpoints).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A fault to inject into one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Fault {
    /// Never answer; the connection stays open until the client gives up.
    Stall,
    /// Close the connection after reading the request, without answering.
    Close,
    /// Reset the connection (TCP RST) after reading the request, without answering.
    Reset,
    /// Send the headers and half of the body, then close.
    Truncate,
    /// Send the body in 16-byte pieces, `dripMs` apart.
    Drip,
    /// Answer with an HTML error page (status 502 unless `status` is set).
    Html,
    /// Answer with an empty body.
    Empty,
    /// Answer 200 (unless `status` is set) with a body that is not valid UTF-8.
    InvalidUtf8,
    /// Answer 200 (unless `status` is set) with a JSON body of `sizeMiB` MiB.
    Large,
}

/// One scripted answer. With no `status`, the request is handled normally (checked and
/// stored) and the fault, delay or headers apply to that answer; with a `status`, the
/// canned answer replaces handling and nothing is stored. `store` overrides either way.
///
/// As JSON (`POST /__mock/script`, one object or an array):
/// `{"status": 503, "headers": {"retry-after": "1"}, "body": "…", "delayMs": 0,
///   "fault": "close", "store": true, "dripMs": 100, "sizeMiB": 11, "forText": "hi"}`,
/// every field optional. A step with `forText` waits in the queue for a send whose text
/// (`message.message`) is exactly that, so a test can aim a fault at one message of a
/// concurrent batch; `forCase` (a case id) waits for a send to that case; other steps go
/// to the next send, in order. A step with `forPath`
/// (such as `"/crm/objects/case"`) goes instead to the next request below `/api/v1` whose
/// path starts with it (a read, a case opened, …), never to a send.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Step {
    /// The status to answer with instead of handling the request.
    pub status: Option<u16>,
    /// Extra response headers.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The body of a canned answer (default: a JSON error body for the status).
    pub body: Option<String>,
    /// Milliseconds to wait before sending the response headers.
    #[serde(default)]
    pub delay_ms: u64,
    /// A fault to inject.
    pub fault: Option<Fault>,
    /// Whether the message is stored (default: true without `status`, false with it).
    pub store: Option<bool>,
    /// Milliseconds between pieces for [`Fault::Drip`] (default 100).
    pub drip_ms: Option<u64>,
    /// Body size for [`Fault::Large`] (default 11 MiB).
    #[serde(rename = "sizeMiB")]
    pub size_mib: Option<u64>,
    /// Only a send with exactly this text takes the step.
    pub for_text: Option<String>,
    /// Only a send to this case takes the step.
    pub for_case: Option<i64>,
    /// Only a request to a contact, case or message endpoint whose path (below
    /// `/api/v1`) starts with this takes the step.
    pub for_path: Option<String>,
}

impl Step {
    /// A canned answer with this status (nothing stored).
    pub fn status(status: u16) -> Step {
        Step {
            status: Some(status),
            ..Step::default()
        }
    }

    /// Normal handling with this fault injected (the message is stored).
    pub fn fault(fault: Fault) -> Step {
        Step {
            fault: Some(fault),
            ..Step::default()
        }
    }

    /// Adds a response header.
    pub fn header(mut self, name: &str, value: &str) -> Step {
        self.headers
            .insert(name.to_ascii_lowercase(), value.to_owned());
        self
    }

    /// Sets the body of a canned answer.
    pub fn body(mut self, body: &str) -> Step {
        self.body = Some(body.to_owned());
        self
    }

    /// Waits this many milliseconds before the response headers.
    pub fn delay_ms(mut self, ms: u64) -> Step {
        self.delay_ms = ms;
        self
    }

    /// Sets whether the message is stored.
    pub fn store(mut self, store: bool) -> Step {
        self.store = Some(store);
        self
    }

    /// Aims the step at the send whose text is `text`.
    pub fn for_text(mut self, text: &str) -> Step {
        self.for_text = Some(text.to_owned());
        self
    }

    /// Aims the step at the next send to this case.
    pub fn for_case(mut self, case_id: i64) -> Step {
        self.for_case = Some(case_id);
        self
    }

    /// Aims the step at the next request whose path below `/api/v1` starts with `path`.
    pub fn for_path(mut self, path: &str) -> Step {
        self.for_path = Some(path.to_owned());
        self
    }

    /// Whether this step applies to a send with this text, to this case.
    pub(crate) fn applies_to(&self, text: Option<&str>, case_id: Option<i64>) -> bool {
        self.for_path.is_none()
            && (self.for_text.is_none() || self.for_text.as_deref() == text)
            && (self.for_case.is_none() || self.for_case == case_id)
    }

    /// Whether this step applies to a request to this path (below `/api/v1`).
    pub(crate) fn applies_to_path(&self, path: &str) -> bool {
        self.for_path
            .as_deref()
            .is_some_and(|p| path.starts_with(p))
    }

    /// Whether this step stores the message.
    pub(crate) fn stores(&self) -> bool {
        self.store.unwrap_or(self.status.is_none())
    }

    /// Parses one step or an array of steps.
    pub fn parse_many(json: &[u8]) -> Result<Vec<Step>, String> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            Many(Vec<Step>),
            One(Step),
        }
        match serde_json::from_slice(json) {
            Ok(OneOrMany::Many(steps)) => Ok(steps),
            Ok(OneOrMany::One(step)) => Ok(vec![step]),
            Err(_) => serde_json::from_slice::<Step>(json)
                .map(|s| vec![s])
                .map_err(|e| e.to_string()),
        }
    }
}
