//! The documented checks of Send Message, the journal, the control endpoints and the
//! binary, exercised over loopback.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use acquire_core::{ApiErrorKind, Client, Error, MessageType, SendMessage};
use acquire_mock::{MockConfig, MockServer};
use serde_json::{Value, json};

const PATH: &str = "/api/v1/crm/messenger/chat/add-message";

/// A raw request, for inputs the SDK refuses to send: (status, body as JSON).
fn raw(url: &str, method: &str, path: &str, auth: Option<&str>, body: &str) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let target = format!("{url}{path}");
    let mut response = match method {
        "GET" => agent.get(&target).call(),
        _ => {
            let mut request = agent
                .post(&target)
                .header("content-type", "application/json");
            if let Some(auth) = auth {
                request = request.header("authorization", auth);
            }
            request.send(body)
        }
    }
    .unwrap();
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn client(url: &str, key: &str) -> Client {
    Client::builder()
        .base_url(url)
        .api_key(key)
        .max_retries(0)
        .build()
        .unwrap()
}

fn api_error(err: Error) -> (u16, ApiErrorKind, Option<String>, String) {
    match err {
        Error::Api(e) => (e.status, e.kind, e.error_type, e.message),
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[test]
fn a_send_is_stored_and_answered_like_the_docs_example() {
    let server = MockServer::start().unwrap();
    let client = client(server.url(), "mock-key");
    let msg = SendMessage::new(28, "Bonjour")
        .message_type(MessageType::Note)
        .translate_lang_key("fr");
    let first = client.send_message(&msg).unwrap();
    let second = client.send_message(&SendMessage::new(28, "again")).unwrap();
    assert_eq!((first.id, second.id), (329, 330));
    assert_eq!(first.sender_type.as_deref(), Some("user"));
    assert_eq!(first.sender_id, Some(23));
    assert_eq!(first.message_type.as_deref(), Some("note"));
    assert_eq!(first.seen, Some(false));
    assert!(first.date_created.is_some());
    let case = first.case.as_ref().unwrap();
    assert_eq!((case.id, case.status.as_deref()), (28, Some("active")));
    assert_eq!(case.contact.as_ref().unwrap().id, 5);
    assert_eq!(case.users.len(), 2);
    assert_eq!(
        first.sender.as_ref().unwrap().name.as_deref(),
        Some("TokenNew")
    );
    let stored = server.messages();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0]["translateLangKey"], "fr");
    let raw: Value = serde_json::from_str(first.raw_json().unwrap()).unwrap();
    assert_eq!(raw["data"], stored[0]);
}

#[test]
fn a_contact_send_comes_from_the_contact() {
    let server = MockServer::start().unwrap();
    let sent = client(server.url(), "mock-key")
        .send_message(&SendMessage::new(28, "Hi").as_contact(5))
        .unwrap();
    assert_eq!(
        (sent.sender_type.as_deref(), sent.sender_id),
        (Some("contact"), Some(5))
    );
    let err = client(server.url(), "mock-key")
        .send_message(&SendMessage::new(28, "Hi").as_contact(6))
        .unwrap_err();
    let (status, _, error_type, _) = api_error(err);
    assert_eq!(
        (status, error_type.as_deref()),
        (400, Some("ERROR_RECORD_NOT_FOUND"))
    );
}

#[test]
fn keys_are_checked_before_anything_else() {
    let server = MockServer::start().unwrap();
    let (status, kind, error_type, _) = api_error(
        client(server.url(), "wrong")
            .send_message(&SendMessage::new(28, "x"))
            .unwrap_err(),
    );
    assert_eq!(
        (status, kind, error_type.as_deref()),
        (401, ApiErrorKind::Unauthorized, Some("ERROR_UNAUTHORIZED"))
    );
    let err = client(server.url(), "mock-key-no-chat")
        .send_message(&SendMessage::new(28, "x"))
        .unwrap_err();
    let (status, kind, error_type, _) = api_error(err);
    assert_eq!(
        (status, kind, error_type.as_deref()),
        (
            403,
            ApiErrorKind::Forbidden,
            Some("ERROR_UNAUTHORIZED_ACCESS")
        )
    );
    // Authentication comes before input checks; the scheme needs exactly one space.
    for auth in [
        None,
        Some("Bearer  mock-key"),
        Some("bearer mock-key"),
        Some("mock-key"),
    ] {
        let (status, body) = raw(
            server.url(),
            "POST",
            &format!("{PATH}?-x-user-type=user"),
            auth,
            "not json",
        );
        assert_eq!(
            (status, body["type"].as_str()),
            (401, Some("ERROR_UNAUTHORIZED")),
            "{auth:?}"
        );
    }
    assert!(server.messages().is_empty());
}

