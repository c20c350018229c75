//! The shared fault matrix (tests/vectors/faults.json) against acquire-mock, with the
//! recognisable API key checked against every error, `Debug` output and the journal, and
//! what the client tells about each call — hook events and `tracing` spans and events —
//! checked for its sequence and for the key and the message text.

use std::fmt;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use acquire_core::{Client, Error, Event, SendMessage};
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
        let events = Arc::new(Mutex::new(Vec::new()));
        let recorded = events.clone();
        let client = Client::builder()
            .base_url(url)
            .api_key(key)
            .timeout(ms(&settings["timeoutMs"]))
            .connect_timeout(ms(&settings["connectTimeoutMs"]))
            .total_timeout(ms(&settings["totalTimeoutMs"]))
            .max_retries(settings["maxRetries"].as_u64().unwrap() as u32)
            .on_event(move |event| recorded.lock().unwrap().push(event.clone()))
            .build()
            .unwrap();
        let text = matrix["message"]["message"].as_str().unwrap();
        let message = SendMessage::new(28, text);
        let capture = Capture::default();
        let lines = capture.lines.clone();
        let started = Instant::now();
        let result = tracing::subscriber::with_default(capture, || client.send_message(&message));
        let elapsed = started.elapsed().as_secs_f64();
        let attempts = expect
            .get("attempts")
            .unwrap_or(&expect["requests"])
            .as_u64()
            .unwrap() as u32;
        observed(
            name,
            &events.lock().unwrap(),
            &lines.lock().unwrap(),
            attempts,
            expect,
        );
        let told = format!("{:?}{:?}", events.lock().unwrap(), lines.lock().unwrap());
        assert!(!told.contains(key), "{name}: the key in an event or span");
        assert!(
            !told.contains(text),
            "{name}: the message text in an event or span"
        );

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

/// Checks the hook events and the `tracing` records of one call: a request and a response
/// per attempt, a retry between attempts, one end; one span with the outcome.
fn observed(name: &str, events: &[Event], lines: &[String], attempts: u32, expect: &Value) {
    let count = |kind: &str| {
        events
            .iter()
            .filter(|e| format!("{e:?}").starts_with(kind))
            .count() as u32
    };
    assert_eq!(count("Request"), attempts, "{name}: requests {events:?}");
    assert_eq!(count("Response"), attempts, "{name}: responses {events:?}");
    assert_eq!(count("Retry"), attempts - 1, "{name}: retries {events:?}");
    let Some(Event::Finished {
        attempts: finished_attempts,
        error,
        may_have_been_delivered,
        case_id,
        ..
    }) = events.last()
    else {
        panic!("{name}: the last event is not Finished: {events:?}");
    };
    assert_eq!(*finished_attempts, attempts, "{name}");
    assert_eq!(*case_id, Some(28), "{name}");
    assert_eq!(
        error.map(str::to_owned),
        expect["code"].as_str().map(str::to_owned),
        "{name}"
    );
    assert_eq!(
        *may_have_been_delivered,
        expect["mayHaveBeenDelivered"].as_bool().unwrap_or(false),
        "{name}"
    );
    let spans: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with("span acquire.call"))
        .collect();
    assert_eq!(spans.len(), 1, "{name}: spans {lines:?}");
    for field in [
        "http.request.method=\"POST\"",
        "server.address=127.0.0.1",
        "url.path=\"/crm/messenger/chat/add-message\"",
        "acquire.case_id=28",
    ] {
        assert!(spans[0].contains(field), "{name}: {field} in {}", spans[0]);
    }
    let recorded = lines
        .iter()
        .filter(|l| l.starts_with("record"))
        .cloned()
        .collect::<String>();
    assert!(
        recorded.contains(&format!("http.request.resend_count={}", attempts - 1)),
        "{name}: {recorded}"
    );
    if let Some(code) = expect["code"].as_str() {
        assert!(
            recorded.contains(&format!("error.type=\"{code}\"")),
            "{name}: {recorded}"
        );
    }
    let attempt_events = lines
        .iter()
        .filter(|l| l.contains("message=attempt"))
        .count() as u32;
    assert_eq!(attempt_events, attempts, "{name}: {lines:?}");
}

/// A `tracing` subscriber that keeps every span, record and event as a line of text.
#[derive(Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next: AtomicU64,
}

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut fields = Fields(format!("span {}", span.metadata().name()));
        span.record(&mut fields);
        self.lines.lock().unwrap().push(fields.0);
        tracing::span::Id::from_u64(self.next.fetch_add(1, Ordering::Relaxed) + 1)
    }

    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut fields = Fields("record".to_owned());
        values.record(&mut fields);
        self.lines.lock().unwrap().push(fields.0);
    }

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Fields(format!("event {}", event.metadata().level()));
        event.record(&mut fields);
        self.lines.lock().unwrap().push(fields.0);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}
