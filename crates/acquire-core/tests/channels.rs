//! Sending by e-mail and SMS against the local server: the channel is the case's, the
//! sender is the client's setting, the recipient the contact's; what cannot be sent is
//! refused before anything is.

use acquire_core::{
    Client, Error, FindCase, MailFields, MessageParts, OpenCase, RequestOptions, SendMessage,
};
use acquire_mock::MockServer;
use serde_json::{Value, json};

fn client(server: &MockServer, senders: bool) -> Client {
    let builder = Client::builder().base_url(server.url()).api_key("mock-key");
    let builder = if senders {
        builder
            .mail_from("support@acme.example")
            .sms_from("+1 555 0100")
    } else {
        builder
    };
    builder.build().unwrap()
}

fn invalid_field(result: Result<acquire_core::Message, Error>) -> String {
    match result {
        Err(Error::InvalidRequest { field, .. }) => field,
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

fn last_body(server: &MockServer) -> Value {
    let requests = server.requests();
    serde_json::from_str(&requests.last().unwrap().body).unwrap()
}

#[test]
fn an_email_goes_by_mail_from_the_clients_address_to_the_contacts() {
    let server = MockServer::start().unwrap();
    let client = client(&server, true);
    let open = OpenCase::new(5).channel("email").title("Your order #1001");
    let case = client.cases().open(&open).unwrap();
    let sent = client
        .send_message(&SendMessage::new(case.id, "It ships <today>\nThanks").channel("email"))
        .unwrap();
    assert_eq!(
        (sent.case_id, sent.channel.as_deref()),
        (case.id, Some("email"))
    );
    assert_eq!(sent.message.as_deref(), Some("It ships <today>\nThanks"));
    let paths: Vec<_> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths[1..],
        [
            format!("/api/v1/crm/objects/case/{}?relations=contact", case.id),
            // The case's contact carries no fields: the address is read from the contact.
            "/api/v1/crm/objects/contact/5?relations=cases%7Cfields".to_owned(),
            "/api/v1/mail/add-message".to_owned()
        ]
    );
    assert_eq!(
        last_body(&server),
        json!({"data": {
            "caseId": case.id, "contactId": 5, "to": ["ann@example.com"],
            "from": "support@acme.example", "cc": [], "bcc": [], "type": "message",
            "htmlBody": "It ships &lt;today&gt;<br>Thanks", "subject": "Your order #1001"}})
    );
    let stored = client.messages().get(sent.id).unwrap();
    assert_eq!(stored.channel.as_deref(), Some("email"));
    assert_eq!(stored.meta.unwrap()["subject"], "Your order #1001");

    let mail = MailFields {
        to: vec!["orders@ann.example".into()],
        subject: Some("Re: your order".into()),
        cc: vec!["boss@acme.example".into()],
        ..MailFields::default()
    };
    let message = SendMessage::new(case.id, "Update")
        .channel("email")
        .mail(mail);
    client.send_message(&message).unwrap();
    let body = last_body(&server);
    assert_eq!(body["data"]["to"], json!(["orders@ann.example"]));
    assert_eq!(body["data"]["cc"], json!(["boss@acme.example"]));
    assert_eq!(body["data"]["subject"], "Re: your order");
}

#[test]
fn what_cannot_be_sent_is_refused_before_sending() {
    let server = MockServer::start().unwrap();
    let with = client(&server, true);
    let without = client(&server, false);
    let email_case = with
        .cases()
        .open(&OpenCase::new(6).channel("email"))
        .unwrap();
    let sms_case = with.cases().open(&OpenCase::new(9).channel("sms")).unwrap();
    let before = server.requests().len();
    let email = |case: i64| SendMessage::new(case, "hi").channel("email");
    // A chat case is not an e-mail case (read, then refused).
    assert_eq!(invalid_field(with.send_message(&email(28))), "channel");
    // No sender address.
    assert_eq!(
        invalid_field(without.send_message(&email(email_case.id))),
        "mailFrom"
    );
    // Nia has no phone number.
    let sms = SendMessage::new(sms_case.id, "hi").channel("sms");
    assert_eq!(invalid_field(with.send_message(&sms)), "to");
    assert_eq!(
        invalid_field(without.send_message(&sms)),
        "smsFrom",
        "the sender is checked first"
    );
    // An e-mail field on a chat message.
    let mail = MailFields {
        subject: Some("x".into()),
        ..MailFields::default()
    };
    let chat = SendMessage::new(28, "hi").mail(mail);
    assert_eq!(invalid_field(with.send_message(&chat)), "subject");
    let sent: Vec<_> = server.requests()[before..]
        .iter()
        .map(|r| r.method.clone())
        .collect();
    assert!(sent.iter().all(|m| m == "GET"), "only reads: {sent:?}");
    assert!(server.messages().is_empty());
}

#[test]
fn send_to_contact_follows_the_cases_channel() {
    let server = MockServer::start().unwrap();
    let client = client(&server, true);
    // Ann's newest active case is an SMS conversation: she is answered by SMS.
    let case = client
        .cases()
        .open(&OpenCase::new(5).channel("sms"))
        .unwrap();
    let text = |t: &str| MessageParts {
        text: t.into(),
        ..MessageParts::default()
    };
    let sent = client
        .send_to_contact_with(
            &FindCase::email("ann@example.com"),
            text("Your code is 4242"),
            &RequestOptions::default(),
        )
        .unwrap();
    assert_eq!(
        (sent.case_id, sent.channel.as_deref()),
        (case.id, Some("sms"))
    );
    let body = last_body(&server);
    assert_eq!(
        (&body["To"], &body["From"], &body["Body"]),
        (
            &json!("+1 415 555 0100"),
            &json!("+1 555 0100"),
            &json!("Your code is 4242")
        )
    );
    assert_eq!(
        server.requests().last().unwrap().path,
        "/api/v1/voip/send-sms?-x-user-type=user"
    );
    // An explicit channel wins: chat into that case is a chat message.
    let chat = MessageParts {
        channel: Some("chat".into()),
        ..text("and by chat")
    };
    let sent = client
        .send_to_contact_with(&FindCase::contact(5), chat, &RequestOptions::default())
        .unwrap();
    assert_eq!(
        server.requests().last().unwrap().path,
        "/api/v1/crm/messenger/chat/add-message?-x-user-type=user"
    );
    assert_eq!(sent.case_id, case.id);
}
