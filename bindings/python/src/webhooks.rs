//! `acquire_io.webhooks`' native half: signature checks and the event classes.

use acquire_core::webhooks::{self as core, WebhookError};
use chrono::{DateTime, Utc};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::json::ToPython;

/// A webhook body as bytes, or text (encoded as UTF-8).
#[derive(FromPyObject)]
pub(crate) enum Body {
    Bytes(Vec<u8>),
    Text(String),
}

impl Body {
    fn bytes(&self) -> &[u8] {
        match self {
            Body::Bytes(bytes) => bytes,
            Body::Text(text) => text.as_bytes(),
        }
    }
}

/// The `acquire_io.errors` exception for a webhook error.
fn to_py(py: Python<'_>, err: WebhookError) -> PyErr {
    let fields = PyDict::new(py);
    fields
        .set_item("code", err.code())
        .and_then(|()| fields.set_item("message", err.to_string()))
        .map_or_else(|e| e, |()| crate::errors::from_fields(py, &fields))
}

/// Checks `signature` against the raw `body` under `secret`; raises
/// `WebhookSignatureError`.
#[pyfunction]
#[pyo3(signature = (body, signature, secret))]
pub(crate) fn webhook_verify(
    py: Python<'_>,
    body: Body,
    signature: Option<&str>,
    secret: &str,
) -> PyResult<()> {
    core::verify(body.bytes(), signature.unwrap_or_default(), secret).map_err(|e| to_py(py, e))
}

/// The `x-acquire-signature` for `body` under `secret`.
#[pyfunction]
pub(crate) fn webhook_sign(body: Body, secret: &str) -> String {
    core::sign(body.bytes(), secret)
}

/// Reads a webhook body without checking a signature; raises `WebhookPayloadError`.
#[pyfunction]
pub(crate) fn webhook_parse(py: Python<'_>, body: Body) -> PyResult<Event> {
    core::Event::parse(body.bytes())
        .map(|inner| Event { inner })
        .map_err(|e| to_py(py, e))
}

/// `webhook_verify`, then `webhook_parse`.
#[pyfunction]
#[pyo3(signature = (body, signature, secret))]
pub(crate) fn webhook_construct_event(
    py: Python<'_>,
    body: Body,
    signature: Option<&str>,
    secret: &str,
) -> PyResult<Event> {
    core::construct_event(body.bytes(), signature.unwrap_or_default(), secret)
        .map(|inner| Event { inner })
        .map_err(|e| to_py(py, e))
}

/// The customer a webhook is about.
#[pyclass(module = "acquire_io._native", frozen, get_all)]
pub struct WebhookContact {
    id: Option<i64>,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    fields: Py<PyAny>,
}

/// An agent, bot or customer named by a webhook.
#[pyclass(module = "acquire_io._native", frozen, get_all)]
pub struct WebhookUser {
    id: Option<String>,
    name: Option<String>,
    #[pyo3(name = "type")]
    user_type: Option<String>,
    email: Option<String>,
}

/// A message carried by a webhook.
#[pyclass(module = "acquire_io._native", frozen, get_all)]
pub struct WebhookMessage {
    id: Option<i64>,
    channel: Option<String>,
    sender_id: Option<i64>,
    sender_type: Option<String>,
    #[pyo3(name = "type")]
    message_type: Option<String>,
    message: Option<String>,
    seen: Option<bool>,
    date_created: Option<DateTime<Utc>>,
    user: Option<Py<WebhookUser>>,
    is_from_contact: bool,
}

fn user(py: Python<'_>, user: Option<core::WebhookUser>) -> PyResult<Option<Py<WebhookUser>>> {
    user.map(|u| {
        Py::new(
            py,
            WebhookUser {
                id: u.id,
                name: u.name,
                user_type: u.user_type,
                email: u.email,
            },
        )
    })
    .transpose()
}

fn message(py: Python<'_>, m: core::WebhookMessage) -> PyResult<WebhookMessage> {
    Ok(WebhookMessage {
        is_from_contact: m.is_from_contact(),
        id: m.id,
        channel: m.channel,
        sender_id: m.sender_id,
        sender_type: m.sender_type,
        message_type: m.message_type,
        message: m.message,
        seen: m.seen,
        date_created: m.date_created,
        user: user(py, m.user)?,
    })
}

/// One webhook delivery: its event name, data and the typed fields the docs show.
#[pyclass(module = "acquire_io._native", frozen)]
pub struct Event {
    inner: core::Event,
}

#[pymethods]
impl Event {
    /// The event name as sent (`case:status`, `CHAT_ON_MESSAGE`, ...).
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// `case_status`, `case_message_new`, `user_case_invite`, `user_case_joined`,
    /// `chat_on_start`, `chat_on_accept`, `chat_on_message`, `chat_on_close` or `other`.
    #[getter]
    fn kind(&self) -> String {
        serde_json::to_value(self.inner.kind())
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// `v1` (`CHAT_ON_*`) or `v2`.
    #[getter]
    fn generation(&self) -> &'static str {
        match self.inner.generation() {
            core::Generation::V1 => "v1",
            _ => "v2",
        }
    }

    /// The event's data as sent, as a new dict.
    #[getter]
    fn data<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.inner.data().to_python(py)
    }

    /// The exact body.
    #[getter]
    fn raw(&self) -> &str {
        self.inner.raw_json()
    }

    /// The case the event is about.
    #[getter]
    fn case_id(&self) -> Option<i64> {
        self.inner.case_id()
    }

    /// The case's status.
    #[getter]
    fn status(&self) -> Option<String> {
        self.inner.status()
    }

    /// The customer.
    #[getter]
    fn contact(&self, py: Python<'_>) -> PyResult<Option<WebhookContact>> {
        self.inner
            .contact()
            .map(|c| {
                Ok(WebhookContact {
                    fields: c.fields.to_python(py)?.unbind(),
                    id: c.id,
                    name: c.name,
                    email: c.email,
                    phone: c.phone,
                })
            })
            .transpose()
    }

    /// The agent of a v1 event.
    #[getter]
    fn user(&self, py: Python<'_>) -> PyResult<Option<Py<WebhookUser>>> {
        user(py, self.inner.user())
    }

    /// The messages the event carries.
    #[getter]
    fn messages(&self, py: Python<'_>) -> PyResult<Vec<WebhookMessage>> {
        self.inner
            .messages()
            .into_iter()
            .map(|m| message(py, m))
            .collect()
    }

    /// The newest message written by the customer: what a reply bot answers.
    #[getter]
    fn last_contact_message(&self, py: Python<'_>) -> PyResult<Option<WebhookMessage>> {
        self.inner
            .last_contact_message()
            .map(|m| message(py, m))
            .transpose()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let name = self.inner.name().into_pyobject(py)?;
        let case_id = self.inner.case_id().into_pyobject(py)?;
        let status = self.inner.status().into_pyobject(py)?;
        Ok(format!(
            "Event(name={}, case_id={}, status={})",
            name.repr()?,
            case_id.repr()?,
            status.repr()?
        ))
    }
}
