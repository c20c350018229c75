//! `cargo bench -p acquire-core --bench send`: µs per send against the local server in
//! `--static` mode, for acquire-core and two peers on the same run:
//!
//! - raw: one keep-alive TCP connection writing the same request bytes and reading the
//!   response (what `wrk -c1` measures: the floor any client can reach);
//! - ureq + Value: a plain ureq 3 agent posting the body and parsing into
//!   `serde_json::Value` (what a hand-rolled client would do).
//!
//! Prints the median of several rounds and the ratios to each peer.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use acquire_core::{Client, SendMessage};
use acquire_mock::{MockConfig, MockServer};

const ROUNDS: usize = 7;
const SENDS: usize = 2_000;
const BODY: &str = r#"{"message":{"type":"message","message":"this is test message"},"caseId":28}"#;
const PATH: &str = "/api/v1/crm/messenger/chat/add-message?-x-user-type=user";

fn median_micros(mut run: impl FnMut()) -> f64 {
    for _ in 0..SENDS / 10 {
        run(); // warm-up: connections, caches
    }
    let mut rounds: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..SENDS {
                run();
            }
            start.elapsed().as_secs_f64() * 1e6 / SENDS as f64
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[ROUNDS / 2]
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

fn main() {
    let server = MockServer::start_with(MockConfig {
        static_mode: true,
        ..MockConfig::default()
    })
    .unwrap();
    let addr = server.url().trim_start_matches("http://").to_owned();

    let client = Client::builder()
        .base_url(server.url())
        .api_key("mock-key")
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let message = SendMessage::new(28, "this is test message");
    let core = median_micros(|| {
        let sent = client.send_message(&message).unwrap();
        assert_eq!(sent.case_id, 28);
    });

    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
    let url = format!("{}{PATH}", server.url());
    let plain = median_micros(|| {
        let mut response = agent
            .post(&url)
            .header("authorization", "Bearer mock-key")
            .header("content-type", "application/json")
            .send(BODY)
            .unwrap();
        let value: serde_json::Value =
            serde_json::from_slice(&response.body_mut().read_to_vec().unwrap()).unwrap();
        assert_eq!(value["data"]["caseId"], 28);
    });

    let mut raw = RawConnection::new(&addr);
    let floor = median_micros(|| raw.round_trip());

    println!("µs per send (median of {ROUNDS} x {SENDS}, loopback, acquire-mock --static):");
    println!("  raw keep-alive round trip   {floor:8.1}");
    println!("  ureq + serde_json::Value    {plain:8.1}");
    println!("  acquire-core send_message   {core:8.1}");
    println!("acquire-core / raw round trip = {:.2}x", core / floor);
    println!("acquire-core / ureq + Value   = {:.2}x", core / plain);
}
