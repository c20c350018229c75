//! Bodies reach the hook only when asked for (`log_bodies`), cut to `BODY_EXCERPT_BYTES`,
//! and never with the key.

use std::sync::{Arc, Mutex};

use acquire_core::{BODY_EXCERPT_BYTES, Client, Event, SendMessage};
use acquire_mock::{MockServer, Step};

/// The events of one send of `text` through a client with `log_bodies`.
fn events_of(server: &MockServer, text: &str, log_bodies: bool) -> Vec<Event> {
    let events = Arc::new(Mutex::new(Vec::new()));
    let recorded = events.clone();
    let client = Client::builder()
        .api_key("mock-key")
        .base_url(server.url())
        .on_event(move |event| recorded.lock().unwrap().push(event.clone()))
        .log_bodies(log_bodies)
        .build()
        .unwrap();
    client.send_message(&SendMessage::new(28, text)).unwrap();
    events.lock().unwrap().clone()
}

fn bodies(events: &[Event]) -> Vec<Option<String>> {
    events
        .iter()
        .filter_map(|event| match event {
            Event::Request { body, .. } | Event::Response { body, .. } => Some(body.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn without_log_bodies_no_event_has_a_body() {
    let server = MockServer::start().unwrap();
    let events = events_of(&server, "A private note", false);
    assert_eq!(bodies(&events), [None, None]);
    assert!(!format!("{events:?}").contains("A private note"));
}

#[test]
fn with_log_bodies_requests_and_answers_are_told_without_the_key() {
    let server = MockServer::start().unwrap();
    server.script([Step::status(429)]);
    let events = events_of(&server, "A private note", true);
    let told = bodies(&events);
    assert_eq!(told.len(), 4, "two attempts: {events:?}");
    for request in [&told[0], &told[2]] {
        assert!(
            request
                .as_deref()
                .unwrap()
                .contains(r#""message":"A private note""#)
        );
    }
    assert!(
        told[1].as_deref().unwrap().contains("Too Many Requests"),
        "{told:?}"
    );
    assert!(told[3].as_deref().unwrap().contains(r#""id""#), "{told:?}");
    assert!(!format!("{events:?}").contains("mock-key"));
}

#[test]
fn long_bodies_are_cut_and_say_their_length() {
    let server = MockServer::start().unwrap();
    let events = events_of(&server, &"x".repeat(5000), true);
    let request = bodies(&events)[0].clone().unwrap();
    let (kept, rest) = request.split_once('…').unwrap();
    assert_eq!(kept.len(), BODY_EXCERPT_BYTES);
    assert!(
        rest.starts_with(" (50") && rest.ends_with(" bytes)"),
        "{rest}"
    );
}
