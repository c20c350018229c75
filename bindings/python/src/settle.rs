//! Certainty for Python: `settle` (read an uncertain send back) and `StopFlag` (stop a
//! batch from another thread or a cancelled task).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use acquire_core::Settlement;
use pyo3::prelude::*;

use crate::client::{Client, Parts};
use crate::models::Message;
use crate::read::run;

/// Stops a batch: once set, no new item starts; sends under way finish and the rest end
/// in `CancelledError`.
#[pyclass(module = "acquire_io._native", frozen)]
pub struct StopFlag {
    pub(crate) flag: Arc<AtomicBool>,
}

#[pymethods]
impl StopFlag {
    #[new]
    fn new() -> Self {
        StopFlag {
            flag: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Stops the batch.
    fn stop(&self) {
        self.flag.store(true, Ordering::SeqCst);
    }

    /// Whether `stop` was called.
    #[getter]
    fn stopped(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }
}

/// What reading the case back says about a send begun at `since` (Unix seconds):
/// `(status, message, reason)`.
#[pyfunction]
pub(crate) fn settle(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    parts: Parts,
    since: f64,
) -> PyResult<(&'static str, Option<Message>, Option<String>)> {
    let settled = run(py, &client, |c| {
        let message = parts.into_message()?;
        let since = SystemTime::UNIX_EPOCH + Duration::from_secs_f64(since.max(0.0));
        c.settle(&message, since)
    })?;
    let status = settled.as_str();
    Ok(match settled {
        Settlement::Delivered(stored) => (status, Some(Message { inner: *stored }), None),
        Settlement::Unknown { reason } => (status, None, Some(reason)),
        _ => (status, None, None),
    })
}
