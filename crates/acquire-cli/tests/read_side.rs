//! The read-side commands and `send --to`, run as the built binary against the local
//! server.

use std::process::{Command, Output};

use acquire_mock::MockServer;

fn acquire(server: &MockServer, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_acquire"))
        .args(args)
        .env_clear()
        .env("ACQUIRE_API_KEY", "mock-key")
        .env("ACQUIRE_BASE_URL", server.url())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn send_to_an_email_reaches_the_active_case() {
    let server = MockServer::start().unwrap();
    let out = acquire(
        &server,
        &["send", "--to", "ann@example.com", "Your order shipped"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("sent message 329 to case 28 (active)"),
        "{}",
        stdout(&out)
    );
    let stored = server.messages();
    assert_eq!(stored[0]["message"], "Your order shipped");
}

#[test]
fn send_to_a_closed_history_reopens_the_thread() {
    let server = MockServer::start().unwrap();
    let out = acquire(
        &server,
        &["send", "--to", "bob@example.com", "--json", "We are back"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let sent: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(sent["data"]["threadId"], 30);
    assert_ne!(sent["data"]["caseId"], 30);
    let out = acquire(&server, &["cases", "list", "--contact-id", "6"]);
    let table = stdout(&out);
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines[0].starts_with("ID  STATUS  CONTACT  THREAD"),
        "{table}"
    );
    assert!(lines[1].starts_with("30  closed  6        30"), "{table}");
    assert!(lines[2].contains("active  6        30"), "{table}");
}

#[test]
fn unknown_ambiguous_and_caseless_contacts_exit_4_and_send_nothing() {
    let server = MockServer::start().unwrap();
    for (to, says) in [
        (
            "nobody@example.com",
            "no contact found for nobody@example.com",
        ),
        (
            "sam@example.com",
            "2 contacts have the e-mail address sam@example.com: 7, 8",
        ),
        ("nia@example.com", "contact 9 has no case"),
    ] {
        let out = acquire(&server, &["send", "--to", to, "hi"]);
        assert_eq!(out.status.code(), Some(4), "{to}");
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("nothing was sent"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(server.stats().stored, 0);
    let out = acquire(
        &server,
        &["send", "--to", "nia@example.com", "--create", "Welcome"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(server.stats().stored, 1);
}

#[test]
fn contacts_search_prints_a_table_and_json_lines() {
    let server = MockServer::start().unwrap();
    let out = acquire(&server, &["contacts", "find-by-email", "sam@example.com"]);
    assert_eq!(
        stdout(&out),
        "ID  NAME           EMAIL            PHONE\n7   Sam Park       sam@example.com  -\n8   Samantha Park  Sam@Example.com  -\n"
    );
    let out = acquire(
        &server,
        &["contacts", "find-by-email", "sam@example.com", "--json"],
    );
    let ids: Vec<i64> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, [7, 8]);
}

#[test]
fn cases_open_close_and_messages_get() {
    let server = MockServer::start().unwrap();
    let out = acquire(
        &server,
        &[
            "cases",
            "open",
            "--contact-id",
            "9",
            "--message",
            "Hello Nia",
        ],
    );
    assert_eq!(
        stdout(&out),
        "opened case 32 (thread 32)\n",
        "{}",
        stderr(&out)
    );
    let out = acquire(&server, &["messages", "get", "329", "--json"]);
    let message: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        (message["caseId"].as_i64(), message["message"].as_str()),
        (Some(32), Some("Hello Nia"))
    );
    let out = acquire(&server, &["cases", "close", "32"]);
    assert_eq!(stdout(&out), "closed case 32\n");
    let out = acquire(&server, &["send", "--case-id", "32", "hi"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("not active"), "{}", stderr(&out));
}

#[test]
fn bad_queries_and_unknown_ids_keep_their_exit_codes() {
    let server = MockServer::start().unwrap();
    let out = acquire(&server, &["cases", "list", "--where", "status=active"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("`where`"), "{}", stderr(&out));
    let out = acquire(&server, &["cases", "list", "--limit", "0"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(server.requests().is_empty());
    let out = acquire(&server, &["cases", "get", "999"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("404 ERROR_RECORD_NOT_FOUND"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn messages_settle_and_send_settle_read_the_case_back() {
    use acquire_mock::{Fault, Step};
    let server = MockServer::start().unwrap();
    let since = "2020-01-01T00:00:00Z";
    server.script([Step::fault(Fault::Close)]);
    let out = acquire(
        &server,
        &["send", "--case-id", "28", "--retries", "0", "hi there"],
    );
    assert_eq!(out.status.code(), Some(6));
    let out = acquire(
        &server,
        &[
            "messages",
            "settle",
            "--case-id",
            "28",
            "--since",
            since,
            "hi there",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "delivered: message 329 in case 28\n");
    let out = acquire(
        &server,
        &[
            "messages",
            "settle",
            "--case-id",
            "28",
            "--since",
            since,
            "never",
        ],
    );
    assert_eq!(
        (out.status.code(), stdout(&out).as_str()),
        (Some(9), "not_delivered: safe to send again\n")
    );
    server.script([Step::status(500)]);
    let out = acquire(&server, &["send", "--settle", "--case-id", "28", "settled"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        server.stats().stored,
        2,
        "the 500 stored nothing; one resend"
    );
}

#[test]
fn messages_list_prints_a_conversation_oldest_or_newest_first() {
    let server = MockServer::start().unwrap();
    for text in ["first", "second"] {
        let out = acquire(&server, &["send", "--case-id", "28", text]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = acquire(
        &server,
        &[
            "messages",
            "list",
            "--case-id",
            "28",
            "--limit",
            "2",
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let texts: Vec<String> = stdout(&out)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["message"].to_string())
        .collect();
    assert_eq!(texts, ["\"second\"", "\"first\""]);
    let out = acquire(
        &server,
        &["messages", "list", "--case-id", "28", "--order", "oldest"],
    );
    let table = stdout(&out);
    assert!(table.starts_with("ID"), "{table}");
    assert!(table.trim_end().ends_with("second"), "{table}");
}

#[test]
fn messages_update_and_delete_correct_and_withdraw_a_message() {
    let server = MockServer::start().unwrap();
    let out = acquire(
        &server,
        &["send", "--case-id", "28", "--json", "Ships Monday"],
    );
    let sent: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let id = sent["data"]["id"].to_string();
    let out = acquire(
        &server,
        &["messages", "update", &id, "--message", "Ships Tuesday"],
    );
    assert_eq!(
        stdout(&out),
        format!("updated message {id}\n"),
        "{}",
        stderr(&out)
    );
    let out = acquire(&server, &["messages", "delete", &id]);
    assert_eq!(
        stdout(&out),
        format!("deleted message {id}\n"),
        "{}",
        stderr(&out)
    );
    let out = acquire(&server, &["messages", "delete", &id]);
    assert_eq!(out.status.code(), Some(4), "an unknown message is a 404");
}

#[test]
fn request_sends_what_the_sdk_does_not_model_and_prints_the_json() {
    let server = MockServer::start().unwrap();
    let out = acquire(
        &server,
        &[
            "request",
            "GET",
            "/crm/objects/case/28",
            "--query",
            "relations=messages",
        ],
    );
    let answer: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(answer["data"]["id"], 28, "{}", stderr(&out));
    let out = acquire(&server, &["request", "GET", "https://elsewhere.example/x"]);
    assert_eq!(out.status.code(), Some(3), "refused before sending");
    assert!(stderr(&out).contains("`path`"), "{}", stderr(&out));
}

#[test]
fn contacts_update_merges_fields() {
    let server = MockServer::start().unwrap();
    let out = acquire(
        &server,
        &["contacts", "update", "5", "--field", "plan=gold"],
    );
    assert_eq!(stdout(&out), "updated contact 5\n", "{}", stderr(&out));
    let out = acquire(&server, &["contacts", "get", "5", "--json"]);
    let contact: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(contact["fields"]["plan"], "gold");
    assert_eq!(contact["fields"]["email"], "ann@example.com");
}

#[test]
fn cases_invite_and_snooze() {
    let server = MockServer::start().unwrap();
    let out = acquire(
        &server,
        &["cases", "invite", "28", "--agent", "1", "--department", "2"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("invited into case 28:\nAGENT  ONLINE  NOTIFIED"),
        "{text}"
    );
    assert!(text.contains("11     no      no"), "{text}");
    let out = acquire(&server, &["cases", "invite", "28"]);
    assert_eq!(out.status.code(), Some(2), "clap: no agent or department");
    let out = acquire(
        &server,
        &[
            "cases",
            "snooze",
            "28",
            "--until",
            "2099-01-02T09:30:00+01:00",
        ],
    );
    assert_eq!(
        stdout(&out),
        "snoozed case 28 until 2099-01-02 08:30:00 UTC\n",
        "{}",
        stderr(&out)
    );
    let requests = server.requests().len();
    let out = acquire(
        &server,
        &["cases", "snooze", "28", "--until", "2020-05-28 12:30:00"],
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("in the past"), "{}", stderr(&out));
    assert_eq!(server.requests().len(), requests, "nothing sent");
}

#[test]
fn send_by_email_from_acquire_mail_from() {
    let server = MockServer::start().unwrap();
    let out = acquire(
        &server,
        &[
            "cases",
            "open",
            "--contact-id",
            "5",
            "--channel",
            "email",
            "--json",
        ],
    );
    let case: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let case_id = case["id"].to_string();
    let send = |env: &[(&str, &str)]| {
        Command::new(env!("CARGO_BIN_EXE_acquire"))
            .args(["send", "--case-id", &case_id, "--channel", "email"])
            .args(["--subject", "Your order", "--cc", "boss@acme.example"])
            .arg("It ships today")
            .env_clear()
            .env("ACQUIRE_API_KEY", "mock-key")
            .env("ACQUIRE_BASE_URL", server.url())
            .envs(env.iter().copied())
            .output()
            .unwrap()
    };
    let refused = send(&[]);
    assert_eq!(refused.status.code(), Some(3), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("mailFrom"),
        "{}",
        stderr(&refused)
    );
    let out = send(&[("ACQUIRE_MAIL_FROM", "support@acme.example")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let posted = server.requests().pop().unwrap();
    assert_eq!(posted.path, "/api/v1/mail/add-message");
    let body: serde_json::Value = serde_json::from_str(&posted.body).unwrap();
    assert_eq!(body["data"]["from"], "support@acme.example");
    assert_eq!(body["data"]["subject"], "Your order");
    assert_eq!(body["data"]["cc"], serde_json::json!(["boss@acme.example"]));
}
