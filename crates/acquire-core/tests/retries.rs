//! Retry, timeout and keep-alive behaviour against the local server over loopback.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use acquire_core::{
    ApiError, ApiErrorKind, Client, ClientBuilder, Error, Message, RequestOptions, SendMessage,
    TimeoutPhase, TransportError, TransportErrorKind,
};
use acquire_mock::{Fault, MockServer, Step};

fn server() -> MockServer {
    MockServer::start().unwrap()
}

fn builder(url: &str) -> ClientBuilder {
    Client::builder().base_url(url).api_key("mock-key")
}

fn send(client: &Client) -> Result<Message, Error> {
    client.send_message(&SendMessage::new(28, "hi"))
}

fn transport(err: Error) -> Box<TransportError> {
    match err {
        Error::Transport(t) => t,
        other => panic!("expected a transport error, got {other:?}"),
    }
}

fn api(err: Error) -> Box<ApiError> {
    match err {
        Error::Api(a) => a,
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// (status answered, stored) of each journaled request.
fn journal(server: &MockServer) -> Vec<(Option<u16>, bool)> {
    server
        .requests()
        .iter()
        .map(|r| (r.status, r.stored))
        .collect()
}

#[test]
fn one_connection_serves_many_sends() {
    let server = server();
    let client = builder(server.url()).build().unwrap();
    let clone = client.clone();
    for _ in 0..5 {
        send(&client).unwrap();
        send(&clone).unwrap();
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 10);
    assert!(requests.iter().all(|r| r.connection == 0), "{requests:?}");
}

#[test]
fn refused_connections_are_retried_then_reported_undelivered() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = builder(&format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = send(&client).unwrap_err();
    assert_eq!(err.attempts(), 3);
    assert!(!err.may_have_been_delivered());
    assert_eq!(err.code(), "connection");
    assert_eq!(transport(err).kind, TransportErrorKind::Connect);
    // Back-off 0.5 s then 1 s, each scaled by a jitter factor in [0.5, 1).
    assert!(
        started.elapsed() >= Duration::from_millis(750),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn service_unavailable_with_retry_after_is_retried_after_the_wait() {
    let server = server();
    server.script([Step::status(503).header("retry-after", "1")]);
    let started = Instant::now();
    let sent = send(&builder(server.url()).build().unwrap()).unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(journal(&server), [(Some(503), false), (Some(200), true)]);
    assert_eq!(server.messages()[0]["id"], sent.id);
}

#[test]
fn rate_limits_and_request_timeouts_back_off_and_retry() {
    let server = server();
    server.script([Step::status(429), Step::status(408)]);
    send(&builder(server.url()).build().unwrap()).unwrap();
    assert_eq!(
        journal(&server),
        [(Some(429), false), (Some(408), false), (Some(200), true)]
    );
}

#[test]
fn long_retry_after_is_returned_not_waited() {
    let server = server();
    server.script([Step::status(429).header("retry-after", "120")]);
    let started = Instant::now();
    let err = send(&builder(server.url()).build().unwrap()).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(err.attempts(), 1);
    let err = api(err);
    assert_eq!(err.kind, ApiErrorKind::RateLimited);
    assert_eq!(err.retry_after, Some(Duration::from_secs(120)));
}

#[test]
fn retries_stop_at_the_overall_deadline() {
    let server = server();
    server.script([Step::status(503).header("retry-after", "5")]);
    let client = builder(server.url())
        .total_timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    let err = send(&client).unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert_eq!(api(err).status, 503);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn server_errors_are_not_retried_by_default() {
    let server = server();
    let client = builder(server.url()).build().unwrap();
    for code in [500, 502, 504] {
        server.reset();
        server.script([Step::status(code).store(true)]);
        let err = send(&client).unwrap_err();
        assert_eq!(err.attempts(), 1, "{code}");
        assert!(err.may_have_been_delivered(), "{code}");
        assert_eq!(api(err).kind, ApiErrorKind::Server);
        assert_eq!(journal(&server), [(Some(code), true)], "{code}");
    }
}

#[test]
fn server_errors_are_retried_when_opted_in() {
    let server = server();
    server.script([Step::status(500), Step::status(502)]);
    let client = builder(server.url())
        .retry_possibly_delivered(true)
        .build()
        .unwrap();
    send(&client).unwrap();
    assert_eq!(
        journal(&server),
        [(Some(500), false), (Some(502), false), (Some(200), true)]
    );
}

#[test]
fn connection_dropped_after_the_request_is_ambiguous_and_not_retried() {
    for fault in [Fault::Close, Fault::Reset, Fault::Truncate] {
        let server = server();
        server.script([Step::fault(fault)]);
        let err = send(&builder(server.url()).build().unwrap()).unwrap_err();
        assert_eq!(err.attempts(), 1, "{fault:?}");
        assert!(err.may_have_been_delivered(), "{fault:?}");
        assert_eq!(
            server.messages().len(),
            1,
            "{fault:?}: the server stored it"
        );
        let err = transport(err);
        assert!(
            matches!(
                err.kind,
                TransportErrorKind::Io | TransportErrorKind::Protocol
            ),
            "{fault:?}: {err:?}"
        );
    }
}

#[test]
fn response_timeout_fires_within_its_bound_and_is_not_retried() {
    let server = server();
    server.script([Step::fault(Fault::Stall)]);
    let client = builder(server.url())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = send(&client).unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(300) && elapsed < Duration::from_secs(3),
        "{elapsed:?}"
    );
    assert_eq!(
        (err.code(), err.attempts(), err.may_have_been_delivered()),
        ("timeout", 1, true)
    );
    let err = transport(err);
    assert_eq!(
        err.kind,
        TransportErrorKind::Timeout(TimeoutPhase::Response)
    );
    assert!(err.to_string().contains("300ms"), "{err}");
    assert_eq!(journal(&server), [(None, true)]);
}

#[test]
fn slow_bodies_hit_the_body_timeout() {
    let server = server();
    let drip = Step {
        drip_ms: Some(50),
        ..Step::fault(Fault::Drip)
    };
    server.script([drip.clone()]);
    let client = builder(server.url())
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap();
    let err = transport(send(&client).unwrap_err());
    assert_eq!(err.kind, TransportErrorKind::Timeout(TimeoutPhase::Body));
    assert!(err.may_have_been_delivered);
    server.script([Step {
        drip_ms: Some(1),
        ..drip
    }]);
    assert!(send(&builder(server.url()).build().unwrap()).is_ok());
}

#[test]
fn bodies_that_are_not_the_expected_json_are_decode_errors() {
    let server = server();
    let client = builder(server.url()).build().unwrap();
    for fault in [Fault::InvalidUtf8, Fault::Large, Fault::Empty] {
        server.script([Step::fault(fault)]);
        let err = send(&client).unwrap_err();
        assert_eq!(
            (err.code(), err.attempts()),
            ("decode", 1),
            "{fault:?}: {err}"
        );
        assert!(err.may_have_been_delivered(), "{fault:?}");
    }
}

#[test]
fn proxy_pages_and_empty_bodies_fall_back_to_the_status_line() {
    let server = server();
    let client = builder(server.url()).build().unwrap();
    server.script([Step {
        status: Some(502),
        ..Step::fault(Fault::Html)
    }]);
    let err = api(send(&client).unwrap_err());
    assert_eq!(
        (err.status, err.message.as_str(), err.error_type.as_deref()),
        (502, "502 Bad Gateway", None)
    );
    assert!(err.body.starts_with("<html>"));
    server.script([Step {
        status: Some(503),
        ..Step::fault(Fault::Empty)
    }]);
    let err = api(send(&client).unwrap_err());
    assert_eq!(
        (err.status, err.message.as_str(), err.body.as_str()),
        (503, "503 Service Unavailable", "")
    );
}

#[test]
fn per_call_options_override_the_client() {
    let server = server();
    server.script([Step::default().delay_ms(400), Step::status(429)]);
    let client = builder(server.url())
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let options = RequestOptions {
        timeout: Some(Duration::from_secs(5)),
        ..Default::default()
    };
    client
        .send_message_with(&SendMessage::new(28, "hi"), &options)
        .unwrap();
    let no_retries = RequestOptions {
        max_retries: Some(0),
        ..Default::default()
    };
    let err = client
        .send_message_with(&SendMessage::new(28, "hi"), &no_retries)
        .unwrap_err();
    assert_eq!((err.attempts(), err.code()), (1, "rate_limited"));
}

#[test]
fn the_key_never_appears_in_errors_or_debug() {
    let key = "sk-super-secret-123";
    let server = server();
    server.script([Step::status(401).body(&format!(r#"{{"message":"bad key {key}"}}"#))]);
    let client = builder(server.url()).api_key(key).build().unwrap();
    assert!(!format!("{client:?}").contains(key));
    let err = send(&client).unwrap_err();
    assert!(!format!("{err} {err:?}").contains(key));
    assert_eq!(api(err).message, "bad key ***");
}

/// Serves `count` connections, one answered request each, and closes each connection
/// (FIN) shortly after answering while the client keeps it in its pool.
fn answer_once_then_close(listener: TcpListener, count: usize) -> std::thread::JoinHandle<()> {
    use std::io::{BufRead, BufReader, Read, Write};
    std::thread::spawn(move || {
        let body = r#"{"data": {"id": 7, "caseId": 28}}"#;
        for _ in 0..count {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream);
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
                if line == "\r\n" {
                    break;
                }
            }
            reader.read_exact(&mut vec![0; length]).unwrap();
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            );
            reader.get_mut().write_all(response.as_bytes()).unwrap();
            std::thread::sleep(Duration::from_millis(50));
        }
    })
}

#[test]
fn a_pooled_connection_the_server_closed_is_not_reused() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = answer_once_then_close(listener, 2);
    let client = builder(&url).max_retries(0).build().unwrap();
    assert_eq!(send(&client).unwrap().id, 7);
    std::thread::sleep(Duration::from_millis(200)); // the server has closed that connection
    // Taken out of the pool, the closed connection is noticed and a new one is made: the
    // send succeeds in one attempt instead of failing on the dead socket.
    assert_eq!(send(&client).unwrap().id, 7);
    server.join().unwrap();
}

#[test]
fn a_pooled_connection_that_dies_after_the_write_is_possibly_delivered() {
    let server = server();
    let client = builder(server.url()).build().unwrap();
    send(&client).unwrap(); // connection 0 goes back to the pool
    // The next request is written into that pooled connection and read by the server,
    // which then drops the connection without answering.
    server.script([Step::fault(Fault::Close)]);
    let err = send(&client).unwrap_err();
    assert!(err.may_have_been_delivered(), "{err:?}");
    assert_eq!(err.attempts(), 1, "not retried: it may have been stored");
    let connections: Vec<_> = server.requests().iter().map(|r| r.connection).collect();
    assert_eq!(connections, [0, 0], "the pooled connection was reused");
    assert_eq!(server.messages().len(), 2, "and the server did store it");
}
