//! Settling uncertain sends by reading the case back, against the local server.

use std::time::{Duration, SystemTime};

use acquire_core::{Client, Error, SendMessage, Settlement};
use acquire_mock::{Fault, MockServer, Step};

fn setup(settle: bool, retries: u32) -> (MockServer, Client) {
    let server = MockServer::start().unwrap();
    let client = Client::builder()
        .base_url(server.url())
        .api_key("mock-key")
        .max_retries(retries)
        .timeout(Duration::from_millis(500))
        .settle_uncertain(settle)
        .build()
        .unwrap();
    (server, client)
}

fn sends(server: &MockServer) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.path.contains("add-message"))
        .count()
}

#[test]
fn a_stored_message_is_found_with_its_id() {
    let (server, client) = setup(false, 0);
    let message = SendMessage::new(28, "order #1 shipped");
    let since = SystemTime::now();
    server.script([Step::fault(Fault::Close)]);
    let err = client.send_message(&message).unwrap_err();
    assert!(err.may_have_been_delivered());
    match client.settle(&message, since).unwrap() {
        Settlement::Delivered(stored) => {
            assert_eq!(stored.id, server.messages()[0]["id"].as_i64().unwrap());
            assert_eq!(stored.message.as_deref(), Some("order #1 shipped"));
        }
        other => panic!("expected Delivered, got {other:?}"),
    }
}

#[test]
fn a_message_that_never_landed_is_not_delivered() {
    let (server, client) = setup(false, 0);
    let message = SendMessage::new(28, "order #2 shipped");
    let since = SystemTime::now();
    // A 500 before storing: the case has no message at all.
    server.script([Step::status(500)]);
    assert!(
        client
            .send_message(&message)
            .unwrap_err()
            .may_have_been_delivered()
    );
    assert_eq!(
        client.settle(&message, since).unwrap(),
        Settlement::NotDelivered
    );
    // Another, newer message in the case: the full history proves ours is absent.
    client
        .send_message(&SendMessage::new(28, "someone else"))
        .unwrap();
    assert_eq!(
        client.settle(&message, since).unwrap(),
        Settlement::NotDelivered
    );
    // A case that does not exist holds nothing.
    assert_eq!(
        client.settle(&SendMessage::new(999, "x"), since).unwrap(),
        Settlement::NotDelivered
    );
}

#[test]
fn the_newest_message_predating_the_attempt_proves_absence() {
    let (_server, client) = setup(false, 0);
    client
        .send_message(&SendMessage::new(28, "old news"))
        .unwrap();
    let later = SystemTime::now() + Duration::from_secs(600);
    let message = SendMessage::new(28, "old news");
    assert_eq!(
        client.settle(&message, later).unwrap(),
        Settlement::NotDelivered
    );
}

#[test]
fn without_a_history_a_newer_other_message_is_unknown() {
    let (server, client) = setup(false, 0);
    let since = SystemTime::now();
    client
        .send_message(&SendMessage::new(28, "someone else"))
        .unwrap();
    server.script([
        Step::default().for_path("/crm/objects/case/28"),
        Step::status(200)
            .body(r#"{"data":{"id":28,"status":"active"}}"#)
            .for_path("/crm/objects/case/28"),
    ]);
    match client.settle(&SendMessage::new(28, "ours"), since).unwrap() {
        Settlement::Unknown { reason } => assert!(reason.contains("history"), "{reason}"),
        other => panic!("expected Unknown, got {other:?}"),
    }
}

#[test]
fn settle_uncertain_returns_the_stored_message_instead_of_an_error() {
    let (server, client) = setup(true, 2);
    server.script([Step::fault(Fault::Close)]);
    let sent = client.send_message(&SendMessage::new(28, "hello")).unwrap();
    assert_eq!(sent.id, server.messages()[0]["id"].as_i64().unwrap());
    assert_eq!((sends(&server), server.stats().stored), (1, 1));
}

#[test]
fn settle_uncertain_resends_only_what_is_proven_absent() {
    let (server, client) = setup(true, 2);
    server.script([Step::status(502)]);
    let sent = client.send_message(&SendMessage::new(28, "hello")).unwrap();
    assert_eq!((sends(&server), server.stats().stored), (2, 1));
    assert_eq!(sent.message.as_deref(), Some("hello"));
    // With no retry left, the error says it is safe to send again.
    let (server, client) = setup(true, 0);
    server.script([Step::status(500)]);
    let err = client
        .send_message(&SendMessage::new(28, "hello"))
        .unwrap_err();
    assert!(matches!(&err, Error::Api(api) if api.status == 500));
    assert!(!err.may_have_been_delivered());
    assert_eq!(server.stats().stored, 0);
}

#[test]
fn settle_uncertain_keeps_an_unprovable_failure_uncertain() {
    let (server, client) = setup(true, 2);
    client.send_message(&SendMessage::new(28, "other")).unwrap();
    server.script([
        Step::status(500),
        Step::default().for_path("/crm/objects/case/28"),
        Step::status(200)
            .body(r#"{"data":{"id":28}}"#)
            .for_path("/crm/objects/case/28"),
    ]);
    let err = client
        .send_message(&SendMessage::new(28, "ours"))
        .unwrap_err();
    assert!(err.may_have_been_delivered(), "{err}");
    assert_eq!(
        sends(&server),
        2,
        "not resent without retry_possibly_delivered"
    );
}

/// The shared matching-rule vectors (tests/vectors/settle.json).
#[test]
fn shared_settle_vectors() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/settle.json");
    let spec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for case in spec["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let (server, client) = setup(false, 0);
        server.script(case["answers"].as_array().unwrap().iter().map(|a| {
            Step::status(a["status"].as_u64().unwrap() as u16)
                .body(a["body"].as_str().unwrap())
                .for_path(a["forPath"].as_str().unwrap())
        }));
        let send = &case["send"];
        let mut message = SendMessage::new(28, send["message"].as_str().unwrap())
            .message_type(send["type"].as_str().unwrap().parse().unwrap());
        if let Some(contact) = send["asContactId"].as_i64() {
            message = message.as_contact(contact);
        }
        let since: SystemTime =
            chrono::DateTime::parse_from_rfc3339(case["since"].as_str().unwrap())
                .unwrap()
                .into();
        let settled = client.settle(&message, since).unwrap();
        assert_eq!(
            settled.as_str(),
            case["expect"]["status"],
            "{name}: {settled:?}"
        );
        if let Settlement::Delivered(stored) = settled {
            assert_eq!(
                Some(stored.id),
                case["expect"]["messageId"].as_i64(),
                "{name}"
            );
        }
    }
}
