//! The Rust clients of the benchmark, against the local server in `--static` mode.
//!
//! - `cargo bench -p acquire-core --bench send`: starts its own server and prints µs per
//!   send for acquire-core and its peers;
//! - `cargo bench -p acquire-core --bench send -- CLIENT SENDS URL`: one client against a
//!   running server, printing `{"client", "us_per_send"}` as JSON (what `bench/run.py`,
//!   i.e. `make bench`, calls, interleaving every language's clients round by round).
//!
//! Clients: `core` (`send_message`), `raw` (one keep-alive TCP connection writing prebuilt
//! request bytes: the floor), `ureq` (a plain ureq agent + `serde_json::Value`),
//! `core-bulk` (`send_messages`, 8 at a time), `ureq-bulk` (8 threads sharing one ureq
//! agent), `core-logged` (`send_message` with an `on_event` hook writing a line per event,
//! as a logger would, to a sink: the cost of observability), `rss` (resident memory after
//! 100, SENDS/2 and SENDS sends).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use acquire_core::{Client, ClientBuilder, SendMessage};
use acquire_mock::{MockConfig, MockServer};

const BODY: &str = r#"{"message":{"type":"message","message":"this is test message"},"caseId":28}"#;
const PATH: &str = "/api/v1/crm/messenger/chat/add-message?-x-user-type=user";
const TEXT: &str = "this is test message";
const THREADS: usize = 8;

/// µs per send of `sends` calls of `run`, after a warm-up of a tenth as many.
fn micros(sends: usize, mut run: impl FnMut()) -> f64 {
    for _ in 0..sends / 10 {
        run();
    }
    let start = Instant::now();
    for _ in 0..sends {
        run();
    }
    start.elapsed().as_secs_f64() * 1e6 / sends as f64
}

/// One keep-alive connection sending prebuilt request bytes.
struct RawConnection {
    reader: BufReader<TcpStream>,
    request: Vec<u8>,
    body: Vec<u8>,
}

impl RawConnection {
    fn new(addr: &str) -> Self {
        let stream = TcpStream::connect(addr).unwrap();
        stream.set_nodelay(true).unwrap();
        let request = format!(
            "POST {PATH} HTTP/1.1\r\nhost: {addr}\r\nauthorization: Bearer mock-key\r\ncontent-type: application/json\r\naccept: application/json\r\ncontent-length: {}\r\n\r\n{BODY}",
            BODY.len()
        );
        RawConnection {
            reader: BufReader::new(stream),
            request: request.into_bytes(),
            body: Vec::new(),
        }
    }

    fn round_trip(&mut self) {
        self.reader.get_mut().write_all(&self.request).unwrap();
        let mut length = 0;
        let mut line = String::new();
        loop {
            line.clear();
            self.reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
        }
        self.body.resize(length, 0);
        self.reader.read_exact(&mut self.body).unwrap();
    }
}

fn client(url: &str) -> Client {
    builder(url).build().unwrap()
}

fn builder(url: &str) -> ClientBuilder {
    Client::builder()
        .base_url(url)
        .api_key("mock-key")
        .timeout(Duration::from_secs(10))
}

/// A plain ureq post parsed into a `Value`, as a hand-rolled client would.
fn ureq_send(agent: &ureq::Agent, url: &str) {
    let mut response = agent
        .post(url)
        .header("authorization", "Bearer mock-key")
        .header("content-type", "application/json")
        .send(BODY)
        .unwrap();
    let value: serde_json::Value =
        serde_json::from_slice(&response.body_mut().read_to_vec().unwrap()).unwrap();
    assert_eq!(value["data"]["caseId"], 28);
}

/// Resident set size of this process, in KiB.
fn rss_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4
}

/// Runs one client; its JSON result line.
fn run(name: &str, sends: usize, url: &str) -> String {
    let endpoint = format!("{url}{PATH}");
    let message = SendMessage::new(28, TEXT);
    let us = match name {
        "core" => {
            let client = client(url);
            micros(sends, || {
                assert_eq!(client.send_message(&message).unwrap().case_id, 28);
            })
        }
        "core-logged" => {
            let client = builder(url)
                .on_event(|event| {
                    let _ = writeln!(std::io::sink(), "acquire: {event:?}");
                })
                .build()
                .unwrap();
            micros(sends, || {
                assert_eq!(client.send_message(&message).unwrap().case_id, 28);
            })
        }
        "raw" => {
            let mut raw = RawConnection::new(url.trim_start_matches("http://"));
            micros(sends, || raw.round_trip())
        }
        "ureq" => {
            let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
            micros(sends, || ureq_send(&agent, &endpoint))
        }
        "core-bulk" => {
            let client = client(url);
            let messages = vec![message; sends];
            let start = Instant::now();
            let results = client.send_messages(&messages, THREADS);
            assert!(results.iter().all(Result::is_ok));
            start.elapsed().as_secs_f64() * 1e6 / sends as f64
        }
        "ureq-bulk" => {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .max_idle_connections_per_host(THREADS)
                .build()
                .into();
            let start = Instant::now();
            thread::scope(|scope| {
                for _ in 0..THREADS {
                    scope.spawn(|| (0..sends / THREADS).for_each(|_| ureq_send(&agent, &endpoint)));
                }
            });
            start.elapsed().as_secs_f64() * 1e6 / sends as f64
        }
        "rss" => {
            let client = client(url);
            let send = |n| (0..n).for_each(|_| drop(client.send_message(&message).unwrap()));
            send(100);
            let after_100 = rss_kib();
            send(sends / 2 - 100);
            let after_half = rss_kib();
            send(sends / 2);
            return format!(
                r#"{{"client": "rss", "rss_kib_100": {after_100}, "rss_kib_half": {after_half}, "rss_kib_all": {}}}"#,
                rss_kib()
            );
        }
        other => panic!("unknown client {other}"),
    };
    format!(r#"{{"client": "{name}", "us_per_send": {us:.2}}}"#)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if let [name, sends, url] = args.as_slice() {
        println!("{}", run(name, sends.parse().unwrap(), url));
        return;
    }
    let server = MockServer::start_with(MockConfig {
        static_mode: true,
        ..MockConfig::default()
    })
    .unwrap();
    println!(
        "µs per send, 2,000 sends each, loopback, acquire-mock --static (full run: make bench):"
    );
    for name in ["raw", "ureq", "core"] {
        println!("  {}", run(name, 2_000, server.url()));
    }
}
