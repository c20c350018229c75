//! JSON values (the API's free-form fields) as Python objects.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::{IntoPyObjectExt, PyResult};
use serde_json::{Map, Value};

/// A value that becomes plain Python data: `dict`, `list`, `str`, `int`, `float`,
/// `bool` or `None`.
pub(crate) trait ToPython {
    /// A new Python object for this value.
    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

impl ToPython for Value {
    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Value::Null => Ok(py.None().into_bound(py)),
            Value::Bool(b) => b.into_bound_py_any(py),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => i.into_bound_py_any(py),
                (None, Some(u)) => u.into_bound_py_any(py),
                _ => n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py),
            },
            Value::String(s) => s.into_bound_py_any(py),
            Value::Array(items) => items.to_python(py),
            Value::Object(map) => map.to_python(py),
        }
    }
}

impl ToPython for Map<String, Value> {
    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let dict = PyDict::new(py);
        for (key, value) in self {
            dict.set_item(key, value.to_python(py)?)?;
        }
        Ok(dict.into_any())
    }
}

impl ToPython for Vec<Value> {
    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.to_python(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
}

impl ToPython for Option<Value> {
    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(value) => value.to_python(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
}
