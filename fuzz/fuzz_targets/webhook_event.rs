//! A webhook body of any bytes: an event with every typed accessor readable, or an
//! invalid-payload error, never a panic.
#![no_main]

use acquire_core::webhooks::Event;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = Event::parse(data) {
        let _ = (event.case_id(), event.status(), event.contact(), event.user());
        let _ = (event.messages(), event.last_contact_message());
        let _ = serde_json::to_string(&event);
        assert_eq!(event.raw_json().as_bytes(), data);
    }
});
