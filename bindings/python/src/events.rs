//! The client's events (`acquire_core::Event`) handed to a Python callable as dicts.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use acquire_core::{Event, EventField, EventHook};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A hook that calls `callable(event_dict)` with the GIL; an exception it raises is reported
/// once on stderr and never breaks a call.
pub(crate) fn hook(callable: Py<PyAny>) -> EventHook {
    let raised = Arc::new(AtomicBool::new(false));
    EventHook::new(move |event| {
        Python::attach(|py| {
            let called = to_dict(py, event).and_then(|dict| callable.call1(py, (dict,)));
            if let Err(err) = called
                && !raised.swap(true, Ordering::Relaxed)
            {
                eprintln!(
                    "acquire_io: the on_event hook raised {}; the call went on (reported once)",
                    err.get_type(py)
                        .name()
                        .map_or_else(|_| "an exception".into(), |n| n.to_string())
                );
            }
        });
    })
}

/// `{"event": "request" | "response" | "retry" | "finished", "summary": <the log line>, ...}`
/// with the core's field names; durations in seconds.
fn to_dict<'py>(py: Python<'py>, event: &Event) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("event", event.kind())?;
    dict.set_item("summary", event.summary())?;
    for (name, field) in event.fields() {
        match field {
            EventField::Text(text) => dict.set_item(name, text)?,
            EventField::Number(number) => dict.set_item(name, number)?,
            EventField::Flag(flag) => dict.set_item(name, flag)?,
            EventField::Duration(took) => dict.set_item(name, took.as_secs_f64())?,
            _ => dict.set_item(name, py.None())?,
        }
    }
    Ok(dict)
}
