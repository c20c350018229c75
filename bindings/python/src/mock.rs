//! `_native.MockServer`: the local Acquire server, run inside the Python process.

use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;

use acquire_mock::{Fixtures, MockConfig, Step, WebhookTarget};
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;

/// A running local Acquire server.
#[pyclass(module = "acquire_io._native", frozen)]
pub struct MockServer {
    url: String,
    server: Mutex<Option<acquire_mock::MockServer>>,
}

impl MockServer {
    fn with<T>(&self, f: impl FnOnce(&acquire_mock::MockServer) -> T) -> PyResult<T> {
        let guard = acquire_core::internal::lock(&self.server);
        guard
            .as_ref()
            .map(f)
            .ok_or_else(|| PyRuntimeError::new_err("the server has been stopped"))
    }
}

#[pymethods]
impl MockServer {
    /// Starts a server on `host:port` (port 0 picks a free one); with `webhook_url` and
    /// `webhook_secret` it sends signed webhooks there.
    #[new]
    #[pyo3(signature = (host="127.0.0.1", port=0, fixtures_json=None, static_mode=false, webhook_url=None, webhook_secret=None))]
    fn new(
        host: &str,
        port: u16,
        fixtures_json: Option<&str>,
        static_mode: bool,
        webhook_url: Option<String>,
        webhook_secret: Option<String>,
    ) -> PyResult<Self> {
        let ip: IpAddr = host
            .parse()
            .map_err(|e| PyValueError::new_err(format!("host: {e}")))?;
        let fixtures = match fixtures_json {
            Some(text) => Fixtures::from_json(text).map_err(PyValueError::new_err)?,
            None => Fixtures::default(),
        };
        let webhook = webhook_url.map(|url| WebhookTarget {
            url,
            secret: webhook_secret.unwrap_or_default(),
        });
        let config = MockConfig {
            addr: SocketAddr::new(ip, port),
            fixtures,
            static_mode,
            webhook,
            ..MockConfig::default()
        };
        let server = acquire_mock::MockServer::start_with(config)
            .map_err(|e| PyOSError::new_err(format!("cannot start the local server: {e}")))?;
        Ok(MockServer {
            url: server.url().to_owned(),
            server: Mutex::new(Some(server)),
        })
    }

    /// The base URL.
    #[getter]
    fn url(&self) -> &str {
        &self.url
    }

    /// The journal of received requests, as JSON text.
    fn requests(&self) -> PyResult<String> {
        self.with(|s| serde_json::to_string(&s.requests()).unwrap_or_default())
    }

    /// The stored messages, as JSON text.
    fn messages(&self) -> PyResult<String> {
        self.with(|s| serde_json::to_string(&s.messages()).unwrap_or_default())
    }

    /// Sends webhooks to `url` signed with `secret` from now on (`None`: stop).
    #[pyo3(signature = (url, secret=None))]
    fn set_webhook(&self, url: Option<String>, secret: Option<String>) -> PyResult<()> {
        let target = url.map(|url| WebhookTarget {
            url,
            secret: secret.unwrap_or_default(),
        });
        self.with(|s| s.set_webhook(target))
    }

    /// Totals of requests received and messages stored, as JSON text.
    fn stats(&self) -> PyResult<String> {
        self.with(|s| serde_json::to_string(&s.stats()).unwrap_or_default())
    }

    /// Every webhook delivery attempt, as JSON text.
    fn webhooks(&self) -> PyResult<String> {
        self.with(|s| serde_json::to_string(&s.webhooks()).unwrap_or_default())
    }

    /// Stores a message from the case's contact (sending `case:message:new`); the stored
    /// message as JSON text.
    fn contact_message(&self, case_id: i64, text: &str) -> PyResult<String> {
        let stored = self.with(|s| s.contact_message(case_id, text))?;
        stored.map(|m| m.to_string()).map_err(PyValueError::new_err)
    }

    /// Sets a case's status (sending `case:status`); the case as JSON text.
    fn set_case_status(&self, case_id: i64, status: &str) -> PyResult<String> {
        let case = self.with(|s| s.set_case_status(case_id, status))?;
        case.map(|c| c.to_string()).map_err(PyValueError::new_err)
    }

    /// Adds a contact (`{"fields": {…}}` as JSON text); the contact as JSON text.
    fn add_contact(&self, contact_json: &str) -> PyResult<String> {
        let contact: serde_json::Value =
            serde_json::from_str(contact_json).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let added = self.with(|s| s.add_contact(&contact))?;
        added.map(|c| c.to_string()).map_err(PyValueError::new_err)
    }

    /// Adds `count` cases with `status` for a contact; their ids.
    fn add_cases(&self, contact_id: i64, status: &str, count: u64) -> PyResult<Vec<i64>> {
        let added = self.with(|s| s.add_cases(contact_id, status, count))?;
        added.map_err(PyValueError::new_err)
    }

    /// Queues scripted steps given as JSON (one object or an array).
    fn script(&self, steps_json: &str) -> PyResult<()> {
        let steps = Step::parse_many(steps_json.as_bytes())
            .map_err(|e| PyValueError::new_err(format!("invalid script: {e}")))?;
        self.with(|s| s.script(steps))
    }

    /// Clears journal and script and restores the fixtures.
    fn reset(&self) -> PyResult<()> {
        self.with(|s| s.reset())
    }

    /// Stops the server (idempotent), releasing the GIL while it shuts down.
    fn stop(&self, py: Python<'_>) {
        let server = acquire_core::internal::lock(&self.server).take();
        if let Some(server) = server {
            py.detach(|| server.stop());
        }
    }

    fn __repr__(&self) -> String {
        format!("MockServer(url={:?})", self.url)
    }
}
