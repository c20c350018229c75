//! Bulk sends and the client's own threads, against the local server over loopback.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use acquire_core::{BatchOptions, Client, Error, Message, SendMessage};
use acquire_mock::{MockServer, Step};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.url())
        .api_key("mock-key")
        .build()
        .unwrap()
}

/// How many times each text was stored by the server.
fn stored_texts(server: &MockServer) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for message in server.messages() {
        let text = message["message"].as_str().unwrap().to_owned();
        *counts.entry(text).or_default() += 1;
    }
    counts
}

fn api_status(result: &Result<Message, Error>) -> u16 {
    match result {
        Err(Error::Api(api)) => api.status,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[test]
fn a_thousand_messages_are_stored_once_each_in_input_order() {
    let server = MockServer::start().unwrap();
    let client = client(&server);
    let messages: Vec<SendMessage> = (0..1000)
        .map(|i| SendMessage::new(28, format!("bulk {i}")))
        .collect();
    let results = client.send_messages(&messages, 8);
    assert_eq!(results.len(), 1000);
    for (i, result) in results.iter().enumerate() {
        let sent = result.as_ref().unwrap();
        assert_eq!(sent.message.as_deref(), Some(format!("bulk {i}").as_str()));
    }
    let stored = stored_texts(&server);
    assert_eq!(stored.len(), 1000);
    assert!(stored.values().all(|&n| n == 1));
    // The batch shares the client's keep-alive pool: 8 senders, at most 8 connections.
    let connections = server.requests().iter().map(|r| r.connection).max();
    assert!(connections.unwrap() < 8, "{connections:?}");
}

#[test]
fn failures_land_on_their_own_items_and_retries_do_not_duplicate() {
    let server = MockServer::start().unwrap();
    server.script([
        Step::status(429)
            .header("retry-after", "0")
            .for_text("rate limited once"),
        Step::status(500).for_text("server error"),
    ]);
    let client = client(&server);
    let mut messages: Vec<SendMessage> = (0..40)
        .map(|i| SendMessage::new(28, format!("ok {i}")))
        .collect();
    messages[5] = SendMessage::new(29, "closed case");
    messages[17] = SendMessage::new(28, "rate limited once");
    messages[30] = SendMessage::new(28, "server error");
    let results = client.send_messages(&messages, 8);

    assert_eq!(api_status(&results[5]), 400);
    assert!(!results[5].as_ref().unwrap_err().may_have_been_delivered());
    let server_error = results[30].as_ref().unwrap_err();
    assert_eq!(api_status(&results[30]), 500);
    assert!(server_error.may_have_been_delivered());
    assert_eq!(server_error.attempts(), 1);
    let retried = results[17].as_ref().unwrap();
    assert_eq!(retried.message.as_deref(), Some("rate limited once"));
    for (i, result) in results.iter().enumerate() {
        if ![5, 30].contains(&i) {
            assert!(result.is_ok(), "item {i}: {result:?}");
        }
    }

    let stored = stored_texts(&server);
    assert_eq!(stored.len(), 38, "every item but the two failures");
    assert!(stored.values().all(|&n| n == 1), "{stored:?}");
    let attempts_of_retried = server
        .requests()
        .iter()
        .filter(|r| r.body.contains("rate limited once"))
        .count();
    assert_eq!(attempts_of_retried, 2);
}

#[test]
fn items_that_failed_before_sending_keep_their_place() {
    let server = MockServer::start().unwrap();
    let client = client(&server);
    let good = SendMessage::new(28, "fine");
    let blank = SendMessage::new(28, "   ");
    let items = vec![
        Ok(&good),
        Err(SendMessage::from_parts(
            28,
            acquire_core::MessageParts {
                text: "x".into(),
                message_type: Some("shout".into()),
                ..Default::default()
            },
        )
        .unwrap_err()),
        Ok(&blank),
        Ok(&good),
    ];
    let seen = Mutex::new(Vec::new());
    let results = client
        .send_batch(items, &BatchOptions::default(), |index, _| {
            seen.lock().unwrap().push(index)
        })
        .unwrap();
    let fields: Vec<_> = results
        .iter()
        .map(|r| r.as_ref().err().map(|e| e.fields().field))
        .collect();
    assert_eq!(
        fields,
        [
            None,
            Some(Some("type".into())),
            Some(Some("message".into())),
            None
        ]
    );
    let mut seen = seen.into_inner().unwrap();
    seen.sort();
    assert_eq!(seen, [0, 1, 2, 3], "on_each runs once per item");
    assert_eq!(server.messages().len(), 2, "invalid items are never sent");
}

#[test]
fn thirty_two_slow_sends_overlap() {
    let server = MockServer::start().unwrap();
    server.script((0..32).map(|_| Step::default().delay_ms(1000)));
    let client = client(&server);
    let messages: Vec<SendMessage> = (0..32)
        .map(|i| SendMessage::new(28, format!("slow {i}")))
        .collect();
    let started = Instant::now();
    let results = client.send_messages(&messages, 32);
    let took = started.elapsed();
    assert!(results.iter().all(Result::is_ok));
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

#[test]
fn spawned_sends_run_on_the_clients_threads_and_overlap() {
    let server = MockServer::start().unwrap();
    server.script((0..32).map(|_| Step::default().delay_ms(1000)));
    let client = client(&server);
    let (done, finished) = mpsc::channel();
    let started = Instant::now();
    for i in 0..32 {
        let (sender, done) = (client.clone(), done.clone());
        client.spawn(move || {
            let result = sender.send_message(&SendMessage::new(28, format!("bg {i}")));
            let thread = std::thread::current().name().map(str::to_owned);
            done.send((result.is_ok(), thread)).unwrap();
        });
    }
    assert!(
        started.elapsed() < Duration::from_millis(100),
        "spawn waits"
    );
    for _ in 0..32 {
        let (ok, thread) = finished.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(ok);
        assert_eq!(thread.as_deref(), Some("acquire-send"));
    }
    let took = started.elapsed();
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

#[test]
fn max_concurrency_bounds_the_clients_threads() {
    let server = MockServer::start().unwrap();
    server.script((0..4).map(|_| Step::default().delay_ms(500)));
    let client = Client::builder()
        .base_url(server.url())
        .api_key("mock-key")
        .max_concurrency(2)
        .build()
        .unwrap();
    let (done, finished) = mpsc::channel();
    let started = Instant::now();
    for i in 0..4 {
        let (sender, done) = (client.clone(), done.clone());
        client.spawn(move || {
            let sent = sender.send_message(&SendMessage::new(28, format!("{i}")));
            done.send(sent.is_ok()).unwrap();
        });
    }
    for _ in 0..4 {
        assert!(finished.recv_timeout(Duration::from_secs(5)).unwrap());
    }
    // Two at a time: two rounds of 500 ms.
    assert!(started.elapsed() >= Duration::from_millis(1000));
}

#[test]
fn a_concurrency_of_zero_is_an_error_not_one() {
    let server = acquire_mock::MockServer::start().unwrap();
    let client = acquire_core::Client::builder()
        .base_url(server.url())
        .api_key("mock-key")
        .build()
        .unwrap();
    let messages = [acquire_core::SendMessage::new(28, "hi")];
    let results = client.send_messages(&messages, 0);
    match &results[0] {
        Err(acquire_core::Error::InvalidConfig { field, .. }) => assert_eq!(field, "concurrency"),
        other => panic!("expected InvalidConfig, got {other:?}"),
    }
    assert!(server.requests().is_empty());
}
