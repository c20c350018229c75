//! The shared webhook vectors (tests/vectors/webhooks.json): signatures and payloads.

use std::path::PathBuf;

use acquire_core::webhooks::{self, Event, WebhookError};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

fn vectors() -> Value {
    let text = std::fs::read_to_string(vectors_dir().join("webhooks.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A case's body: `body` as UTF-8, or the exact bytes of `bodyFile`.
fn body(case: &Value) -> Vec<u8> {
    match case.get("bodyFile").and_then(Value::as_str) {
        Some(file) => std::fs::read(vectors_dir().join(file)).unwrap(),
        None => case["body"].as_str().unwrap().as_bytes().to_vec(),
    }
}

fn outcome<T>(result: Result<T, WebhookError>) -> String {
    match result {
        Ok(_) => "ok".into(),
        Err(err) => err.code().into(),
    }
}

/// `a.b.0.c` in a JSON value; `x.length` is an array's length.
fn lookup(value: &Value, path: &str) -> Value {
    let mut current = value;
    for part in path.split('.') {
        if part == "length" {
            return current.as_array().map_or(Value::Null, |a| a.len().into());
        }
        current = match part.parse::<usize>() {
            Ok(index) => &current[index],
            Err(_) => &current[part],
        };
    }
    current.clone()
}

#[test]
fn signatures_verify_or_fail_with_the_expected_error() {
    for case in vectors()["signatures"].as_array().unwrap() {
        let (name, secret) = (
            case["name"].as_str().unwrap(),
            case["secret"].as_str().unwrap(),
        );
        let signature = case["signature"].as_str().unwrap();
        let body = body(case);
        let got = outcome(webhooks::verify(&body, signature, secret));
        assert_eq!(got, case["expect"], "{name}");
        if case["expect"] == "ok" && !secret.is_empty() && signature == signature.trim() {
            // sign() reproduces the raw-bytes vectors exactly.
            let signed = webhooks::sign(&body, secret);
            let raw_form = signed.eq_ignore_ascii_case(signature);
            assert!(
                raw_form || name.contains("JSON.stringify") || name.contains("pretty"),
                "{name}"
            );
        }
    }
}

#[test]
fn payloads_parse_to_the_expected_fields() {
    for case in vectors()["events"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let expect = case["expect"].as_object().unwrap();
        let parsed = Event::parse(&body(case));
        if let Some(code) = expect.get("error") {
            assert_eq!(outcome(parsed), *code, "{name}");
            continue;
        }
        let event = parsed.unwrap_or_else(|e| panic!("{name}: {e}"));
        let summary = serde_json::to_value(&event).unwrap();
        for (path, expected) in expect {
            assert_eq!(lookup(&summary, path), *expected, "{name}: {path}");
        }
        assert_eq!(event.raw_json().as_bytes(), body(case), "{name}");
    }
}

#[test]
fn construct_event_verifies_then_parses() {
    let body = br#"{"event":"case:message:new","data":{"caseId":"28","message":{"senderType":"contact","message":"hi"}}}"#;
    let signature = webhooks::sign(body, "secret");
    let event = webhooks::construct_event(body, &signature, "secret").unwrap();
    assert_eq!(event.case_id(), Some(28));
    assert_eq!(
        event.last_contact_message().unwrap().message.as_deref(),
        Some("hi")
    );
    let err = webhooks::construct_event(body, &signature, "other").unwrap_err();
    assert_eq!(err, WebhookError::SignatureMismatch);
    assert!(
        !err.to_string().contains(&signature[..16]),
        "no signature in messages"
    );
    let unsigned_junk = webhooks::sign(b"not json", "secret");
    let err = webhooks::construct_event(b"not json", &unsigned_junk, "secret").unwrap_err();
    assert_eq!(err.code(), "invalid_payload");
}
