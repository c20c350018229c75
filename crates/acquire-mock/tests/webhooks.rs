//! The server's outbound webhooks: signed, retried until a 200, journaled.

use std::net::TcpListener;
use std::thread;
use std::time::{Duration, Instant};

use acquire_core::webhooks::{self, EventKind};
use acquire_core::{Client, SendMessage};
use acquire_mock::{MockConfig, MockServer, WebhookDelivery, WebhookReceiver, WebhookTarget};

const SECRET: &str = "whsec-test";

/// A webhook endpoint answering the given statuses in turn (then 200).
fn endpoint(statuses: Vec<u16>) -> (String, WebhookReceiver) {
    let inbox = WebhookReceiver::start(statuses).unwrap();
    (inbox.url().to_owned(), inbox)
}

/// The next delivery's (signature, body).
fn received(inbox: &WebhookReceiver) -> (String, Vec<u8>) {
    let webhook = inbox.next(Duration::from_secs(5)).expect("a delivery");
    (webhook.signature, webhook.body)
}

fn server(url: &str) -> MockServer {
    MockServer::start_with(MockConfig {
        webhook: Some(WebhookTarget {
            url: url.to_owned(),
            secret: SECRET.into(),
        }),
        ..MockConfig::default()
    })
    .unwrap()
}

/// The journal once it has `count` attempts (deliveries run on their own threads).
fn deliveries(server: &MockServer, count: usize) -> Vec<WebhookDelivery> {
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.webhooks().len() < count && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(10));
    }
    server.webhooks()
}

#[test]
fn a_contact_message_is_signed_and_retried_until_a_200() {
    let (url, inbox) = endpoint(vec![500, 503]);
    let server = server(&url);
    let stored = server.contact_message(28, "Where is my order?").unwrap();
    assert_eq!(stored["senderType"], "contact");

    let attempts: Vec<_> = deliveries(&server, 3)
        .iter()
        .map(|d| (d.attempt, d.status))
        .collect();
    assert_eq!(attempts, [(1, Some(500)), (2, Some(503)), (3, Some(200))]);
    let (signature, body) = received(&inbox);
    let event = webhooks::construct_event(&body, &signature, SECRET).unwrap();
    assert_eq!(event.kind(), EventKind::CaseMessageNew);
    assert_eq!(event.case_id(), Some(28));
    let message = event.last_contact_message().unwrap();
    assert_eq!(message.message.as_deref(), Some("Where is my order?"));
    assert_eq!(message.id, stored["id"].as_i64());
    assert!(
        message.date_created.is_some(),
        "the JavaScript date is read"
    );
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn only_messages_sent_as_the_contact_trigger_it() {
    let (url, inbox) = endpoint(vec![]);
    let server = server(&url);
    let client = Client::builder()
        .base_url(server.url())
        .api_key("mock-key")
        .build()
        .unwrap();
    client
        .send_message(&SendMessage::new(28, "from the agent"))
        .unwrap();
    client
        .send_message(&SendMessage::new(28, "from the customer").as_contact(5))
        .unwrap();
    let (signature, body) = received(&inbox);
    let event = webhooks::construct_event(&body, &signature, SECRET).unwrap();
    assert_eq!(
        event.last_contact_message().unwrap().message.as_deref(),
        Some("from the customer")
    );
    deliveries(&server, 1);
    thread::sleep(Duration::from_millis(200));
    assert_eq!(
        server.webhooks().len(),
        1,
        "the agent's message sends nothing"
    );
}

#[test]
fn a_status_change_sends_case_status_with_the_messages() {
    let (url, inbox) = endpoint(vec![]);
    let server = server(&url);
    server.contact_message(28, "hello").unwrap();
    received(&inbox);
    let case = server.set_case_status(28, "closed").unwrap();
    assert_eq!(case["status"], "closed");
    let (signature, body) = received(&inbox);
    let event = webhooks::construct_event(&body, &signature, SECRET).unwrap();
    assert_eq!(event.kind(), EventKind::CaseStatus);
    assert_eq!(event.status().as_deref(), Some("closed"));
    assert_eq!(event.messages().len(), 1);
    assert_eq!(event.contact().unwrap().id, Some(5));
    let err = server.contact_message(28, "too late").unwrap_err();
    assert!(err.contains("not active"), "{err}");
}

#[test]
fn an_unreachable_endpoint_is_tried_six_times_and_journaled() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = server(&format!("http://127.0.0.1:{port}/gone"));
    server.contact_message(28, "anyone?").unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while server.webhooks().len() < 6 && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(20));
    }
    let journal = server.webhooks();
    assert_eq!(journal.len(), 6);
    assert!(
        journal
            .iter()
            .all(|d| d.status.is_none() && d.error.is_some())
    );
    thread::sleep(Duration::from_millis(700));
    assert_eq!(server.webhooks().len(), 6, "no seventh attempt");
}

#[test]
fn control_endpoints_speak_as_the_customer_and_list_deliveries() {
    let (url, inbox) = endpoint(vec![]);
    let server = server(&url);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let post = |path: &str, body: &str| {
        let mut response = agent
            .post(format!("{}{path}", server.url()))
            .send(body)
            .unwrap();
        (
            response.status().as_u16(),
            response.body_mut().read_to_string().unwrap(),
        )
    };
    let (status, body) = post(
        "/__mock/cases/28/contact-message",
        r#"{"text": "hi there"}"#,
    );
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(r#""senderType":"contact""#), "{body}");
    received(&inbox);
    assert_eq!(
        post("/__mock/cases/999/contact-message", r#"{"text": "x"}"#).0,
        404
    );
    assert_eq!(post("/__mock/cases/28/contact-message", "{}").0, 400);
    assert_eq!(
        post("/__mock/cases/28/status", r#"{"status": "pending"}"#).0,
        200
    );
    received(&inbox);
    deliveries(&server, 2); // an attempt is journaled once the endpoint's answer is read
    let listed = agent
        .get(format!("{}/__mock/webhooks", server.url()))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    let events: Vec<_> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["event"].clone())
        .collect();
    assert_eq!(events, ["case:message:new", "case:status"]);
}

#[test]
fn an_invitation_sends_user_case_invite_for_each_agent_who_joins() {
    let (url, inbox) = endpoint(vec![]);
    let server = server(&url);
    let client = Client::builder()
        .base_url(server.url())
        .api_key("mock-key")
        .build()
        .unwrap();
    let invite = acquire_core::Invite::new(28).agent(11).agent(1);
    client.cases().invite(&invite).unwrap();
    // Agent 1 already owns case 28: only agent 11 joins, and only it is announced.
    let (signature, body) = received(&inbox);
    let event = webhooks::construct_event(&body, &signature, SECRET).unwrap();
    assert_eq!(event.kind(), EventKind::UserCaseInvite);
    assert_eq!(event.case_id(), Some(28));
    let user = event.user().expect("the invited agent");
    assert_eq!(
        (user.id.as_deref(), user.name.as_deref()),
        (Some("11"), Some("Ben Ito"))
    );
    assert!(inbox.next(Duration::from_millis(300)).is_none());
}
