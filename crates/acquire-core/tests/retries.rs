//! Retry, timeout and keep-alive behaviour over real loopback connections.

mod support;

use std::net::TcpListener;
use std::time::{Duration, Instant};

use acquire_core::{
    ApiErrorKind, Client, ClientBuilder, Error, RequestOptions, SendMessage, TimeoutPhase,
    TransportErrorKind,
};
use support::{RawServer, Reply, ok_body};

fn builder(url: &str) -> ClientBuilder {
    Client::builder().base_url(url).api_key("test-key-123")
}

fn send(client: &Client) -> Result<acquire_core::Message, Error> {
    client.send_message(&SendMessage::new(28, "hi"))
}

fn status(code: u16, headers: Vec<(&'static str, String)>) -> Reply {
    Reply::Respond(code, headers, String::new())
}

fn retry_after(secs: &str) -> Vec<(&'static str, String)> {
    vec![("retry-after", secs.to_owned())]
}

fn transport(err: Error) -> Box<acquire_core::TransportError> {
    match err {
        Error::Transport(t) => t,
        other => panic!("expected a transport error, got {other:?}"),
    }
}

fn api(err: Error) -> Box<acquire_core::ApiError> {
    match err {
        Error::Api(a) => a,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[test]
fn one_connection_serves_many_sends() {
    let server = RawServer::start(vec![]);
    let client = builder(&server.url).build().unwrap();
    let clone = client.clone();
    for _ in 0..5 {
        send(&client).unwrap();
        send(&clone).unwrap();
    }
    assert_eq!(server.requests().len(), 10);
    assert_eq!(server.connections(), 1);
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
    // Back-off 0.5 s then 1 s, each with jitter in [0.5, 1).
    assert!(
        started.elapsed() >= Duration::from_millis(750),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn service_unavailable_with_retry_after_is_retried_after_the_wait() {
    let server = RawServer::start(vec![status(503, retry_after("1"))]);
    let started = Instant::now();
    let sent = send(&builder(&server.url).build().unwrap()).unwrap();
    assert_eq!(sent.id, 1);
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn rate_limit_without_retry_after_backs_off_and_retries() {
    let server = RawServer::start(vec![status(429, vec![]), status(408, vec![])]);
    send(&builder(&server.url).build().unwrap()).unwrap();
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn long_retry_after_is_returned_not_waited() {
    let server = RawServer::start(vec![status(429, retry_after("120"))]);
    let started = Instant::now();
    let err = send(&builder(&server.url).build().unwrap()).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(err.attempts(), 1);
    let err = api(err);
    assert_eq!(err.kind, ApiErrorKind::RateLimited);
    assert_eq!(err.retry_after, Some(Duration::from_secs(120)));
}

#[test]
fn retries_stop_at_the_overall_deadline() {
    let server = RawServer::start(vec![status(503, retry_after("5"))]);
    let client = builder(&server.url)
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
    for code in [500, 502, 504] {
        let server = RawServer::start(vec![status(code, vec![])]);
        let err = send(&builder(&server.url).build().unwrap()).unwrap_err();
        assert_eq!(err.attempts(), 1, "{code}");
        assert!(err.may_have_been_delivered(), "{code}");
        assert_eq!(api(err).kind, ApiErrorKind::Server);
        assert_eq!(server.requests().len(), 1, "{code}");
    }
}

#[test]
fn server_errors_are_retried_when_opted_in() {
    let server = RawServer::start(vec![status(500, vec![]), status(502, vec![])]);
    let client = builder(&server.url)
        .retry_possibly_delivered(true)
        .build()
        .unwrap();
    send(&client).unwrap();
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn connection_closed_after_the_request_is_ambiguous_and_not_retried() {
    let server = RawServer::start(vec![Reply::Close]);
    let err = send(&builder(&server.url).build().unwrap()).unwrap_err();
    assert_eq!(err.attempts(), 1);
    assert!(err.may_have_been_delivered());
    assert_eq!(server.requests().len(), 1);
    let err = transport(err);
    assert!(
        matches!(
            err.kind,
            TransportErrorKind::Io | TransportErrorKind::Protocol
        ),
        "{err:?}"
    );
}

#[test]
fn response_timeout_fires_within_its_bound_and_is_not_retried() {
    let server = RawServer::start(vec![Reply::Stall]);
    let client = builder(&server.url)
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
    assert_eq!(err.code(), "timeout");
    assert_eq!(err.attempts(), 1);
    assert!(err.may_have_been_delivered());
    let err = transport(err);
    assert_eq!(
        err.kind,
        TransportErrorKind::Timeout(TimeoutPhase::Response)
    );
    assert!(err.to_string().contains("300ms"), "{err}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn per_call_options_override_the_client() {
    let server = RawServer::start(vec![
        Reply::After(
            Duration::from_millis(400),
            Box::new(Reply::Respond(200, vec![], ok_body(2))),
        ),
        status(429, vec![]),
    ]);
    let client = builder(&server.url)
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let options = RequestOptions {
        timeout: Some(Duration::from_secs(5)),
        ..Default::default()
    };
    let sent = client
        .send_message_with(&SendMessage::new(28, "hi"), &options)
        .unwrap();
    assert_eq!(sent.id, 2);
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
    let echo = format!(r#"{{"message":"bad key {key}"}}"#);
    let server = RawServer::start(vec![Reply::Respond(401, vec![], echo)]);
    let client = builder(&server.url).api_key(key).build().unwrap();
    assert!(!format!("{client:?}").contains(key));
    let err = send(&client).unwrap_err();
    assert!(!format!("{err} {err:?}").contains(key));
    assert_eq!(api(err).message, "bad key ***");
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some(&*format!("Bearer {key}"))
    );
}
