//! Runs the shared cases in the repository's tests/vectors against the Rust client.

use std::path::PathBuf;

use acquire_core::{Client, Error, MessageType, SendMessage};
use acquire_mock::{MockServer, Step};
use serde_json::Value;

fn vectors(name: &str) -> Value {
    let path = vectors_dir().join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

fn client(url: &str, key: &str) -> Client {
    Client::builder()
        .base_url(url)
        .api_key(key)
        .max_retries(0)
        .build()
        .unwrap()
}

/// Builds a message from a vector's `input` object (the API's field names).
fn message_from(input: &Value) -> Result<SendMessage, Error> {
    let mut msg = SendMessage::new(
        input["caseId"].as_i64().unwrap(),
        input["message"].as_str().unwrap(),
    );
    if let Some(kind) = input.get("type").and_then(Value::as_str) {
        msg = msg.message_type(kind.parse::<MessageType>()?);
    }
    if let Some(lang) = input.get("translateLangKey").and_then(Value::as_str) {
        msg = msg.translate_lang_key(lang);
    }
    if let Some(channel) = input.get("channel").and_then(Value::as_str) {
        msg = msg.channel(channel);
    }
    if let Some(contact) = input.get("asContactId").and_then(Value::as_i64) {
        msg = msg.as_contact(contact);
    }
    for (k, v) in input
        .get("extra")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        msg = msg.extra(k.clone(), v.clone());
    }
    Ok(msg)
}

#[test]
fn requests_are_exact_on_the_wire() {
    let spec = vectors("requests.json");
    let server = MockServer::start().unwrap();
    let client = client(server.url(), spec["apiKey"].as_str().unwrap());
    let cases = spec["cases"].as_array().unwrap();
    for case in cases {
        client
            .send_message(&message_from(&case["input"]).unwrap())
            .unwrap();
    }
    let requests = server.requests();
    assert_eq!(requests.len(), cases.len());
    for (case, req) in cases.iter().zip(&requests) {
        let name = case["name"].as_str().unwrap();
        assert_eq!(req.method, spec["method"], "{name}");
        let path = spec["path"].as_str().unwrap();
        let query = case["query"].as_str().unwrap();
        assert_eq!(req.path, format!("{path}?{query}"), "{name}");
        assert_eq!(req.status, Some(200), "{name}");
        for (header, value) in spec["headers"].as_object().unwrap() {
            assert_eq!(req.header(header), value.as_str(), "{name}: {header}");
        }
        let ua = req.header("user-agent").unwrap();
        assert!(
            ua.starts_with(spec["userAgentPrefix"].as_str().unwrap()),
            "{ua}"
        );
        assert_eq!(req.body, case["body"], "{name}");
    }
}

#[test]
fn invalid_inputs_are_never_sent() {
    let server = MockServer::start().unwrap();
    let client = client(server.url(), "mock-key");
    for case in vectors("invalid.json")["cases"].as_array().unwrap() {
        let result = message_from(&case["input"]).and_then(|m| client.send_message(&m));
        match result {
            Err(Error::InvalidRequest { field, .. }) => {
                assert_eq!(field, case["field"], "{}", case["name"])
            }
            other => panic!("{}: expected InvalidRequest, got {other:?}", case["name"]),
        }
    }
    assert!(server.requests().is_empty());
}

#[test]
fn responses_become_messages_or_typed_errors() {
    let spec = vectors("responses.json");
    let server = MockServer::start().unwrap();
    let client = client(server.url(), "mock-key");
    for case in spec["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let body = match case.get("bodyFile").and_then(Value::as_str) {
            Some(file) => std::fs::read_to_string(vectors_dir().join(file)).unwrap(),
            None => case["body"].as_str().unwrap().to_owned(),
        };
        let mut step = Step::status(case["status"].as_u64().unwrap() as u16).body(&body);
        for (k, v) in case["headers"].as_object().unwrap() {
            step = step.header(k, v.as_str().unwrap());
        }
        server.script([step]);
        let result = client.send_message(&SendMessage::new(28, "hi"));
        match (&case["expect"]["message"], &case["expect"]["error"], result) {
            (Value::Object(fields), _, Ok(message)) => {
                assert_eq!(message.raw_json(), Some(body.as_str()), "{name}");
                let actual = serde_json::to_value(&message).unwrap();
                for (path, expected) in fields {
                    let got = lookup(&actual, path);
                    assert!(
                        same(path, expected, got),
                        "{name}: {path}: {got:?} != {expected}"
                    );
                }
            }
            (_, Value::Object(expected), Err(err)) => {
                assert_eq!(err.code(), expected["code"], "{name}: {err}");
                assert_eq!(
                    err.may_have_been_delivered(),
                    expected["mayHaveBeenDelivered"],
                    "{name}"
                );
                assert_eq!(err.attempts(), 1, "{name}");
                match err {
                    Error::Api(api) => {
                        assert_eq!(u64::from(api.status), expected["status"], "{name}");
                        assert_eq!(
                            api.error_type.as_deref(),
                            expected["errorType"].as_str(),
                            "{name}"
                        );
                        assert_eq!(api.message, expected["message"], "{name}");
                        assert_eq!(
                            api.retry_after.map(|d| d.as_secs()),
                            expected["retryAfter"].as_u64(),
                            "{name}"
                        );
                        assert_eq!(api.body, body, "{name}");
                    }
                    Error::Decode(decode) => {
                        assert_eq!(u64::from(decode.status), expected["status"], "{name}")
                    }
                    other => panic!("{name}: unexpected {other:?}"),
                }
            }
            (_, _, other) => panic!("{name}: unexpected {other:?}"),
        }
    }
}

fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(value, |v, key| match key.parse::<usize>() {
            Ok(i) => v.get(i),
            Err(_) => v.get(key),
        })
}

/// Equality, with timestamps (fields named `date…`) compared as instants.
fn same(path: &str, expected: &Value, got: Option<&Value>) -> bool {
    let last = path.rsplit('.').next().unwrap();
    match (expected, got) {
        (Value::String(e), Some(Value::String(g))) if last.starts_with("date") => {
            let parse = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
            parse(e) == parse(g)
        }
        (e, Some(g)) => e == g,
        (Value::Null, None) => true,
        _ => false,
    }
}
