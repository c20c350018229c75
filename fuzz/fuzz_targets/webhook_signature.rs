//! Signature checks on any body, header and secret: an answer, never a panic; a body
//! signed with `sign` always verifies.
#![no_main]

use acquire_core::webhooks;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&[u8], &str, &str)| {
    let (body, signature, secret) = input;
    let _ = webhooks::verify(body, signature, secret);
    if !secret.is_empty() {
        let signed = webhooks::sign(body, secret);
        assert!(webhooks::verify(body, &signed, secret).is_ok());
    }
});
