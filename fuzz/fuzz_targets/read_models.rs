//! A read-side answer of any bytes, decoded as every model the read side reads (case,
//! contact, message, the lists, a thread, a conversation): a value or a decode error, never
//! a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = acquire_core::fuzzing::read_models(data);
});
