//! Raising acquire-core errors as the exception classes of `acquire_io.errors`.

use acquire_core::Error;
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
        Failure::Panic(what) => (
            "AcquireError",
            format!("internal error in acquire-core (a bug): {what}"),
        ),
        Failure::Sdk(err) => {
            let class = class_name(err.code());
            kwargs.set_item("code", err.code())?;
            kwargs.set_item("attempts", err.attempts())?;
            kwargs.set_item("may_have_been_delivered", err.may_have_been_delivered())?;
            match &err {
                Error::InvalidRequest { field, .. } | Error::InvalidConfig { field, .. } => {
                    kwargs.set_item("field", field)?;
                }
                Error::Api(api) => {
                    kwargs.set_item("status", api.status)?;
                    kwargs.set_item("error_type", api.error_type.as_deref())?;
                    kwargs.set_item("api_message", &api.message)?;
                    kwargs.set_item("body", &api.body)?;
                    kwargs.set_item("retry_after", api.retry_after.map(|d| d.as_secs_f64()))?;
                }
                Error::Transport(transport) => {
                    if let acquire_core::TransportErrorKind::Timeout(phase) = transport.kind {
                        kwargs.set_item("phase", phase.as_str())?;
                    }
                }
                Error::Decode(decode) => {
                    kwargs.set_item("status", decode.status)?;
                    kwargs.set_item("body", &decode.snippet)?;
                }
                _ => {}
            }
            (class, err.to_string())
        }
    };
    let instance = errors.getattr(class)?.call((message,), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}
