//! Errors and panics as JavaScript exceptions the package's JS layer can decode.

use std::panic::{AssertUnwindSafe, catch_unwind};

use napi::{Error, Status};

/// A core error as a napi error whose message is the JSON of its fields.
pub(crate) fn to_js(err: &acquire_core::Error) -> Error {
    let json = serde_json::to_string(&err.fields()).unwrap_or_else(|_| err.to_string());
    Error::new(Status::GenericFailure, json)
}

/// Runs `f`, turning a Rust panic into the core's `Error::Internal` instead of aborting
/// Node.
pub(crate) fn no_panic<T>(f: impl FnOnce() -> napi::Result<T>) -> napi::Result<T> {
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|panic| Err(to_js(&acquire_core::Error::from_panic(&*panic))))
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