#[test]
fn bad_input_is_rejected_naming_the_field() {
    let server = MockServer::start().unwrap();
    let ok_message = json!({"type": "message", "message": "x"});
    let cases = [
        ("user", "not json".to_owned(), "body"),
        ("user", json!([1]).to_string(), "body"),
        ("user", json!({"message": ok_message}).to_string(), "caseId"),
        (
            "user",
            json!({"caseId": "28", "message": ok_message}).to_string(),
            "caseId",
        ),
        ("user", json!({"caseId": 28}).to_string(), "message"),
        (
            "user",
            json!({"caseId": 28, "message": "x"}).to_string(),
            "message",
        ),
        (
            "user",
            json!({"caseId": 28, "message": {"message": "x"}}).to_string(),
            "message.type",
        ),
        (
            "user",
            json!({"caseId": 28, "message": {"type": "sms", "message": "x"}}).to_string(),
            "message.type",
        ),
        (
            "user",
            json!({"caseId": 28, "message": {"type": "note"}}).to_string(),
            "message.message",
        ),
        (
            "user",
            json!({"caseId": 28, "message": {"type": "note", "message": 5}}).to_string(),
            "message.message",
        ),
        (
            "agent",
            json!({"caseId": 28, "message": ok_message}).to_string(),
            "-x-user-type",
        ),
        (
            "contact",
            json!({"caseId": 28, "message": ok_message}).to_string(),
            "contactId",
        ),
    ];
    let count = cases.len();
    for (user_type, body, field) in cases {
        let path = format!("{PATH}?-x-user-type={user_type}");
        let (status, answer) = raw(server.url(), "POST", &path, Some("Bearer mock-key"), &body);
        assert_eq!(
            (status, answer["type"].as_str()),
            (400, Some("ERROR_INVALID_INPUT")),
            "{body}"
        );
        assert!(
            answer["message"].as_str().unwrap().contains(field),
            "{body}: {answer}"
        );
    }
    assert!(server.messages().is_empty());
    assert_eq!(server.requests().len(), count);
}

#[test]
fn cases_must_exist_and_be_active() {
    let server = MockServer::start().unwrap();
    let client = client(server.url(), "mock-key");
    let (status, kind, error_type, message) =
        api_error(client.send_message(&SendMessage::new(99, "x")).unwrap_err());
    assert_eq!(
        (status, kind, error_type.as_deref()),
        (
            400,
            ApiErrorKind::BadRequest,
            Some("ERROR_RECORD_NOT_FOUND")
        )
    );
    assert_eq!(message, "case 99 not found");
    let (status, _, error_type, message) =
        api_error(client.send_message(&SendMessage::new(29, "x")).unwrap_err());
    assert_eq!(
        (status, error_type.as_deref()),
        (400, Some("ERROR_INVALID_INPUT"))
    );
    assert!(message.contains("not active"), "{message}");
}

#[test]
fn unknown_paths_and_methods() {
    let server = MockServer::start().unwrap();
    assert_eq!(
        raw(
            server.url(),
            "POST",
            "/api/v1/nope",
            Some("Bearer mock-key"),
            "{}"
        )
        .0,
        404
    );
    assert_eq!(raw(server.url(), "GET", PATH, None, "").0, 405);
    let statuses: Vec<_> = server.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [Some(404), Some(405)]);
}

#[test]
fn control_endpoints_script_journal_and_reset() {
    let server = MockServer::start().unwrap();
    let script = json!([{"status": 429, "headers": {"retry-after": "0"}}, {"fault": "empty", "store": false}]);
    let (status, answer) = raw(
        server.url(),
        "POST",
        "/__mock/script",
        None,
        &script.to_string(),
    );
    assert_eq!((status, answer["queued"].as_i64()), (200, Some(2)));
    let (status, _) = raw(
        server.url(),
        "POST",
        "/__mock/script",
        None,
        r#"{"fault": "explode"}"#,
    );
    assert_eq!(status, 400);

    let client = client(server.url(), "mock-key");
    let err = client.send_message(&SendMessage::new(28, "x")).unwrap_err();
    assert_eq!(err.code(), "rate_limited");
    assert_eq!(
        client
            .send_message(&SendMessage::new(28, "x"))
            .unwrap_err()
            .code(),
        "decode"
    );
    client.send_message(&SendMessage::new(28, "x")).unwrap();

    let (_, journal) = raw(server.url(), "GET", "/__mock/requests", None, "");
    let journal = journal.as_array().unwrap();
    assert_eq!(journal.len(), 3);
    assert_eq!(journal[0]["status"], 429);
    assert_eq!(journal[1]["fault"], "empty");
    assert_eq!(
        (
            journal[1]["stored"].as_bool(),
            journal[2]["stored"].as_bool()
        ),
        (Some(false), Some(true))
    );
    let auth = journal[2]["headers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h[0] == "authorization")
        .unwrap();
    assert_eq!(auth[1], "Bearer ***");
    let (_, messages) = raw(server.url(), "GET", "/__mock/messages", None, "");
    assert_eq!(messages.as_array().unwrap().len(), 1);

    raw(server.url(), "POST", "/__mock/reset", None, "");
    assert!(server.requests().is_empty() && server.messages().is_empty());
    assert_eq!(
        client.send_message(&SendMessage::new(28, "x")).unwrap().id,
        329
    );
}

#[test]
fn static_mode_answers_without_state() {
    let config = MockConfig {
        static_mode: true,
        ..MockConfig::default()
    };
    let server = MockServer::start_with(config).unwrap();
    let client = client(server.url(), "mock-key");
    let a = client.send_message(&SendMessage::new(28, "one")).unwrap();
    let b = client.send_message(&SendMessage::new(28, "two")).unwrap();
    assert_eq!(a.raw_json(), b.raw_json());
    assert_eq!(a.message.as_deref(), Some("this is test message"));
    assert!(server.requests().is_empty() && server.messages().is_empty());
    assert_eq!(
        client
            .send_message(&SendMessage::new(99, "x"))
            .unwrap_err()
            .code(),
        "bad_request"
    );
}

#[test]
fn the_binary_prints_its_url_serves_and_stops_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_acquire-mock"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    let url = url.trim();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    client(url, "mock-key")
        .send_message(&SendMessage::new(28, "x"))
        .unwrap();
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(child.wait().unwrap().success());
}
