//! Contacts, cases and messages against the local server over loopback: the typed models,
//! paging one request per page, find_case / send_to_contact, and the typed errors.

use acquire_core::{
    ApiErrorKind, CaseQuery, CaseSource, Client, EditMessage, Error, FindCase, Invite,
    MessageOrder, NewContact, OpenCase, RawRequest, RequestOptions, SendMessage, Snooze,
};
use acquire_mock::{Fault, MockServer, Step};
use serde_json::json;

fn setup() -> (MockServer, Client) {
    let server = MockServer::start().unwrap();
    let client = Client::builder()
        .base_url(server.url())
        .api_key("mock-key")
        .build()
        .unwrap();
    (server, client)
}

fn paths(server: &MockServer) -> Vec<String> {
    server.requests().into_iter().map(|r| r.path).collect()
}

fn invalid_field(err: Error) -> String {
    match err {
        Error::InvalidRequest { field, .. } => field,
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

#[test]
fn search_finds_contacts_by_email_and_dedupes_exact_matches() {
    let (server, client) = setup();
    let found = client.contacts().find_by_email("ANN@example.com").unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, 5);
    assert_eq!(found[0].email(), Some("ann@example.com"));
    assert_eq!(found[0].name(), Some("Ann Lee"));
    let sams = client.contacts().find_by_email("sam@example.com").unwrap();
    assert_eq!(sams.iter().map(|c| c.id).collect::<Vec<_>>(), [7, 8]);
    let journal = server.requests();
    assert_eq!(journal[0].method, "POST");
    assert_eq!(journal[0].path, "/api/v1/crm/contact/list");
    let body: serde_json::Value = serde_json::from_str(&journal[0].body).unwrap();
    assert_eq!(
        body,
        json!({"payload": {}, "page": 0, "limit": 1000, "search": "ANN@example.com"})
    );
}

#[test]
fn find_case_prefers_the_newest_active_case() {
    let (server, client) = setup();
    let found = client
        .find_case(&FindCase::email("ann@example.com"))
        .unwrap();
    assert_eq!(
        (found.case.id, found.contact_id, found.source),
        (28, 5, CaseSource::Active)
    );
    let newer = server.add_cases(5, "active", 1).unwrap()[0];
    let found = client.find_case(&FindCase::contact(5)).unwrap();
    assert_eq!(found.case.id, newer);
    assert!(!found.contact_created);
}

#[test]
fn a_contact_whose_only_case_is_closed_gets_a_reopened_case_and_the_message() {
    let (server, client) = setup();
    let sent = client
        .send_to_contact(&FindCase::email("bob@example.com"), "Your order shipped")
        .unwrap();
    assert_ne!(sent.case_id, 30, "a new case, not the closed one");
    assert_eq!(sent.thread_id, Some(30), "in the closed case's thread");
    let case = client.cases().get(sent.case_id).unwrap();
    assert_eq!(case.status.as_deref(), Some("active"));
    assert_eq!(case.thread_id, Some(30));
    assert_eq!(case.contact.unwrap().id, 6);
    let open = server
        .requests()
        .into_iter()
        .find(|r| r.path.starts_with("/api/v1/crm/messenger/chat/create"))
        .unwrap();
    assert_eq!(open.path, "/api/v1/crm/messenger/chat/create?contactId=6");
    assert_eq!(open.body, r#"{"channel":"chat","threadId":30}"#);
    // Read back: the thread lists both cases, the new one with the message as its last.
    let thread = client.messages().thread(30, 6).unwrap();
    let ids: Vec<i64> = thread.iter().map(|c| c.id).collect();
    assert_eq!(ids, [30, sent.case_id]);
    let last = thread[1].last_message.as_ref().unwrap();
    assert_eq!(
        (last.id, last.message.as_deref()),
        (sent.id, Some("Your order shipped"))
    );
    let stored = client.messages().get(sent.id).unwrap();
    assert_eq!(
        (stored.case_id, stored.message.as_deref()),
        (sent.case_id, Some("Your order shipped"))
    );
}

#[test]
fn without_reopen_or_create_a_closed_history_is_no_case() {
    let (_server, client) = setup();
    let err = client
        .find_case(&FindCase::contact(6).reopen(false))
        .unwrap_err();
    assert!(
        matches!(err, Error::CaseNotFound { contact_id: 6 }),
        "{err:?}"
    );
    assert_eq!(err.code(), "case_not_found");
    assert!(!err.may_have_been_delivered());
    let err = client
        .find_case(&FindCase::email("nia@example.com"))
        .unwrap_err();
    assert!(
        matches!(err, Error::CaseNotFound { contact_id: 9 }),
        "{err:?}"
    );
    let created = client
        .find_case(&FindCase::email("nia@example.com").create(true))
        .unwrap();
    assert_eq!(created.source, CaseSource::Created);
    assert_eq!(created.case.thread_id, Some(created.case.id));
}

#[test]
fn unknown_and_ambiguous_contacts_are_typed_and_change_nothing() {
    let (server, client) = setup();
    let err = client
        .find_case(&FindCase::email("nobody@example.com"))
        .unwrap_err();
    assert!(matches!(&err, Error::ContactNotFound { query } if query == "nobody@example.com"));
    assert_eq!(err.code(), "contact_not_found");
    let err = client.find_case(&FindCase::contact(999)).unwrap_err();
    assert!(matches!(&err, Error::ContactNotFound { query } if query == "contact 999"));
    let err = client
        .send_to_contact(&FindCase::email("sam@example.com"), "hi")
        .unwrap_err();
    match &err {
        Error::AmbiguousContact { email, contact_ids } => {
            assert_eq!(
                (email.as_str(), contact_ids.as_slice()),
                ("sam@example.com", &[7, 8][..])
            );
        }
        other => panic!("expected AmbiguousContact, got {other:?}"),
    }
    assert_eq!(err.fields().contact_ids, Some(vec![7, 8]));
    assert!(err.to_string().contains("7, 8"), "{err}");
    assert_eq!(server.stats().stored, 0);
    assert!(
        paths(&server).iter().all(|p| !p.contains("/chat/")),
        "{:?}",
        paths(&server)
    );
}

#[test]
fn create_makes_the_contact_and_its_first_case() {
    let (_server, client) = setup();
    let find = FindCase::email("new.customer@example.com").create(true);
    let found = client.find_case(&find).unwrap();
    assert!(found.contact_created);
    assert_eq!(found.source, CaseSource::Created);
    let contact = client.contacts().get(found.contact_id).unwrap();
    assert_eq!(contact.email(), Some("new.customer@example.com"));
    assert_eq!(
        contact.cases.iter().map(|c| c.id).collect::<Vec<_>>(),
        [found.case.id]
    );
    // The next lookup finds the same contact and case instead of creating more.
    let again = client.find_case(&find).unwrap();
    assert_eq!(
        (again.case.id, again.source, again.contact_created),
        (found.case.id, CaseSource::Active, false)
    );
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let (server, client) = setup();
    for bad in ["", "ann", "ann@", "@example.com", "a b@example.com"] {
        let err = client.find_case(&FindCase::email(bad)).unwrap_err();
        assert_eq!(invalid_field(err), "email", "{bad:?}");
    }
    let err = client
        .send_to_contact(&FindCase::email("ann@example.com"), " ")
        .unwrap_err();
    assert_eq!(invalid_field(err), "message");
    assert_eq!(
        invalid_field(client.find_case(&FindCase::contact(0)).unwrap_err()),
        "contactId"
    );
    assert_eq!(invalid_field(client.cases().get(-1).unwrap_err()), "caseId");
    assert_eq!(
        invalid_field(client.messages().get(0).unwrap_err()),
        "messageId"
    );
    assert_eq!(
        invalid_field(
            client
                .cases()
                .list(&CaseQuery::new().filter("status=active"))
                .unwrap_err()
        ),
        "where"
    );
    assert_eq!(
        invalid_field(client.cases().list(&CaseQuery::new().limit(0)).unwrap_err()),
        "limit"
    );
    assert_eq!(
        invalid_field(client.contacts().list(Some(1001)).unwrap_err()),
        "limit"
    );
    assert_eq!(
        invalid_field(client.contacts().search(" ", None).unwrap_err()),
        "search"
    );
    assert_eq!(
        invalid_field(client.contacts().create(&NewContact::new()).unwrap_err()),
        "fields"
    );
    assert_eq!(
        invalid_field(
            client
                .cases()
                .open(&OpenCase::new(5).message(""))
                .unwrap_err()
        ),
        "message"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn unknown_ids_and_closed_cases_are_typed_api_errors() {
    let (_server, client) = setup();
    for err in [
        client.cases().get(999).unwrap_err(),
        client.messages().get(999).unwrap_err(),
    ] {
        match &err {
            Error::Api(api) => {
                assert_eq!((api.status, api.kind), (404, ApiErrorKind::NotFound));
                assert_eq!(api.error_type.as_deref(), Some("ERROR_RECORD_NOT_FOUND"));
            }
            other => panic!("expected an API error, got {other:?}"),
        }
        assert!(!err.may_have_been_delivered());
    }
    client.cases().close(28).unwrap();
    let err = client
        .send_message(&SendMessage::new(28, "hi"))
        .unwrap_err();
    match err {
        Error::Api(api) => assert_eq!(
            (api.status, api.error_type.as_deref()),
            (400, Some("ERROR_INVALID_INPUT"))
        ),
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[test]
fn close_reads_the_numbered_key_and_the_case_reads_closed() {
    let (_server, client) = setup();
    let closed = client.cases().close(28).unwrap();
    assert_eq!(
        (closed.case_id, closed.contact_id, closed.user_id),
        (28, Some(5), Some(23))
    );
    let case = client.cases().get(28).unwrap();
    assert_eq!(case.status.as_deref(), Some("closed"));
    assert!(case.date_closed.is_some());
    assert_eq!(case.closed_by, Some(23));
}

#[test]
fn case_list_filters_selects_and_pages_one_request_per_page() {
    let (server, client) = setup();
    let ids = server.add_cases(9, "active", 2_500).unwrap();
    server.add_cases(9, "closed", 3).unwrap();
    let query = CaseQuery::new().contact(9).status("active").limit(1000);
    let mut pages = client.cases().list(&query).unwrap();
    assert!(
        server.requests().is_empty(),
        "nothing is sent before the first item is asked for"
    );
    let mut seen = Vec::new();
    for case in pages.by_ref() {
        seen.push(case.unwrap().id);
    }
    assert_eq!(seen, ids);
    assert_eq!(pages.total(), Some(2_500));
    assert_eq!(
        paths(&server),
        (0..3)
            .map(|p| format!("/api/v1/crm/objects/case?where=contactId%7Ceq%7C9&where=status%7Ceq%7Cactive&page={p}&limit=1000"))
            .collect::<Vec<_>>()
    );
    let selected = client
        .cases()
        .list_page(
            &CaseQuery::new()
                .contact(5)
                .select(["status"])
                .relations(["contact"]),
            0,
        )
        .unwrap();
    assert_eq!(
        selected.items.iter().map(|c| c.id).collect::<Vec<_>>(),
        [28, 29]
    );
    assert_eq!(selected.items[0].status.as_deref(), Some("active"));
    assert_eq!(selected.items[0].contact.as_ref().unwrap().id, 5);
    assert_eq!(selected.items[0].title, None, "not selected");
    assert_eq!(selected.next_page, None);
}

#[test]
fn contact_list_pages_and_reads_string_ids() {
    let (server, client) = setup();
    for i in 0..4 {
        server
            .add_contact(&json!({"fields": {"email": format!("c{i}@example.com")}}))
            .unwrap();
    }
    let contacts: Vec<_> = client
        .contacts()
        .list(Some(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(contacts.len(), 9);
    assert_eq!(server.requests().len(), 3);
    let ann = contacts.iter().find(|c| c.id == 5).unwrap();
    assert_eq!(ann.extra["caseId"], "29", "the latest case, as a string");
}

#[test]
fn reads_are_retried_on_5xx_and_broken_connections_writes_are_not() {
    let (server, client) = setup();
    server.script([
        Step::status(500).for_path("/crm/objects/case/28"),
        Step::fault(Fault::Reset).for_path("/crm/objects/case/28"),
    ]);
    let case = client.cases().get(28).unwrap();
    assert_eq!(case.id, 28);
    assert_eq!(server.requests().len(), 3);
    server.script([Step::status(500).for_path("/crm/messenger/chat/create")]);
    let err = client.cases().open(&OpenCase::new(5)).unwrap_err();
    assert!(
        err.may_have_been_delivered(),
        "a 500 to a create may have made the case"
    );
    assert_eq!(err.attempts(), 1);
    assert!(err.to_string().contains("ERROR_SERVER_ERROR"), "{err}");
    server.script(vec![Step::status(503).for_path("/crm/objects/case/28"); 3]);
    let options = RequestOptions {
        max_retries: Some(0),
        ..RequestOptions::default()
    };
    let err = client.cases().open_with(&OpenCase::new(5), &options);
    assert!(
        err.is_ok(),
        "a step aimed at one path leaves the others alone"
    );
    let err = client.cases().get(28).unwrap_err();
    assert_eq!(
        (err.code(), err.attempts(), err.may_have_been_delivered()),
        ("server_error", 3, false)
    );
}

#[test]
fn every_page_failure_ends_the_iteration_with_its_error() {
    let (server, client) = setup();
    server.add_cases(9, "active", 5).unwrap();
    server.script([Step::status(401).for_path("/crm/objects/case")]);
    let mut pages = client
        .cases()
        .list(&CaseQuery::new().contact(9).limit(2))
        .unwrap();
    match pages.next() {
        Some(Err(Error::Api(api))) => assert_eq!(api.kind, ApiErrorKind::Unauthorized),
        other => panic!("expected the 401, got {other:?}"),
    }
    assert!(pages.next().is_none());
}

#[test]
fn a_read_timeout_is_not_a_delivery() {
    let (server, client) = setup();
    server.script([Step::fault(Fault::Stall).for_path("/crm/objects/case-message")]);
    let client = Client::builder()
        .base_url(client.base_url())
        .api_key("mock-key")
        .timeout(std::time::Duration::from_millis(200))
        .max_retries(0)
        .build()
        .unwrap();
    let err = client.messages().get(1).unwrap_err();
    assert_eq!(err.code(), "timeout");
    assert!(!err.may_have_been_delivered());
    assert!(!err.to_string().contains("delivered"), "{err}");
}

#[test]
fn a_conversation_lists_every_message_in_either_order_in_one_request() {
    let (server, client) = setup();
    let texts = ["first", "second", "third"];
    let sent: Vec<i64> = texts
        .iter()
        .map(|text| {
            client
                .send_message(&SendMessage::new(28, *text))
                .unwrap()
                .id
        })
        .collect();
    let before = server.requests().len();
    let oldest = client
        .messages()
        .list(28, MessageOrder::OldestFirst, None)
        .unwrap();
    assert_eq!(server.requests().len(), before + 1, "one request");
    assert_eq!(
        server.requests().last().unwrap().path,
        "/api/v1/crm/objects/case/28?relations=messages"
    );
    let ours: Vec<i64> = oldest
        .iter()
        .map(|m| m.id)
        .filter(|id| sent.contains(id))
        .collect();
    assert_eq!(ours, sent, "oldest first ends with ours, in order");
    let newest = client
        .messages()
        .list(28, MessageOrder::NewestFirst, Some(2))
        .unwrap();
    assert_eq!(
        newest
            .iter()
            .map(|m| m.message.as_deref())
            .collect::<Vec<_>>(),
        [Some("third"), Some("second")]
    );
    let requests = server.requests().len();
    let zero = client
        .messages()
        .list(28, MessageOrder::NewestFirst, Some(0));
    assert_eq!(invalid_field(zero.unwrap_err()), "limit");
    let bad_case = client.messages().list(0, MessageOrder::NewestFirst, None);
    assert_eq!(invalid_field(bad_case.unwrap_err()), "caseId");
    assert_eq!(
        server.requests().len(),
        requests,
        "nothing sent for bad input"
    );
    match client.messages().list(999, MessageOrder::NewestFirst, None) {
        Err(Error::Api(api)) => assert_eq!(api.kind, ApiErrorKind::NotFound),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[test]
fn a_sent_message_can_be_corrected_and_withdrawn() {
    let (server, client) = setup();
    let sent = client
        .send_message(&SendMessage::new(28, "Your order ships Monday"))
        .unwrap();
    let fixed = client
        .messages()
        .update(
            sent.id,
            &EditMessage::new("Your order ships Tuesday").translate_lang_key("fr"),
        )
        .unwrap();
    assert_eq!(
        (fixed.id, fixed.message.as_deref()),
        (sent.id, Some("Your order ships Tuesday"))
    );
    assert!(fixed.date_updated.is_some());
    let read = client.messages().get(sent.id).unwrap();
    assert_eq!(read.message.as_deref(), Some("Your order ships Tuesday"));

    // An edit is idempotent: a 503 is retried, not reported as "may have been made".
    server.script([Step::status(503).for_path("/crm/messenger/chat/message")]);
    let again = client
        .messages()
        .update(sent.id, &EditMessage::new("Your order ships Tuesday"))
        .unwrap();
    assert_eq!(again.message.as_deref(), Some("Your order ships Tuesday"));

    let requests = server.requests().len();
    let empty = client.messages().update(sent.id, &EditMessage::new("  "));
    assert_eq!(invalid_field(empty.unwrap_err()), "message");
    let bad_id = client.messages().delete(0);
    assert_eq!(invalid_field(bad_id.unwrap_err()), "messageId");
    assert_eq!(
        server.requests().len(),
        requests,
        "nothing sent for bad input"
    );

    assert_eq!(client.messages().delete(sent.id).unwrap(), 1);
    assert_eq!(server.requests().last().unwrap().method, "DELETE");
    for gone in [
        client.messages().get(sent.id).map(|_| ()),
        client.messages().delete(sent.id).map(|_| ()),
        client
            .messages()
            .update(sent.id, &EditMessage::new("x"))
            .map(|_| ()),
    ] {
        match gone {
            Err(Error::Api(api)) => assert_eq!(api.kind, ApiErrorKind::NotFound),
            other => panic!("expected NotFound, got {other:?}"),
        }
    }
    let history = client
        .messages()
        .list(28, MessageOrder::NewestFirst, None)
        .unwrap();
    assert!(
        history.iter().all(|m| m.id != sent.id),
        "gone from the case"
    );
}

#[test]
fn a_raw_request_reaches_any_path_with_the_clients_auth_retries_and_errors() {
    let (server, client) = setup();
    let case = client
        .raw_request(&RawRequest::new("GET", "/crm/objects/case/28").query("relations", "messages"))
        .unwrap();
    assert_eq!(case["data"]["id"], 28);
    assert!(case["data"]["messages"].is_array());
    let created = client
        .raw_request(
            &RawRequest::new("POST", "/crm/objects/contact")
                .body(json!({"fields": {"email": "raw@example.com"}})),
        )
        .unwrap();
    assert!(created["data"]["id"].as_i64().is_some());

    // A write is not repeated once it may have been made, unless marked idempotent.
    server.script([Step::status(500).for_path("/crm/objects/contact")]);
    let write = RawRequest::new("POST", "/crm/objects/contact")
        .body(json!({"fields": {"email": "twice@example.com"}}));
    match client.raw_request(&write) {
        Err(err @ Error::Api(_)) => {
            assert_eq!(err.attempts(), 1);
            assert!(err.may_have_been_delivered());
        }
        other => panic!("expected a 500, got {other:?}"),
    }
    server.script([Step::status(500).for_path("/crm/objects/contact")]);
    let retried = client.raw_request(&write.clone().idempotent(true));
    assert!(retried.is_ok(), "{retried:?}");

    let requests = server.requests().len();
    for (bad, field) in [
        (
            RawRequest::new("GET", "https://elsewhere.example/x"),
            "path",
        ),
        (RawRequest::new("GET", "/crm/../../etc"), "path"),
        (RawRequest::new("PATCH", "/crm/objects/case/28"), "method"),
        (
            RawRequest::new("GET", "/crm/objects/case/28").body(json!({})),
            "body",
        ),
    ] {
        assert_eq!(invalid_field(client.raw_request(&bad).unwrap_err()), field);
    }
    assert_eq!(
        server.requests().len(),
        requests,
        "nothing sent for bad input"
    );
    match client.raw_request(&RawRequest::new("GET", "/crm/objects/case/999")) {
        Err(Error::Api(api)) => assert_eq!(api.kind, ApiErrorKind::NotFound),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[test]
fn a_contact_update_merges_its_fields_and_reads_back() {
    let (server, client) = setup();
    let updated = client
        .contacts()
        .update(
            5,
            &NewContact::new()
                .phone("+1 415 555 0199")
                .field("plan", "gold"),
        )
        .unwrap();
    assert_eq!(updated.phone(), Some("+1 415 555 0199"));
    assert_eq!(server.requests().last().unwrap().method, "PUT");
    let read = client.contacts().get(5).unwrap();
    assert_eq!(
        (read.email(), read.phone()),
        (Some("ann@example.com"), Some("+1 415 555 0199")),
        "merged: the e-mail address is kept"
    );
    let requests = server.requests().len();
    let empty = client.contacts().update(5, &NewContact::new());
    assert_eq!(invalid_field(empty.unwrap_err()), "fields");
    assert_eq!(server.requests().len(), requests, "nothing sent");
    match client
        .contacts()
        .update(404, &NewContact::new().name("Nobody"))
    {
        Err(Error::Api(api)) => assert_eq!(api.kind, ApiErrorKind::NotFound),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[test]
fn an_invited_agent_joins_the_case_once_and_a_department_brings_its_agents() {
    let (server, client) = setup();
    let invitation = client
        .cases()
        .invite(&Invite::new(28).agent(1).department(2))
        .unwrap();
    let answered: Vec<_> = invitation
        .agents
        .iter()
        .map(|a| (a.user_id, a.online, a.sent))
        .collect();
    assert_eq!(
        answered,
        [(1, true, true), (11, false, false), (26, false, false)]
    );
    let body: serde_json::Value = serde_json::from_str(&server.requests()[0].body).unwrap();
    assert_eq!(
        body,
        json!({"caseId": 28, "agentIds": [1], "department": [2]})
    );
    let again = client.cases().invite(&Invite::new(28).agent(11)).unwrap();
    assert_eq!(again.agents.len(), 1);
    let query = CaseQuery::new().relations(["users"]).filter("id|eq|28");
    let case = client.cases().list_page(&query, 0).unwrap().items.remove(0);
    let invited: Vec<_> = case
        .users
        .iter()
        .filter(|u| u.role.as_deref() == Some("invited"))
        .map(|u| u.user_id)
        .collect();
    // Agent 1 already owns the case: a participant is never added twice.
    assert_eq!(invited, [Some(11), Some(26)], "each joined once");

    let requests = server.requests().len();
    let nobody = client.cases().invite(&Invite::new(28));
    assert_eq!(invalid_field(nobody.unwrap_err()), "agentIds");
    assert_eq!(server.requests().len(), requests, "nothing sent");
    for (invite, what) in [
        (Invite::new(28).agent(99), "agent 99"),
        (Invite::new(28).department(98), "department 98"),
        (Invite::new(404).agent(1), "case 404"),
    ] {
        match client.cases().invite(&invite) {
            Err(Error::Api(api)) => {
                assert_eq!(api.kind, ApiErrorKind::NotFound);
                assert!(api.to_string().contains(what), "{api}");
            }
            other => panic!("expected NotFound, got {other:?}"),
        }
    }
    match client.cases().invite(&Invite::new(29).agent(1)) {
        Err(Error::Api(api)) => assert_eq!(api.kind, ApiErrorKind::BadRequest),
        other => panic!("a closed case takes no invitation, got {other:?}"),
    }
}

#[test]
fn a_snoozed_case_shows_its_schedule_and_a_bad_time_is_refused_before_sending() {
    let (server, client) = setup();
    let snooze = Snooze::parse(28, "2099-01-02T09:30:00+01:00")
        .unwrap()
        .message("after the audit");
    let snoozed = client.cases().snooze(&snooze).unwrap();
    assert_eq!(snoozed.case_id, Some(28));
    assert_eq!(snoozed.contact_id, Some(5));
    assert_eq!(snoozed.user_id, Some(23));
    assert_eq!(
        snoozed.until.unwrap().to_rfc3339(),
        "2099-01-02T08:30:00+00:00"
    );
    assert_eq!(snoozed.message.as_deref(), Some("after the audit"));
    let case = client.cases().get(28).unwrap();
    assert_eq!(case.extra["snooze"]["scheduleDate"], "2099-01-02 08:30:00");
    assert_eq!(case.extra["snooze"]["id"], json!(snoozed.id.unwrap()));

    let requests = server.requests().len();
    for bad in ["next week", "2020-05-28 12:30:00"] {
        let refused = Snooze::parse(28, bad).and_then(|s| client.cases().snooze(&s));
        assert_eq!(invalid_field(refused.unwrap_err()), "scheduleDate", "{bad}");
    }
    assert_eq!(server.requests().len(), requests, "nothing sent");
    match client
        .cases()
        .snooze(&Snooze::parse(404, "2099-01-01 00:00:00").unwrap())
    {
        Err(Error::Api(api)) => assert_eq!(api.kind, ApiErrorKind::NotFound),
        other => panic!("expected NotFound, got {other:?}"),
    }
}
