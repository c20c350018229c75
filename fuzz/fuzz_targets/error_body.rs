//! An error response body of any bytes: the error type and message it names, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    let _ = acquire_core::fuzzing::error_fields(&body);
});
