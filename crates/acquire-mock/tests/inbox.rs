//! The web inbox's server side over real HTTP: the page, its JSON views, the live stream,
//! and the guards that keep it local (Host, Origin, token).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use acquire_core::{Client, SendMessage};
use acquire_mock::{MockConfig, MockServer, Step};
use serde_json::Value;

/// One HTTP/1.1 exchange with exactly these headers: (status, headers text, body).
fn exchange(
    url: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let authority = url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(authority).unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let status = head[9..12].parse().unwrap();
    (status, head.to_lowercase(), body.to_owned())
}

fn get(server: &MockServer, path: &str) -> (u16, Value) {
    let host = server.url().trim_start_matches("http://").to_owned();
    let (status, _, body) = exchange(server.url(), "GET", path, &[("host", &host)], "");
    (
        status,
        serde_json::from_str(&body).unwrap_or(Value::String(body)),
    )
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.url())
        .api_key("mock-key")
        .build()
        .unwrap()
}

#[test]
fn the_page_is_served_with_a_strict_policy() {
    let server = MockServer::start().unwrap();
    let host = server.url().trim_start_matches("http://").to_owned();
    let (status, head, body) = exchange(server.url(), "GET", "/", &[("host", &host)], "");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"));
    assert!(head.contains("content-security-policy: default-src 'none'; script-src 'self'"));
    assert!(body.contains(r#"<script src="/ui/app.js" defer></script>"#));
    for asset in ["/ui/app.js", "/ui/style.css"] {
        assert_eq!(
            exchange(server.url(), "GET", asset, &[("host", &host)], "").0,
            200
        );
    }
    assert_eq!(server.inbox_url(), format!("{}/", server.url()));
}

#[test]
fn another_host_is_refused_everywhere_but_the_api() {
    let server = MockServer::start().unwrap();
    let evil = [("host", "attacker.example")];
    for path in [
        "/",
        "/ui/app.js",
        "/__mock/requests",
        "/__mock/ui/conversations",
    ] {
        let (status, _, body) = exchange(server.url(), "GET", path, &evil, "");
        assert_eq!(status, 403, "{path}");
        assert!(body.contains("Host"), "{body}");
    }
    // The API keeps answering: its keys protect it.
    let headers = [
        ("host", "attacker.example"),
        ("authorization", "Bearer mock-key"),
    ];
    assert_eq!(
        exchange(
            server.url(),
            "GET",
            "/api/v1/crm/objects/case/28",
            &headers,
            ""
        )
        .0,
        200
    );
}

#[test]
fn changes_from_another_origin_are_refused_and_scripts_still_work() {
    let server = MockServer::start().unwrap();
    let host = server.url().trim_start_matches("http://").to_owned();
    let text = r#"{"text": "from a page elsewhere"}"#;
    let path = "/__mock/cases/28/contact-message";
    let foreign = [("host", host.as_str()), ("origin", "https://evil.example")];
    let (status, _, body) = exchange(server.url(), "POST", path, &foreign, text);
    assert_eq!((status, body.contains("Origin")), (403, true));
    let cross_site = [("host", host.as_str()), ("sec-fetch-site", "cross-site")];
    assert_eq!(
        exchange(server.url(), "POST", path, &cross_site, text).0,
        403
    );
    assert!(server.messages().is_empty());

    let own = format!("http://{host}");
    let same = [("host", host.as_str()), ("origin", own.as_str())];
    assert_eq!(exchange(server.url(), "POST", path, &same, text).0, 200);
    let script = [("host", host.as_str())]; // curl and test tools send no Origin
    assert_eq!(exchange(server.url(), "POST", path, &script, text).0, 200);
    assert_eq!(server.messages().len(), 2);
}

#[test]
fn a_reachable_server_needs_a_token() {
    let open = MockConfig {
        addr: "0.0.0.0:0".parse().unwrap(),
        ..MockConfig::default()
    };
    let err = MockServer::start_with(open.clone()).err().unwrap();
    assert!(err.to_string().contains("--ui-token"), "{err}");

    let server = MockServer::start_with(MockConfig {
        ui_token: Some("s3cr3t".into()),
        ..open
    })
    .unwrap();
    let host = [("host", "192.0.2.1:1234")];
    assert_eq!(exchange(server.url(), "GET", "/", &host, "").0, 403);
    let (status, head, _) = exchange(server.url(), "GET", "/?token=s3cr3t", &host, "");
    assert_eq!(status, 200);
    assert!(
        head.contains("set-cookie: acquire_mock_token=s3cr3t; path=/; httponly; samesite=strict")
    );
    let cookie = [
        ("host", "192.0.2.1:1234"),
        ("cookie", "acquire_mock_token=s3cr3t"),
    ];
    assert_eq!(
        exchange(server.url(), "GET", "/__mock/ui/conversations", &cookie, "").0,
        200
    );
}

#[test]
fn conversations_group_cases_by_contact_and_search() {
    let server = MockServer::start().unwrap();
    let client = client(&server);
    client
        .send_message(&SendMessage::new(28, "Parcel tracking number"))
        .unwrap();
    server.contact_message(31, "Hello from Sam").unwrap();

    let (_, all) = get(&server, "/__mock/ui/conversations");
    let first = &all["contacts"][0];
    assert_eq!(
        first["email"], "sam@example.com",
        "newest activity first: {all}"
    );
    assert_eq!(first["cases"][0]["last"]["text"], "Hello from Sam");
    assert_eq!(first["cases"][0]["last"]["senderType"], "contact");
    let ann = all["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == 5)
        .unwrap();
    assert_eq!(ann["cases"].as_array().unwrap().len(), 2);
    let caseless: Vec<&Value> = all["caseless"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["email"])
        .collect();
    assert_eq!(caseless, ["Sam@Example.com", "nia@example.com"]);

    for (query, cases) in [
        ("tracking", vec![28]),
        ("ann%40example.com", vec![28, 29]),
        ("31", vec![31]),
    ] {
        let (_, found) = get(&server, &format!("/__mock/ui/conversations?q={query}"));
        let ids: Vec<i64> = found["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| {
                c["cases"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k["id"].as_i64().unwrap())
            })
            .collect();
        let mut ids = ids;
        ids.sort_unstable();
        assert_eq!(ids, cases, "{query}");
    }
}

#[test]
fn a_long_conversation_comes_a_page_at_a_time() {
    let server = MockServer::start().unwrap();
    for i in 0..250 {
        server.contact_message(28, &format!("message {i}")).unwrap();
    }
    let (_, newest) = get(&server, "/__mock/ui/cases/28?limit=100");
    assert_eq!(
        (newest["total"].as_u64(), newest["earlier"].as_u64()),
        (Some(250), Some(150))
    );
    assert_eq!(newest["messages"][0]["text"], "message 150");
    assert_eq!(newest["messages"][99]["text"], "message 249");
    assert_eq!(newest["contact"]["name"], "Ann Lee");
    let (_, earlier) = get(&server, "/__mock/ui/cases/28?before=150&limit=100");
    assert_eq!(earlier["messages"][0]["text"], "message 50");
    assert_eq!(get(&server, "/__mock/ui/cases/404").0, 404);
}

#[test]
fn the_journal_has_answers_and_latency_newest_first() {
    let server = MockServer::start().unwrap();
    let client = client(&server);
    client.send_message(&SendMessage::new(28, "first")).unwrap();
    let _ = client.send_message(&SendMessage::new(99, "second"));
    let (_, requests) = get(&server, "/__mock/ui/requests?limit=1");
    let newest = &requests[0];
    assert_eq!(requests.as_array().unwrap().len(), 1);
    assert_eq!(newest["status"], 400);
    assert!(
        newest["response"]
            .as_str()
            .unwrap()
            .contains("ERROR_RECORD_NOT_FOUND")
    );
    assert!(newest["latencyUs"].as_u64().is_some());
    // Only the newest 1,000 keep their answer: a send's answer holds the whole case.
    for _ in 0..1000 {
        client.cases().get(28).unwrap();
    }
    let journal = server.requests(); // 1,002 entries: the two oldest lost their answer
    assert_eq!((&journal[0].response, &journal[1].response), (&None, &None));
    assert!(journal[2..].iter().all(|entry| entry.response.is_some()));
}

#[test]
fn steps_for_one_case_wait_for_it_and_their_use_is_counted() {
    let server = MockServer::start().unwrap();
    let client = client(&server);
    server.script([Step::status(503).for_case(31)]);
    client
        .send_message(&SendMessage::new(28, "not for 31"))
        .unwrap();
    let (_, script) = get(&server, "/__mock/script");
    assert_eq!(
        (
            script["queued"][0]["forCase"].as_i64(),
            script["consumed"].as_u64()
        ),
        (Some(31), Some(0))
    );
    let err = client
        .send_message(&SendMessage::new(31, "for 31"))
        .unwrap_err();
    assert_eq!(err.fields().status, Some(503));
    let (_, script) = get(&server, "/__mock/script");
    assert_eq!(
        (
            script["queued"].as_array().unwrap().len(),
            script["consumed"].as_u64()
        ),
        (0, Some(1))
    );
}

#[test]
fn the_live_stream_tells_each_change() {
    let server = MockServer::start().unwrap();
    let host = server.url().trim_start_matches("http://").to_owned();
    let mut stream = TcpStream::connect(&host).unwrap();
    write!(
        stream,
        "GET /__mock/events HTTP/1.1\r\nhost: {host}\r\n\r\n"
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut seen = String::new();
    let mut buffer = [0u8; 1024];
    let mut read_until = |stream: &mut TcpStream, needle: &str, seen: &mut String| {
        let deadline = Instant::now() + Duration::from_secs(5);
        while !seen.contains(needle) && Instant::now() < deadline {
            let n = stream.read(&mut buffer).unwrap();
            seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
        assert!(seen.contains(needle), "{needle} not in {seen}");
    };
    read_until(&mut stream, "event: change\ndata: 0\n\n", &mut seen);
    assert!(
        seen.to_lowercase()
            .contains("content-type: text/event-stream")
    );
    client(&server)
        .send_message(&SendMessage::new(28, "hi"))
        .unwrap();
    read_until(&mut stream, "event: change\ndata: 1\n\n", &mut seen);
}

#[test]
fn a_delivery_can_be_redelivered_and_the_state_exported() {
    let inbox = acquire_mock::WebhookReceiver::start(vec![500, 200, 200]).unwrap();
    let server = MockServer::start().unwrap();
    server.set_webhook(Some(acquire_mock::WebhookTarget {
        url: inbox.url().to_owned(),
        secret: "s".into(),
    }));
    server.contact_message(28, "Where is my parcel?").unwrap();
    let wait = |count: usize| {
        let deadline = Instant::now() + Duration::from_secs(5);
        while server.webhooks().len() < count && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait(2);
    let (_, deliveries) = get(&server, "/__mock/ui/webhooks");
    let first = &deliveries[0];
    let statuses: Vec<&Value> = first["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["status"])
        .collect();
    assert_eq!(statuses, [500, 200]);
    assert_eq!(first["delivered"], true);
    let host = server.url().trim_start_matches("http://").to_owned();
    let path = format!("/__mock/webhooks/{}/redeliver", first["delivery"]);
    assert_eq!(
        exchange(server.url(), "POST", &path, &[("host", &host)], "").0,
        200
    );
    wait(3);
    let (_, deliveries) = get(&server, "/__mock/ui/webhooks");
    assert_eq!(deliveries.as_array().unwrap().len(), 2);
    assert_eq!(deliveries[0]["body"], first["body"]);

    let (status, head, body) = exchange(
        server.url(),
        "GET",
        "/__mock/export",
        &[("host", &host)],
        "",
    );
    assert_eq!(status, 200);
    assert!(head.contains("content-disposition: attachment"));
    let state: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(state["messages"][0]["message"], "Where is my parcel?");
    assert_eq!(state["webhooks"].as_array().unwrap().len(), 3);
    assert!(state["cases"].as_array().unwrap().len() >= 4);
}
