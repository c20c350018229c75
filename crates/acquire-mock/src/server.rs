//! The HTTP server: accept loop, routing, the control endpoints, and the handle tests use.

use std::convert::Infallible;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use acquire_core::SEND_MESSAGE_PATH;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::header::HeaderValue;
use hyper::service::service_fn;
use hyper::{Method, Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::sync::watch;

use crate::control::{self, json_response};
use crate::faulty_io::{ConnectionControl, FaultyIo};
use crate::fixtures::Fixtures;
use crate::guard::Guard;
use crate::request_log::{LoggedRequest, mask_authorization};
use crate::script::Step;
use crate::shared::{Body, ReceivedRequest, Shared, bytes_response};
use crate::webhooks::{WebhookDelivery, WebhookTarget};
use crate::{answer, ui};
use acquire_core::internal::lock;

/// How to start a [`MockServer`].
#[derive(Debug, Clone)]
pub struct MockConfig {
    /// The address to listen on; port 0 picks a free port. Default `127.0.0.1:0`.
    pub addr: SocketAddr,
    /// The starting state. Default: [`Fixtures::default`].
    pub fixtures: Fixtures,
    /// Answer every valid send with the same message without storing or logging it,
    /// for benchmarks.
    pub static_mode: bool,
    /// Where to send signed webhooks (none by default).
    pub webhook: Option<WebhookTarget>,
    /// How many logged requests, stored messages and webhook attempts are kept (the
    /// newest); [`MockServer::stats`] counts them all. Default 100,000.
    pub keep: usize,
    /// The token the inbox and the control endpoints require (`?token=`, a cookie, or
    /// `x-acquire-mock-token`). Required when `addr` is not a loopback address, so that
    /// other machines cannot read or drive the server; the API itself needs only its keys.
    pub ui_token: Option<String>,
}

/// Totals since the start or the last reset, also of what is no longer kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Send Message (and unknown-path) requests received.
    pub requests: u64,
    /// Messages stored.
    pub stored: u64,
}

impl Default for MockConfig {
    fn default() -> Self {
        MockConfig {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            fixtures: Fixtures::default(),
            static_mode: false,
            webhook: None,
            keep: 100_000,
            ui_token: None,
        }
    }
}

/// A running local Acquire server. Dropping it (or [`MockServer::stop`]) shuts it down.
///
/// ```
/// use acquire_mock::MockServer;
///
/// let server = MockServer::start().unwrap();
/// assert!(server.url().starts_with("http://127.0.0.1:"));
/// assert!(server.requests().is_empty());
/// ```
pub struct MockServer {
    url: String,
    shared: Arc<Shared>,
    shutdown: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl MockServer {
    /// Starts a server with the default configuration (127.0.0.1, a free port, the
    /// built-in fixtures).
    pub fn start() -> io::Result<MockServer> {
        MockServer::start_with(MockConfig::default())
    }

    /// Starts a server in a background thread and returns once it accepts connections.
    /// Fails on a non-loopback address without [`MockConfig::ui_token`].
    pub fn start_with(config: MockConfig) -> io::Result<MockServer> {
        if !config.addr.ip().is_loopback() && config.ui_token.is_none() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is reachable from other machines: set a token for the inbox and the \
                     control endpoints (--ui-token), or listen on 127.0.0.1",
                    config.addr.ip()
                ),
            ));
        }
        let listener = TcpListener::bind(config.addr)?;
        listener.set_nonblocking(true)?;
        let mut addr = listener.local_addr()?;
        if addr.ip().is_unspecified() {
            addr.set_ip(Ipv4Addr::LOCALHOST.into());
        }
        let guard = Guard::new(listener.local_addr()?, config.ui_token);
        let shared = Arc::new(Shared::new(
            config.fixtures,
            config.static_mode,
            config.webhook,
            config.keep,
            guard,
        ));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("acquire-mock")
            .enable_all()
            .build()?;
        let (shutdown, stopped) = watch::channel(false);
        let serving = shared.clone();
        let thread = std::thread::Builder::new()
            .name("acquire-mock".into())
            .spawn(move || {
                runtime.block_on(async move {
                    match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => accept_loop(listener, serving, stopped).await,
                        Err(e) => eprintln!("acquire-mock: {e}"),
                    }
                });
                runtime.shutdown_timeout(Duration::from_millis(200));
            })?;
        Ok(MockServer {
            url: format!("http://{addr}"),
            shared,
            shutdown,
            thread: Some(thread),
        })
    }

    /// The base URL, such as `http://127.0.0.1:41234`; the inbox is its page `/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The web inbox's address: the base URL's page `/`.
    pub fn inbox_url(&self) -> String {
        format!("{}/", self.url)
    }

    /// Every Send Message (and unknown-path) request received since the start or the
    /// last reset, oldest first.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        lock(&self.shared.request_log).iter().cloned().collect()
    }

    /// Totals since the start or the last reset, also of what is no longer kept.
    pub fn stats(&self) -> Stats {
        self.shared.stats()
    }

    /// The messages stored since the start or the last reset, oldest first.
    pub fn messages(&self) -> Vec<Value> {
        self.shared.world().messages()
    }

    /// Sends webhooks to `target` from now on (`None`: stop sending), e.g. once the
    /// endpoint under test has started and knows the server's URL.
    pub fn set_webhook(&self, target: Option<WebhookTarget>) {
        *lock(&self.shared.webhook) = target;
        self.shared.changed();
    }

    /// Every webhook delivery attempt since the start or the last reset, oldest first.
    pub fn webhooks(&self) -> Vec<WebhookDelivery> {
        lock(&self.shared.deliveries).clone()
    }

    /// Stores a chat message written by the case's contact (the customer), as if typed
    /// in the widget, and sends the `case:message:new` webhook. Returns the message.
    pub fn contact_message(&self, case_id: i64, text: &str) -> Result<Value, String> {
        self.shared
            .contact_message(case_id, text)
            .map_err(|r| r.message)
    }

    /// Sets a case's status and sends the `case:status` webhook. Returns the case.
    pub fn set_case_status(&self, case_id: i64, status: &str) -> Result<Value, String> {
        self.shared
            .set_case_status(case_id, status)
            .map_err(|r| r.message)
    }

    /// Adds a contact (`{"fields": {"email": …, "name": …}}`, as Add Contact takes it);
    /// returns it with its id.
    pub fn add_contact(&self, contact: &Value) -> Result<Value, String> {
        let added = crate::crm::control_add_contact(
            &mut self.shared.world(),
            contact.to_string().as_bytes(),
        );
        self.shared.changed();
        added.map_err(|r| r.message)
    }

    /// Adds `count` cases with `status` for a contact, each in its own thread; returns
    /// their ids.
    pub fn add_cases(&self, contact_id: i64, status: &str, count: u64) -> Result<Vec<i64>, String> {
        let body = json!({"contactId": contact_id, "status": status, "count": count});
        let added =
            crate::crm::control_add_cases(&mut self.shared.world(), body.to_string().as_bytes())
                .map_err(|r| r.message)?;
        self.shared.changed();
        Ok(added["ids"]
            .as_array()
            .map(|ids| ids.iter().filter_map(Value::as_i64).collect())
            .unwrap_or_default())
    }

    /// Queues scripted answers, consumed one per Send Message request.
    pub fn script(&self, steps: impl IntoIterator<Item = Step>) {
        lock(&self.shared.script).extend(steps);
        self.shared.changed();
    }

    /// Clears the request log and the script and restores the fixtures' state.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// Stops the server and waits for its thread.
    pub fn stop(mut self) {
        self.stop_inner();
    }

    fn stop_inner(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.stop_inner();
    }
}

