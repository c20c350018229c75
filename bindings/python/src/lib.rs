//! The native module `acquire_io._native`: converts Python arguments into acquire-core
//! calls and results back. The idiomatic API lives in the Python package.

mod client;
mod errors;
mod events;
mod json;
mod mock;
mod models;
mod read;
mod settle;
mod stop;
mod webhooks;

use pyo3::prelude::*;

/// Native half of the `acquire_io` package.
#[pymodule]
mod _native {
    #[pymodule_export]
    use super::client::{Client, stop_reports};
    #[pymodule_export]
    use super::mock::MockServer;
    #[pymodule_export]
    use super::models::{Case, Contact, Message, Participant, Sender};
    #[pymodule_export]
    use super::read::{
        cases_check, cases_close, cases_get, cases_invite, cases_list_page, cases_open,
        cases_snooze, contacts_create, contacts_find_by_email, contacts_get, contacts_list_page,
        contacts_search_check, contacts_search_page, contacts_update, find_case, messages_delete,
        messages_get, messages_list, messages_thread, messages_update, raw_request,
        send_to_contact, spawn_call,
    };
    #[pymodule_export]
    use super::settle::settle;
    #[pymodule_export]
    use super::stop::StopFlag;
    #[pymodule_export]
    use super::webhooks::{
        Event, WebhookContact, WebhookMessage, WebhookUser, webhook_construct_event, webhook_parse,
        webhook_sign, webhook_verify,
    };

    /// The version of the Rust core this module was built from.
    #[pymodule_export]
    const VERSION: &str = env!("CARGO_PKG_VERSION");

    /// The core's default batch concurrency.
    #[pymodule_export]
    const DEFAULT_BATCH_CONCURRENCY: usize = acquire_core::DEFAULT_BATCH_CONCURRENCY;
}

/// The message text that panics when the test-only `panic-trigger` feature is on.
pub(crate) const PANIC_TEXT: &str = "__acquire_panic__";

/// Panics for [`PANIC_TEXT`] in test builds (feature `panic-trigger`), so the suites can
/// prove that a Rust panic surfaces as an exception instead of aborting; a no-op otherwise.
pub(crate) fn panic_trigger(text: &str) {
    if cfg!(feature = "panic-trigger") && text == PANIC_TEXT {
        panic!("the test-only panic trigger");
    }
}

/// Runs `f`, turning a Rust panic into the core's `Error::Internal` (raised as
/// `acquire_io.errors.AcquireError` instead of pyo3's `PanicException`, which
/// `except Exception` would not catch).
pub(crate) fn no_panic<T>(
    f: impl FnOnce() -> Result<T, acquire_core::Error>,
) -> Result<T, Failure> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(err)) => Err(Failure(err)),
        Err(panic) => Err(Failure(acquire_core::Error::from_panic(&*panic))),
    }
}

/// A failure on the Rust side (a panic is `Error::Internal`), raised as an
/// `acquire_io.errors` exception.
pub(crate) struct Failure(pub(crate) acquire_core::Error);

impl From<acquire_core::Error> for Failure {
    fn from(err: acquire_core::Error) -> Self {
        Failure(err)
    }
}

impl Failure {
    pub(crate) fn into_py(self, py: Python<'_>) -> PyErr {
        errors::to_py_err(py, self)
    }
}
