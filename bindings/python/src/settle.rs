//! `settle` for Python: read an uncertain send back.

use std::time::{Duration, SystemTime};

use acquire_core::Settlement;
use pyo3::prelude::*;

use crate::client::{Client, Overrides, Parts};
use crate::models::Message;
use crate::read::run;

/// What reading the case back says about a send begun at `since` (Unix seconds):
/// `(status, message, reason)`.
#[pyfunction]
#[pyo3(signature = (client, parts, since, options=None))]
pub(crate) fn settle(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    parts: Parts,
    since: f64,
    options: Option<Overrides>,
) -> PyResult<(&'static str, Option<Message>, Option<String>)> {
    let settled = run(py, &client, options, |c| {
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
