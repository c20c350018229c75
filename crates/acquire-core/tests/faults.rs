//! The shared fault matrix (tests/vectors/faults.json) against acquire-mock, with the
//! recognisable API key checked against every error, `Debug` output and the journal.

use std::net::TcpListener;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use acquire_core::{Client, Error, SendMessage};
use acquire_mock::{Fixtures, MockConfig, MockServer, Step};
use serde_json::Value;

fn matrix() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/faults.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The default fixtures plus the matrix's key.
fn fixtures(key: &str) -> Fixtures {
    let mut fixtures = Fixtures::default();
    let mut leak_key = fixtures.api_keys[0].clone();
    leak_key.key = key.to_owned();
    fixtures.api_keys.push(leak_key);
    fixtures
}

fn ms(value: &Value) -> Duration {
    Duration::from_millis(value.as_u64().unwrap())
}

/// The error as the vectors name its fields.
fn fields(err: &Error) -> Value {
    serde_json::to_value(err.fields()).unwrap()
}

#[test]
fn every_fault_gives_its_typed_answer_within_its_bounds() {
    let matrix = matrix();
    let key = matrix["apiKey"].as_str().unwrap();
    let settings = &matrix["client"];
    for case in matrix["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let expect = &case["expect"];
        let server = MockServer::start_with(MockConfig {
            fixtures: fixtures(key),
            ..MockConfig::default()
        })
        .unwrap();
        let url = if case["server"] == "refused" {
            let port = TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            format!("http://127.0.0.1:{port}")
        } else {
            server.url().to_owned()
        };
        if let Some(script) = case.get("script") {
            server.script(Step::parse_many(script.to_string().as_bytes()).unwrap());
        }
        let client = Client::builder()
            .base_url(url)
            .api_key(key)
            .timeout(ms(&settings["timeoutMs"]))
            .connect_timeout(ms(&settings["connectTimeoutMs"]))
            .total_timeout(ms(&settings["totalTimeoutMs"]))
            .max_retries(settings["maxRetries"].as_u64().unwrap() as u32)
            .build()
            .unwrap();
        let message = SendMessage::new(28, matrix["message"]["message"].as_str().unwrap());
        let started = Instant::now();
        let result = client.send_message(&message);
        let elapsed = started.elapsed().as_secs_f64();

        match (&result, expect.get("ok")) {
            (Ok(_), Some(_)) => {}
            (Err(err), None) => {
                let got = fields(err);
                for field in [
                    "code",
                    "status",
                    "errorType",
                    "phase",
                    "retryAfter",
                    "mayHaveBeenDelivered",
                    "attempts",
                ] {
                    if let Some(expected) = expect.get(field) {
                        let same = match (got[field].as_f64(), expected.as_f64()) {
                            (Some(a), Some(b)) => a == b,
                            _ => got[field] == *expected,
                        };
                        assert!(same, "{name}: {field} is {} ({err})", got[field]);
                    }
                }
                for shown in [err.to_string(), format!("{err:?}"), got.to_string()] {
                    assert!(!shown.contains(key), "{name}: the key leaks: {shown}");
                }
            }
            (other, _) => panic!("{name}: unexpected outcome {other:?}"),
        }
        let requests = server.requests();
        assert_eq!(
            requests.len() as u64,
            expect["requests"].as_u64().unwrap(),
            "{name}: requests"
        );
        let stored = requests.iter().filter(|r| r.stored).count();
        assert_eq!(
            stored as u64,
            expect["stored"].as_u64().unwrap(),
            "{name}: stored"
        );
        assert!(
            !serde_json::to_string(&requests).unwrap().contains(key),
            "{name}: key in the journal"
        );
        if let Some(min) = expect["minSeconds"].as_f64() {
            assert!(elapsed >= min, "{name}: {elapsed:.2} s < {min} s");
        }
        let max = expect["maxSeconds"].as_f64().unwrap();
        assert!(elapsed <= max, "{name}: {elapsed:.2} s > {max} s");
        assert!(!format!("{client:?}").contains(key));
    }
}
