//! The batch journal reader on any bytes: it reads them or refuses them with a reason,
//! never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = acquire_core::fuzzing::journal(data);
});
