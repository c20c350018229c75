//! `NativeMockServer`: the local Acquire server, run inside the Node process.

use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;

use acquire_mock::{Fixtures, MockConfig, MockServer, Step, WebhookTarget};
use napi::{Error, Status};
use napi_derive::napi;

/// How to start the server.
#[napi(object)]
pub struct MockOptions {
    /// The address to listen on (default 127.0.0.1).
    pub host: Option<String>,
    /// The port (default 0: a free one).
    pub port: Option<u16>,
    /// API keys and cases as JSON text (default: the built-in fixtures).
    pub fixtures_json: Option<String>,
    /// Answer every valid send the same way, storing nothing.
    pub static_mode: Option<bool>,
    /// Send signed webhooks to this URL.
    pub webhook_url: Option<String>,
    /// The HMAC key of those webhooks.
    pub webhook_secret: Option<String>,
}

/// A running local Acquire server.
#[napi]
pub struct NativeMockServer {
    url: String,
    server: Mutex<Option<MockServer>>,
}

fn invalid(message: String) -> Error {
    Error::new(Status::InvalidArg, message)
}

impl NativeMockServer {
    fn with<T>(&self, f: impl FnOnce(&MockServer) -> T) -> napi::Result<T> {
        let guard = acquire_core::internal::lock(&self.server);
        guard
            .as_ref()
            .map(f)
            .ok_or_else(|| Error::new(Status::GenericFailure, "the server has been stopped"))
    }
}

#[napi]
impl NativeMockServer {
    /// Starts a server (127.0.0.1 and a free port unless told otherwise).
    #[napi(constructor)]
    pub fn new(options: Option<MockOptions>) -> napi::Result<Self> {
        let options = options.unwrap_or(MockOptions {
            host: None,
            port: None,
            fixtures_json: None,
            static_mode: None,
            webhook_url: None,
            webhook_secret: None,
        });
        let ip: IpAddr = options
            .host
            .as_deref()
            .unwrap_or("127.0.0.1")
            .parse()
            .map_err(|e| invalid(format!("host: {e}")))?;
        let fixtures = match options.fixtures_json {
            Some(text) => Fixtures::from_json(&text).map_err(invalid)?,
            None => Fixtures::default(),
        };
        let config = MockConfig {
            addr: SocketAddr::new(ip, options.port.unwrap_or(0)),
            fixtures,
            static_mode: options.static_mode.unwrap_or(false),
            webhook: options.webhook_url.map(|url| WebhookTarget {
                url,
                secret: options.webhook_secret.unwrap_or_default(),
            }),
            ..MockConfig::default()
        };
        let server = MockServer::start_with(config).map_err(|e| {
            Error::new(
                Status::GenericFailure,
                format!("cannot start the local server: {e}"),
            )
        })?;
        Ok(NativeMockServer {
            url: server.url().to_owned(),
            server: Mutex::new(Some(server)),
        })
    }

    /// The base URL.
    #[napi(getter)]
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The journal of received requests, as JSON text.
    #[napi]
    pub fn requests(&self) -> napi::Result<String> {
        self.with(|s| serde_json::to_string(&s.requests()).unwrap_or_default())
    }

    /// The stored messages, as JSON text.
    #[napi]
    pub fn messages(&self) -> napi::Result<String> {
        self.with(|s| serde_json::to_string(&s.messages()).unwrap_or_default())
    }

    /// Sends webhooks to `url` signed with `secret` from now on (no url: stop).
    #[napi]
    pub fn set_webhook(&self, url: Option<String>, secret: Option<String>) -> napi::Result<()> {
        let target = url.map(|url| WebhookTarget {
            url,
            secret: secret.unwrap_or_default(),
        });
        self.with(|s| s.set_webhook(target))
    }

    /// Totals of requests received and messages stored, as JSON text.
    #[napi]
    pub fn stats(&self) -> napi::Result<String> {
        self.with(|s| serde_json::to_string(&s.stats()).unwrap_or_default())
    }

    /// Every webhook delivery attempt, as JSON text.
    #[napi]
    pub fn webhooks(&self) -> napi::Result<String> {
        self.with(|s| serde_json::to_string(&s.webhooks()).unwrap_or_default())
    }

    /// Stores a message from the case's contact (sending `case:message:new`); the stored
    /// message as JSON text.
    #[napi]
    pub fn contact_message(&self, case_id: i64, text: String) -> napi::Result<String> {
        self.with(|s| s.contact_message(case_id, &text))?
            .map(|m| m.to_string())
            .map_err(invalid)
    }

    /// Sets a case's status (sending `case:status`); the case as JSON text.
    #[napi]
    pub fn set_case_status(&self, case_id: i64, status: String) -> napi::Result<String> {
        self.with(|s| s.set_case_status(case_id, &status))?
            .map(|c| c.to_string())
            .map_err(invalid)
    }

    /// Adds a contact (`{"fields": {…}}` as JSON text); the contact as JSON text.
    #[napi]
    pub fn add_contact(&self, contact_json: String) -> napi::Result<String> {
        let contact: serde_json::Value =
            serde_json::from_str(&contact_json).map_err(|e| invalid(e.to_string()))?;
        self.with(|s| s.add_contact(&contact))?
            .map(|c| c.to_string())
            .map_err(invalid)
    }

    /// Adds `count` cases with `status` for a contact; their ids.
    #[napi]
    pub fn add_cases(&self, contact_id: i64, status: String, count: u32) -> napi::Result<Vec<i64>> {
        self.with(|s| s.add_cases(contact_id, &status, u64::from(count)))?
            .map_err(invalid)
    }

    /// Queues scripted steps given as JSON text (one object or an array).
    #[napi]
    pub fn script(&self, steps_json: String) -> napi::Result<()> {
        let steps = Step::parse_many(steps_json.as_bytes())
            .map_err(|e| invalid(format!("invalid script: {e}")))?;
        self.with(|s| s.script(steps))
    }

    /// Clears journal and script and restores the fixtures.
    #[napi]
    pub fn reset(&self) -> napi::Result<()> {
        self.with(MockServer::reset)
    }

    /// Stops the server (idempotent).
    #[napi]
    pub fn stop(&self) {
        let server = acquire_core::internal::lock(&self.server).take();
        if let Some(server) = server {
            server.stop();
        }
    }
}
