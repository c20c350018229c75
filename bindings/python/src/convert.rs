//! Conversions between Python values and the core's JSON values and durations.

use std::time::Duration;

use acquire_core::Error;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

/// JSON to Python: dicts, lists, str, int, float, bool, None.
pub(crate) fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Seconds (a Python float) as a duration; negative or non-finite values are an
/// `InvalidRequestError` naming `field`.
pub(crate) fn seconds(field: &str, value: Option<f64>) -> Result<Option<Duration>, Error> {
    value
        .map(|s| {
            Duration::try_from_secs_f64(s).map_err(|_| Error::InvalidConfig {
                field: field.to_owned(),
                reason: "must be a positive number of seconds".to_owned(),
            })
        })
        .transpose()
}
