//! A Send Message response body of any bytes: a typed message or a decode error, never a
//! panic; a decoded message keeps the exact body.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    if let Ok(message) = acquire_core::Message::from_response_body(&body) {
        assert_eq!(message.raw_json(), Some(&*body));
        let _ = serde_json::to_string(&message);
    }
});
