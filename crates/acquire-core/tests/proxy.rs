//! A proxy from the environment is not used for a loopback base URL (its own test
//! binary, since it changes the process environment).

use std::net::TcpListener;

use acquire_core::{Client, SendMessage};
use acquire_mock::MockServer;

#[test]
fn loopback_base_urls_bypass_environment_proxies() {
    // A proxy that refuses every connection: sending through it would fail.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let proxy = format!("http://127.0.0.1:{port}");
    // SAFETY: this test binary has a single test, so no other thread reads the environment.
    unsafe {
        std::env::set_var("ALL_PROXY", &proxy);
        std::env::set_var("HTTP_PROXY", &proxy);
    }
    let server = MockServer::start().unwrap();
    let client = Client::builder()
        .base_url(server.url())
        .api_key("mock-key")
        .max_retries(0)
        .build()
        .unwrap();
    client
        .send_message(&SendMessage::new(28, "direct"))
        .unwrap();
    assert_eq!(server.messages().len(), 1);
}
