//! Runs the built `acquire` binary against the local server.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::{Command, Output, Stdio};

use acquire_mock::{MockServer, Step};

/// Runs `acquire` with a clean environment plus `env`, feeding `stdin`.
fn acquire(args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_acquire"))
        .args(args)
        .env_clear()
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn send(server: &MockServer, key: &str, args: &[&str]) -> Output {
    let mut all = vec!["send", "--case-id", "28"];
    all.extend_from_slice(args);
    acquire(
        &all,
        &[("ACQUIRE_API_KEY", key), ("ACQUIRE_BASE_URL", server.url())],
        "",
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn sends_and_prints_one_line() {
    let server = MockServer::start().unwrap();
    let out = send(
        &server,
        "mock-key",
        &["--type", "note", "--translate", "fr", "Bonjour"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let line = text(&out.stdout);
    assert!(
        line.starts_with("sent note 329 to case 28 (active) as TokenNew at 20"),
        "{line}"
    );
    let stored = server.messages();
    assert_eq!(
        (stored[0]["message"].as_str(), stored[0]["type"].as_str()),
        (Some("Bonjour"), Some("note"))
    );
    assert_eq!(stored[0]["translateLangKey"], "fr");
    let ua = server.requests()[0]
        .header("user-agent")
        .unwrap()
        .to_owned();
    assert!(
        ua.starts_with("acquire-rs/") && ua.contains("acquire-cli/"),
        "{ua}"
    );
}

#[test]
fn json_output_is_the_servers_body_byte_for_byte() {
    let server = MockServer::start().unwrap();
    let body = "{\"data\": {\"id\": 7,  \"caseId\": 28, \"message\": \"h\\u00e9\"}}";
    server.script([Step::status(200).body(body)]);
    let out = send(&server, "mock-key", &["--json", "hi"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("{body}\n"));
}

#[test]
fn reads_the_text_from_stdin_and_sends_as_the_contact() {
    let server = MockServer::start().unwrap();
    let out = acquire(
        &[
            "send",
            "--case-id",
            "28",
            "--as-contact",
            "5",
            "--base-url",
            server.url(),
            "--api-key",
            "mock-key",
            "-",
        ],
        &[],
        "from a pipe\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stored = server.messages();
    assert_eq!(
        (
            stored[0]["message"].as_str(),
            stored[0]["senderType"].as_str()
        ),
        (Some("from a pipe"), Some("contact"))
    );
    assert_eq!(
        server.requests()[0].path.rsplit('?').next(),
        Some("-x-user-type=contact&contactId=5")
    );
}

#[test]
fn each_failure_class_has_its_exit_code_and_says_what_to_do() {
    let server = MockServer::start().unwrap();

    let out = acquire(&["send"], &[], "");
    assert_eq!(out.status.code(), Some(2), "usage");

    let out = send(&server, "mock-key", &["--case-id", "0", "x"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a repeated flag is a usage error"
    );

    let out = acquire(
        &[
            "send",
            "--case-id",
            "0",
            "x",
            "--base-url",
            server.url(),
            "--api-key",
            "mock-key",
        ],
        &[],
        "",
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stderr).contains("`caseId` must be a positive integer"),
        "{}",
        text(&out.stderr)
    );

    let out = send(&server, "wrong-key-123", &["x"]);
    assert_eq!(out.status.code(), Some(4));
    let err = text(&out.stderr);
    assert!(
        err.contains("401 ERROR_UNAUTHORIZED") && err.contains("check ACQUIRE_API_KEY"),
        "{err}"
    );
    assert!(
        err.contains("was not delivered") && !err.contains("wrong-key-123"),
        "{err}"
    );

    server.script([Step::status(500).store(true)]);
    let out = send(&server, "mock-key", &["x"]);
    assert_eq!(out.status.code(), Some(5));
    assert!(
        text(&out.stderr).contains("may have been delivered"),
        "{}",
        text(&out.stderr)
    );

    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let out = acquire(
        &[
            "send",
            "--case-id",
            "28",
            "--retries",
            "0",
            "--base-url",
            &url,
            "--api-key",
            "k",
            "x",
        ],
        &[],
        "",
    );
    assert_eq!(out.status.code(), Some(6));
    assert!(
        text(&out.stderr).contains("could not connect"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn mock_subcommand_prints_its_url_first_and_its_inbox() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_acquire"))
        .args(["mock", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    let mut inbox = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut inbox)
        .unwrap();
    assert!(
        inbox.starts_with(&format!("inbox: {}/ ", url.trim())),
        "{inbox}"
    );
    let out = acquire(
        &[
            "send",
            "--case-id",
            "28",
            "--base-url",
            url.trim(),
            "--api-key",
            "mock-key",
            "hi",
        ],
        &[],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(child.wait().unwrap().success());
}

#[test]
fn mock_subcommand_on_a_reachable_address_needs_a_token_and_warns() {
    let out = acquire(&["mock", "--host", "0.0.0.0", "--port", "0"], &[], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--ui-token"),
        "{}",
        text(&out.stderr)
    );

    let mut child = Command::new(env!("CARGO_BIN_EXE_acquire"))
        .args([
            "mock",
            "--host",
            "0.0.0.0",
            "--port",
            "0",
            "--ui-token",
            "s3cr3t",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let (mut inbox, mut warning) = (String::new(), String::new());
    stderr.read_line(&mut inbox).unwrap();
    stderr.read_line(&mut warning).unwrap();
    assert!(inbox.contains("/?token=s3cr3t "), "{inbox}");
    assert!(
        warning.starts_with("warning: listening on a non-loopback address"),
        "{warning}"
    );
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(child.wait().unwrap().success());
}

fn batch(server: &MockServer, args: &[&str], stdin: &str) -> Output {
    let mut all = vec!["send", "--batch", "-"];
    all.extend_from_slice(args);
    acquire(
        &all,
        &[
            ("ACQUIRE_API_KEY", "mock-key"),
            ("ACQUIRE_BASE_URL", server.url()),
        ],
        stdin,
    )
}

#[test]
fn batch_sends_every_line_and_reports_bad_ones_by_number() {
    let server = MockServer::start().unwrap();
    let mut input = String::new();
    for i in 0..50 {
        input.push_str(&format!(
            "{{\"case_id\": 28, \"message\": \"batch {i}\"}}\n"
        ));
    }
    input.push('\n'); // line 51: blank, skipped
    input.push_str("{\"case_id\": 28, \"mesage\": \"typo\"}\n"); // line 52
    input.push_str("not json\n"); // line 53
    input.push_str("{\"caseId\": 29, \"message\": \"closed\", \"type\": \"note\"}\n"); // line 54
    input.push_str("{\"case_id\": 28, \"message\": \"as contact\", \"asContactId\": 5}\n"); // 55
    let out = batch(&server, &["--concurrency", "4"], &input);

    assert_eq!(out.status.code(), Some(8), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout,
        "sent 51, failed 3 (bad_request 1, invalid_request 2), 0 of them may have been delivered\n"
    );
    let stderr = text(&out.stderr);
    for line in ["line 52: error:", "line 53: error:", "line 54: error:"] {
        assert!(stderr.contains(line), "{line} in {stderr}");
    }
    assert!(stderr.contains("`line` is not a message object: unknown field `mesage`"));
    assert!(
        !stderr.contains('\r'),
        "no progress bar when stderr is not a terminal"
    );
    let stored = server.messages();
    assert_eq!(stored.len(), 51);
    assert!(
        stored
            .iter()
            .any(|m| m["message"] == "as contact" && m["senderType"] == "contact")
    );
}

#[test]
fn batch_json_prints_one_result_per_line_in_input_order() {
    let server = MockServer::start().unwrap();
    server.script([Step::status(500).for_text("fails")]);
    let input = "{\"case_id\": 28, \"message\": \"one\"}\n\
                 {\"case_id\": 28, \"message\": \"fails\"}\n\
                 {\"case_id\": 28, \"message\": \"three\"}\n";
    let out = batch(&server, &["--json"], input);
    assert_eq!(out.status.code(), Some(8));
    let results: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary: Vec<_> = results
        .iter()
        .map(|r| {
            (
                r["line"].as_u64(),
                r["index"].as_u64(),
                r["source"].as_str(),
                r["ok"].as_bool(),
                r["message"]["message"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (Some(1), Some(0), Some("sent"), Some(true), Some("one")),
            (Some(2), Some(1), Some("sent"), Some(false), None),
            (Some(3), Some(2), Some("sent"), Some(true), Some("three"))
        ]
    );
    assert_eq!(results[1]["error"]["status"], 500);
    assert_eq!(results[1]["error"]["mayHaveBeenDelivered"], true);
    assert!(
        text(&out.stderr)
            .contains("sent 2, failed 1 (server_error 1), 1 of them may have been delivered")
    );
}

#[test]
fn batch_of_good_lines_exits_zero_and_needs_no_text_or_case() {
    let server = MockServer::start().unwrap();
    let out = batch(&server, &[], "{\"case_id\": 28, \"message\": \"only\"}\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "sent 1, failed 0\n");
    let help = acquire(&["send", "--help"], &[], "");
    assert!(text(&help.stdout).contains("--batch <FILE>"));
    let both = acquire(&["send", "--batch", "-", "--case-id", "28"], &[], "");
    assert_eq!(
        both.status.code(),
        Some(2),
        "--batch conflicts with --case-id"
    );
}

#[test]
fn webhooks_verify_checks_the_signature_and_prints_the_event() {
    let body = r#"{"event":"case:status","data":{"caseId":"72","status":"closed"}}"#;
    let signature = "c1c501f43cdee0d093fe89b0be35e1ca49fb07991fdfc8081d58687ded1eb83f";
    let ok = acquire(
        &["webhooks", "verify", "--signature", signature],
        &[("ACQUIRE_WEBHOOK_SECRET", "my-webhook-secret")],
        body,
    );
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    let event: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(
        (event["kind"].as_str(), event["caseId"].as_i64()),
        (Some("case_status"), Some(72))
    );
    let bad = acquire(
        &[
            "webhooks",
            "verify",
            "--secret",
            "wrong",
            "--signature",
            signature,
        ],
        &[],
        body,
    );
    assert_eq!(bad.status.code(), Some(3));
    assert!(text(&bad.stderr).contains("signature_mismatch"));
    assert!(
        !text(&bad.stderr).contains(signature),
        "the signature is not echoed"
    );
}

#[test]
fn webhooks_trigger_posts_a_signed_sample_event() {
    let inbox = acquire_mock::WebhookReceiver::start(vec![]).unwrap();
    let url = inbox.url().to_owned();
    let out = acquire(
        &[
            "webhooks",
            "trigger",
            "case:message:new",
            "--url",
            &url,
            "--secret",
            "s3",
            "--case",
            "31",
            "--text",
            "Hello bot",
        ],
        &[],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("200"), "{}", text(&out.stdout));
    let received = inbox.next(std::time::Duration::from_secs(5)).unwrap();
    let event =
        acquire_core::webhooks::construct_event(&received.body, &received.signature, "s3").unwrap();
    assert_eq!(event.case_id(), Some(31));
    assert_eq!(
        event.last_contact_message().unwrap().message.as_deref(),
        Some("Hello bot")
    );
}

#[test]
fn verbose_tells_each_attempt_and_retry_on_stderr_without_the_key_or_text() {
    let server = MockServer::start().unwrap();
    server.script([Step::status(503).header("retry-after", "1")]);
    let out = send(&server, "mock-key", &["-v", "A private note"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let told = text(&out.stderr);
    let lines: Vec<&str> = told.lines().collect();
    assert_eq!(lines.len(), 4, "{told}");
    assert!(
        lines[0].starts_with("acquire: attempt 1: 503 server_error ("),
        "{told}"
    );
    assert!(
        lines[1].starts_with("acquire: retrying in 1000 ms (server_error)"),
        "{told}"
    );
    assert!(lines[2].starts_with("acquire: attempt 2: 200 ("), "{told}");
    assert!(
        lines[3].starts_with(
            "acquire: POST /crm/messenger/chat/add-message: ok (status 200) after 2 attempt(s)"
        ),
        "{told}"
    );
    assert!(
        !told.contains("mock-key") && !told.contains("A private note"),
        "{told}"
    );
    assert!(
        text(&out.stdout).starts_with("sent message"),
        "stdout is unchanged"
    );

    let out = send(&server, "mock-key", &["-vv", "Again"]);
    let told = text(&out.stderr);
    assert!(
        told.starts_with("acquire: POST /crm/messenger/chat/add-message attempt 1\n"),
        "{told}"
    );
}
