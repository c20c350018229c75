//! Raising acquire-core errors as the exception classes of `acquire_io.errors`, which picks
//! the class for the error's code (`acquire_io.errors._from_fields`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::Failure;

/// Builds the Python exception for a failure.
pub(crate) fn to_py_err(py: Python<'_>, failure: Failure) -> PyErr {
    let Failure(err) = failure;
    let f = err.fields();
    let fields = (|| {
        let fields = PyDict::new(py);
        fields.set_item("code", f.code)?;
        fields.set_item("message", &f.message)?;
        fields.set_item("attempts", f.attempts)?;
        fields.set_item("may_have_been_delivered", f.may_have_been_delivered)?;
        fields.set_item("field", f.field)?;
        fields.set_item("status", f.status)?;
        fields.set_item("error_type", f.error_type)?;
        fields.set_item("api_message", f.api_message)?;
        fields.set_item("body", f.body)?;
        fields.set_item("retry_after", f.retry_after)?;
        fields.set_item("phase", f.phase)?;
        fields.set_item("contact_ids", f.contact_ids)?;
        fields.set_item("contact_id", f.contact_id)?;
        fields.set_item("query", f.query)?;
        Ok(fields)
    })();
    fields.map_or_else(|e| e, |fields| from_fields(py, &fields))
}

/// The exception `acquire_io.errors._from_fields` builds for `fields` (code, message, ...).
pub(crate) fn from_fields(py: Python<'_>, fields: &Bound<'_, PyDict>) -> PyErr {
    py.import("acquire_io.errors")
        .and_then(|errors| errors.getattr("_from_fields"))
        .and_then(|build| build.call1((fields,)))
        .map_or_else(|e| e, PyErr::from_value)
}
