//! An answer of any bytes, read as Send Mail Message's, Send SMS's, Invite agent's,
//! Snooze's and Delete message's: a value or a decode error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = acquire_core::fuzzing::write_answers(data);
});
