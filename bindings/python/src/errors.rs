//! Raising acquire-core errors as the exception classes of `acquire_io.errors`.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::Failure;

/// The `acquire_io.errors` class for an error code (see `acquire_core::Error::code`).
fn class_name(code: &str) -> &'static str {
    match code {
        "invalid_request" | "invalid_config" => "InvalidRequestError",
        "bad_request" => "BadRequestError",
        "unauthorized" => "AuthenticationError",
        "forbidden" => "PermissionDeniedError",
        "not_found" => "NotFoundError",
        "rate_limited" => "RateLimitError",
        "server_error" => "ServerError",
        "api_error" => "APIError",
        "timeout" => "APITimeoutError",
        "connection" => "APIConnectionError",
        "decode" => "APIResponseValidationError",
        "contact_not_found" => "ContactNotFoundError",
        "case_not_found" => "CaseNotFoundError",
        "ambiguous_contact" => "AmbiguousContactError",
        "journal" => "JournalError",
        "cancelled" => "BatchCancelledError",
        "unsettled" => "UnsettledError",
        "internal" => "AcquireError",
        _ => "AcquireError",
    }
}

/// Builds the Python exception for a failure.
pub(crate) fn to_py_err(py: Python<'_>, failure: Failure) -> PyErr {
    match build(py, failure) {
        Ok(err) => err,
        Err(err) => err,
    }
}

fn build(py: Python<'_>, failure: Failure) -> PyResult<PyErr> {
    let errors = py.import("acquire_io.errors")?;
    let kwargs = PyDict::new(py);
    let (class, message) = match failure {
        Failure(err) => {
            let f = err.fields();
            kwargs.set_item("code", f.code)?;
            kwargs.set_item("attempts", f.attempts)?;
            kwargs.set_item("may_have_been_delivered", f.may_have_been_delivered)?;
            let optional = [
                ("field", f.field.into_pyobject(py)?),
                ("status", f.status.into_pyobject(py)?),
                ("error_type", f.error_type.into_pyobject(py)?),
                ("api_message", f.api_message.into_pyobject(py)?),
                ("body", f.body.into_pyobject(py)?),
                ("retry_after", f.retry_after.into_pyobject(py)?),
                ("phase", f.phase.into_pyobject(py)?),
                ("contact_ids", f.contact_ids.into_pyobject(py)?),
                ("contact_id", f.contact_id.into_pyobject(py)?),
                ("query", f.query.into_pyobject(py)?),
            ];
            for (name, value) in optional {
                if !value.is_none() {
                    kwargs.set_item(name, value)?;
                }
            }
            (class_name(f.code), f.message)
        }
    };
    let instance = errors.getattr(class)?.call((message,), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}