async fn accept_loop(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<bool>,
) {
    let mut next_connection = 0u64;
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let connection = next_connection;
                next_connection += 1;
                tokio::spawn(serve_connection(stream, connection, shared.clone()));
            }
            _ = stopped.changed() => return,
        }
    }
}

async fn serve_connection(stream: tokio::net::TcpStream, connection: u64, shared: Arc<Shared>) {
    let control = Arc::new(ConnectionControl::default());
    let io = TokioIo::new(FaultyIo::new(stream, control.clone()));
    let service = service_fn(move |request| {
        let (shared, control) = (shared.clone(), control.clone());
        async move { Ok::<_, Infallible>(route(request, &shared, &control, connection).await) }
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .serve_connection(io, service)
        .await;
}

async fn route(
    request: Request<Incoming>,
    shared: &Shared,
    control: &ConnectionControl,
    connection: u64,
) -> Response<Body> {
    let received = std::time::Instant::now();
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let authorization = parts
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let headers = parts
        .headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes());
            let value = if name == "authorization" {
                mask_authorization(&value)
            } else {
                value.into_owned()
            };
            (name.as_str().to_owned(), value)
        })
        .collect();
    let request = ReceivedRequest {
        method: parts.method,
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or_default().to_owned(),
        headers,
        authorization,
        body,
        connection,
        received,
    };
    match (request.path.as_str(), &request.method) {
        (SEND_MESSAGE_PATH, &Method::POST) if shared.static_mode => static_send(&request, shared),
        (SEND_MESSAGE_PATH, &Method::POST) => answer::send(request, shared, control).await,
        (SEND_MESSAGE_PATH, _) => {
            let mut response = bytes_response(405, "application/json", METHOD_NOT_ALLOWED.into());
            response
                .headers_mut()
                .insert("allow", HeaderValue::from_static("POST"));
            answer::log_plain(&request, shared, 405, METHOD_NOT_ALLOWED);
            response
        }
        (path, _)
            if path
                .strip_prefix("/api/v1")
                .is_some_and(crate::crm::is_crm_path) =>
        {
            answer::crm(request, shared, control).await
        }
        (path, method) if path.starts_with("/__mock/") => {
            let changes = method != Method::GET && method != Method::HEAD;
            match shared.guard.check(&request.seen(), changes) {
                Ok(()) => control::endpoint(&request, shared),
                Err(refusal) => json_response(403, &json!({ "message": refusal })),
            }
        }
        (path, &Method::GET) if ui::is_asset(path) => {
            match shared.guard.check(&request.seen(), false) {
                Ok(()) => ui::page(path, shared.guard.cookie(&request.seen())),
                Err(refusal) => json_response(403, &json!({ "message": refusal })),
            }
        }
        (path, method) => {
            let body = json!({"message": format!("no route for {method} {path}")}).to_string();
            answer::log_plain(&request, shared, 404, &body);
            bytes_response(404, "application/json", body.into())
        }
    }
}

fn static_send(request: &ReceivedRequest, shared: &Shared) -> Response<Body> {
    let checked = shared.world().check_only(
        request.authorization.as_deref(),
        &request.query,
        &request.body,
    );
    match checked {
        Ok(()) => bytes_response(200, "application/json", shared.static_answer.clone()),
        Err(rejection) => bytes_response(
            rejection.status,
            "application/json",
            rejection.body().into(),
        ),
    }
}

/// The body of a 405 on the Send Message path.
const METHOD_NOT_ALLOWED: &str = r#"{"message":"method not allowed; use POST"}"#;
