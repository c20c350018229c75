//! JSON values (the API's free-form fields) as Python objects, and Python data as JSON.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::{Borrowed, IntoPyObjectExt, PyResult};
use serde_json::{Map, Number, Value};

/// Plain Python data (`dict` with `str` keys, `list`, `tuple`, `str`, `int`, `float`,
/// `bool`, `None`) as a JSON value; anything else is a `TypeError`, as with `json.dumps`.
pub(crate) struct Json(pub Value);

impl<'a, 'py> FromPyObject<'a, 'py> for Json {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        to_value(&obj).map(Json)
    }
}

fn to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        Ok(Value::Null)
    } else if let Ok(b) = obj.cast::<PyBool>() {
        Ok(Value::Bool(b.is_true()))
    } else if obj.is_instance_of::<PyInt>() {
        match obj.extract::<i64>() {
            Ok(i) => Ok(Value::from(i)),
            Err(_) => Ok(Value::from(obj.extract::<u64>()?)),
        }
    } else if let Ok(f) = obj.cast::<PyFloat>() {
        Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| PyTypeError::new_err("extra: NaN and infinity are not JSON"))
    } else if let Ok(s) = obj.cast::<PyString>() {
        Ok(Value::String(s.to_cow()?.into_owned()))
    } else if let Ok(map) = obj.cast::<PyDict>() {
        let mut out = Map::with_capacity(map.len());
        for (key, value) in map.iter() {
            let key = key
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("extra: keys must be str"))?;
            out.insert(key.to_cow()?.into_owned(), to_value(&value)?);
        }
        Ok(Value::Object(out))
    } else if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        obj.try_iter()?
            .map(|item| to_value(&item?))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array)
    } else {
        Err(PyTypeError::new_err(format!(
            "extra: {} is not JSON data",
            obj.get_type().name()?
        )))
    }
}

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
