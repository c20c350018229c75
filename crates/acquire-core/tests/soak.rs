//! Long runs through one client: 8 threads × 1,000 sends, a 10,000-item bulk send, and a
//! soak with a fault every ~50 requests. Every message is stored exactly once (or fails
//! with a `may_have_been_delivered` that matches the server), no connection leaks, and
//! memory stays flat (the server keeps only the newest entries).

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

use acquire_core::{Client, SendMessage};
use acquire_mock::{Fault, MockConfig, MockServer, Step};

/// The tests of this file run one at a time: the memory check must not see another's.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn server(keep: usize) -> MockServer {
    MockServer::start_with(MockConfig {
        keep,
        ..MockConfig::default()
    })
    .unwrap()
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.url())
        .api_key("mock-key")
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap()
}

/// Resident memory of this process, in KiB.
fn rss_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0)
        * 4
}

#[test]
fn eight_threads_times_a_thousand_sends_are_stored_once_each() {
    let _one = acquire_core::internal::lock(&ONE_AT_A_TIME);
    let server = server(100);
    let client = client(&server);
    let run = |round: usize| -> Vec<i64> {
        thread::scope(|scope| {
            let workers: Vec<_> = (0..8)
                .map(|t| {
                    let client = &client;
                    scope.spawn(move || {
                        (0..500)
                            .map(|i| {
                                let text = format!("soak {round}-{t}-{i}");
                                client.send_message(&SendMessage::new(28, text)).unwrap().id
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap())
                .collect()
        })
    };
    let first = run(0);
    let warm = rss_kib();
    let second = run(1);
    let grown = rss_kib().saturating_sub(warm);

    let ids: HashSet<i64> = first.iter().chain(&second).copied().collect();
    assert_eq!(ids.len(), 8_000, "every send got its own stored message");
    let stats = server.stats();
    assert_eq!(
        (stats.requests, stats.stored),
        (8_000, 8_000),
        "no retries, no duplicates"
    );
    assert_eq!(
        server.requests().len(),
        100,
        "the server keeps only the newest 100"
    );
    let connections: HashSet<u64> = server.requests().iter().map(|r| r.connection).collect();
    assert!(
        connections.iter().all(|c| *c < 8),
        "at most 8 connections: {connections:?}"
    );
    assert!(
        grown < 4_096,
        "RSS grew {grown} KiB over the second 4,000 sends"
    );
}

#[test]
fn a_bulk_send_of_ten_thousand_is_stored_once_each() {
    let _one = acquire_core::internal::lock(&ONE_AT_A_TIME);
    let server = server(100);
    let client = client(&server);
    let messages: Vec<SendMessage> = (0..10_000)
        .map(|i| SendMessage::new(28, format!("bulk {i}")))
        .collect();
    let results = client.send_messages(&messages, 8);
    assert!(results.iter().all(Result::is_ok));
    let ids: HashSet<i64> = results.iter().map(|r| r.as_ref().unwrap().id).collect();
    assert_eq!(ids.len(), 10_000);
    assert_eq!(server.stats().stored, 10_000);
    let connections: HashSet<u64> = server.requests().iter().map(|r| r.connection).collect();
    assert!(connections.iter().all(|c| *c < 8), "{connections:?}");
}

#[test]
fn with_a_fault_every_fifty_requests_no_message_is_lost_or_doubled_silently() {
    let _one = acquire_core::internal::lock(&ONE_AT_A_TIME);
    let server = server(100_000);
    let faults = [
        Step::fault(Fault::Reset), // read, then reset: may be delivered
        Step::status(429).header("retry-after", "0"), // refused: retried
        Step::fault(Fault::Stall), // times out after 500 ms: may be delivered
        Step::status(503).header("retry-after", "0"), // refused: retried
        Step::fault(Fault::Close).store(false), // dropped unread: may be delivered
    ];
    let mut script = Vec::new();
    for i in 0..40 {
        script.extend((0..49).map(|_| Step::default()));
        script.push(faults[i % faults.len()].clone());
    }
    server.script(script);
    let client = client(&server);
    let messages: Vec<SendMessage> = (0..2_000)
        .map(|i| SendMessage::new(28, format!("faulty {i}")))
        .collect();
    let results = client.send_messages(&messages, 8);

    let mut stored: HashMap<String, usize> = HashMap::new();
    for message in server.messages() {
        *stored
            .entry(message["message"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    let mut failed = 0;
    for (message, result) in messages.iter().zip(&results) {
        let times = stored.get(message.text()).copied().unwrap_or(0);
        match result {
            Ok(_) => assert_eq!(times, 1, "{}: sent once, stored once", message.text()),
            Err(err) if err.may_have_been_delivered() => {
                failed += 1;
                assert!(times <= 1, "{}: stored {times} times", message.text());
            }
            Err(err) => panic!(
                "{}: {err} although nothing stops it being retried",
                message.text()
            ),
        }
    }
    assert!(failed > 0 && failed <= 40, "{failed} ambiguous failures");
    assert!(stored.values().all(|&n| n == 1), "nothing stored twice");
}
