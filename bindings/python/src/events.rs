//! The client's events (`acquire_core::Event`) handed to a Python callable as dicts.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use acquire_core::{Event, EventHook};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A hook that calls `callable(event_dict)` with the GIL; an exception it raises is reported
/// once on stderr and never breaks a call.
pub(crate) fn hook(callable: Py<PyAny>) -> EventHook {
    let raised = Arc::new(AtomicBool::new(false));
    EventHook::new(move |event| {
        Python::attach(|py| {
            let called = to_dict(py, event).and_then(|dict| callable.call1(py, (dict,)));
            if let Err(err) = called {
                if !raised.swap(true, Ordering::Relaxed) {
                    eprintln!(
                        "acquire_io: the on_event hook raised {}; the call went on (reported once)",
                        err.get_type(py)
                            .name()
                            .map_or_else(|_| "an exception".into(), |n| n.to_string())
                    );
                }
            }
        });
    })
}

/// `{"event": "request" | "response" | "retry" | "finished", ...}`; durations in seconds.
fn to_dict<'py>(py: Python<'py>, event: &Event) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    match event {
        Event::Request {
            method,
            path,
            case_id,
            attempt,
            body,
        } => {
            dict.set_item("event", "request")?;
            dict.set_item("method", method)?;
            dict.set_item("path", path)?;
            dict.set_item("case_id", case_id)?;
            dict.set_item("attempt", attempt)?;
            set_body(&dict, body)?;
        }
        Event::Response {
            path,
            attempt,
            status,
            error,
            phase,
            elapsed,
            body,
        } => {
            dict.set_item("event", "response")?;
            dict.set_item("path", path)?;
            dict.set_item("attempt", attempt)?;
            dict.set_item("status", status)?;
            dict.set_item("error", error)?;
            dict.set_item("phase", phase)?;
            dict.set_item("elapsed", elapsed.as_secs_f64())?;
            set_body(&dict, body)?;
        }
        Event::Retry {
            path,
            attempt,
            delay,
            reason,
        } => {
            dict.set_item("event", "retry")?;
            dict.set_item("path", path)?;
            dict.set_item("attempt", attempt)?;
            dict.set_item("delay", delay.as_secs_f64())?;
            dict.set_item("reason", reason)?;
        }
        Event::Finished {
            method,
            path,
            case_id,
            attempts,
            status,
            error,
            may_have_been_delivered,
            elapsed,
        } => {
            dict.set_item("event", "finished")?;
            dict.set_item("method", method)?;
            dict.set_item("path", path)?;
            dict.set_item("case_id", case_id)?;
            dict.set_item("attempts", attempts)?;
            dict.set_item("status", status)?;
            dict.set_item("error", error)?;
            dict.set_item("may_have_been_delivered", may_have_been_delivered)?;
            dict.set_item("elapsed", elapsed.as_secs_f64())?;
        }
        _ => dict.set_item("event", "other")?,
    }
    Ok(dict)
}

/// A `"body"` item, only when the client logs bodies (`log_bodies=True`).
fn set_body(dict: &Bound<'_, PyDict>, body: &Option<String>) -> PyResult<()> {
    match body {
        Some(body) => dict.set_item("body", body),
        None => Ok(()),
    }
}
