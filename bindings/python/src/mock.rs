//! `_native.MockServer`: the local Acquire server, run inside the Python process.

use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;

use acquire_mock::{Fixtures, MockConfig, Step};
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
        let guard = self.server.lock().unwrap_or_else(|p| p.into_inner());
        guard
            .as_ref()
            .map(f)
            .ok_or_else(|| PyRuntimeError::new_err("the server has been stopped"))
    }
}

#[pymethods]
impl MockServer {
    /// Starts a server on `host:port` (port 0 picks a free one).
    #[new]
    #[pyo3(signature = (host="127.0.0.1", port=0, fixtures_json=None, static_mode=false))]
    fn new(
        host: &str,
        port: u16,
        fixtures_json: Option<&str>,
        static_mode: bool,
    ) -> PyResult<Self> {
        let ip: IpAddr = host
            .parse()
            .map_err(|e| PyValueError::new_err(format!("host: {e}")))?;
        let fixtures = match fixtures_json {
            Some(text) => Fixtures::from_json(text).map_err(PyValueError::new_err)?,
            None => Fixtures::default(),
        };
        let config = MockConfig {
            addr: SocketAddr::new(ip, port),
            fixtures,
            static_mode,
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
        let server = self.server.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(server) = server {
            py.detach(|| server.stop());
        }
    }

    fn __repr__(&self) -> String {
        format!("MockServer(url={:?})", self.url)
    }
}
