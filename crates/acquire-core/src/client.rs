use std::fmt;
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use ureq::Agent;
use ureq::config::Config;
use ureq::unversioned::resolver::DefaultResolver;
use ureq::unversioned::transport::{Connector, DefaultConnector};

use crate::call::{Call, Method};
use crate::call_scope::CallScope;
use crate::config::{Senders, Settings, is_loopback_url};
use crate::delivery::{self, WriteTracker};
use crate::error::Effect;
use crate::observe::{self, EventHook};
use crate::pool::WorkerPool;
use crate::response::{self, MAX_BODY_BYTES};
use crate::ureq_failure::{self, Limits};
use crate::{
    ApiKey, Cases, ClientBuilder, Contacts, Error, Message, Messages, RequestOptions, SendMessage,
    retry,
};
use serde::de::DeserializeOwned;

/// The path of Send Message below the base URL.
pub const SEND_MESSAGE_PATH: &str = "/api/v1/crm/messenger/chat/add-message";
/// The same path below `/api/v1`.
const SEND_PATH: &str = "/crm/messenger/chat/add-message";

/// A client for the Acquire API.
///
/// Build it once and share it: it is cheap to clone, `Send + Sync`, and all clones use
/// one keep-alive connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// Timeouts and retries of every call (see [`Client::with_options`]).
    settings: Settings,
}

struct Inner {
    agent: Agent,
    base_url: String,
    api_key: ApiKey,
    authorization: String,
    max_concurrency: usize,
    /// Started on first use by [`Client::spawn`].
    pool: OnceLock<WorkerPool>,
    /// The host of `base_url`, for spans.
    server_address: String,
    /// Called with every [`Event`].
    hook: Option<EventHook>,
    /// Who e-mail and SMS messages are sent from.
    senders: Senders,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("api_key", &self.inner.api_key)
            .field("settings", &self.settings)
            .field("max_concurrency", &self.inner.max_concurrency)
            .finish()
    }
}

/// The `User-Agent` sent with every request, with an optional `app_info` suffix.
pub fn user_agent(app_info: Option<&str>) -> String {
    let base = format!(
        "acquire-rs/{} ({}; {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    match app_info {
        Some(app) => format!("{base} {app}"),
        None => base,
    }
}

impl Client {
    /// A builder with nothing set (see [`ClientBuilder`]).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from `ACQUIRE_API_KEY` and `ACQUIRE_ACCOUNT_ID` or
    /// `ACQUIRE_BASE_URL`, with default timeouts and retries.
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env().build()
    }

    pub(crate) fn new(
        api_key: ApiKey,
        base_url: String,
        settings: Settings,
        app_info: Option<&str>,
        max_concurrency: usize,
        hook: Option<EventHook>,
        senders: Senders,
    ) -> Client {
        let mut config = Config::builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(user_agent(app_info))
            // One kept-alive connection per concurrent send, or connections churn.
            .max_idle_connections(max_concurrency)
            .max_idle_connections_per_host(max_concurrency);
        if is_loopback_url(&base_url) {
            // A local server is never behind the proxy of HTTPS_PROXY / ALL_PROXY.
            config = config.proxy(None);
        }
        let config = config.build();
        let connector = DefaultConnector::new().chain(WriteTracker);
        let agent = Agent::with_parts(config, connector, DefaultResolver::default());
        Client {
            inner: Arc::new(Inner {
                agent,
                server_address: observe::server_address(&base_url),
                base_url,
                hook,
                authorization: format!("Bearer {}", api_key.expose()),
                api_key,
                max_concurrency,
                pool: OnceLock::new(),
                senders,
            }),
            settings,
        }
    }

    /// A client whose calls use `options` where they are set and this client's timeouts
    /// and retries elsewhere; it shares this client's connections, threads and hook (a
    /// cheap copy, for one call or a group of calls). An unusable value is
    /// `InvalidConfig` naming the field (`timeout`, `connectTimeout`, `totalTimeout`,
    /// `maxRetries`).
    ///
    /// ```no_run
    /// # use acquire_core::{Client, RequestOptions};
    /// # use std::time::Duration;
    /// # let client = Client::from_env()?;
    /// let patient = client.with_options(&RequestOptions {
    ///     timeout: Some(Duration::from_secs(90)),
    ///     ..RequestOptions::default()
    /// })?;
    /// let contact = patient.contacts().get(5)?;
    /// # Ok::<(), acquire_core::Error>(())
    /// ```
    pub fn with_options(&self, options: &RequestOptions) -> Result<Client, Error> {
        Ok(Client {
            inner: self.inner.clone(),
            settings: self.settings.with(options)?,
        })
    }

    /// The base URL requests go to, such as `https://myco.acquire.io`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The most sends this client runs at once on its own threads (see
    /// [`ClientBuilder::max_concurrency`]).
    pub fn max_concurrency(&self) -> usize {
        self.inner.max_concurrency
    }

    /// Runs `job` on one of the client's own threads and returns at once: for front ends
    /// that must not block their caller (an event loop) nor a pool their host shares. At
    /// most [`Client::max_concurrency`] jobs run at once; more wait in a queue. Threads
    /// start on demand and exit after 10 s idle. A panic inside `job` is caught and
    /// ends only that job, so `job` should catch its own to report them.
    pub fn spawn(&self, job: impl FnOnce() + Send + 'static) {
        self.inner
            .pool
            .get_or_init(|| WorkerPool::new(self.inner.max_concurrency))
            .execute(job);
    }

    /// The contact endpoints: search, list, get, create.
    pub fn contacts(&self) -> Contacts<'_> {
        Contacts { client: self }
    }

    /// The case endpoints: list, get, open (create or reopen), close.
    pub fn cases(&self) -> Cases<'_> {
        Cases { client: self }
    }

    /// The message endpoints: a thread's cases with their last message, one message.
    pub fn messages(&self) -> Messages<'_> {
        Messages { client: self }
    }

    /// Runs a read with the client's settings and decodes its `{"data": T}`.
    pub(crate) fn read<T: DeserializeOwned>(
        &self,
        call: &Call,
        expected: &str,
    ) -> Result<T, Error> {
        self.request(call, &RequestOptions::default(), expected)
    }

    /// Who e-mail and SMS messages are sent from.
    pub(crate) fn senders(&self) -> &Senders {
        &self.inner.senders
    }

    /// Runs `call` with per-call options and decodes its `{"data": T}`.
    pub(crate) fn request<T: DeserializeOwned>(
        &self,
        call: &Call,
        options: &RequestOptions,
        expected: &str,
    ) -> Result<T, Error> {
        self.execute(call, options, |status, bytes| {
            response::decode_data(status, bytes, call.effect, expected).map(|(value, _)| value)
        })
    }

    /// Sends `message` with the client's timeouts and retries.
    pub fn send_message(&self, message: &SendMessage) -> Result<Message, Error> {
        self.send_message_with(message, &RequestOptions::default())
    }

    /// Sends `message` with per-call overrides of timeouts and retries.
    ///
    /// The input is validated first; an invalid message is never sent. A failed attempt
    /// is retried only when it surely did not deliver the message (see the crate docs),
    /// unless `retry_possibly_delivered` is set.
    pub fn send_message_with(
        &self,
        message: &SendMessage,
        options: &RequestOptions,
    ) -> Result<Message, Error> {
        let body = message.to_json()?;
        if let Some(sent) = self.send_on_channel(message, options) {
            return sent;
        }
        let path = format!("{SEND_PATH}?{}", message.query());
        let mut call = Call::post(path, body, Effect::Send);
        call.case_id = Some(message.case_id());
        let settings = self.settings.with(options)?;
        if !settings.settle_uncertain {
            return self.execute(&call, options, response::decode_success);
        }
        self.send_settled(message, &call, &settings, options)
    }

    /// Runs `call` under the client's timeouts and retries (overridden by `options`):
    /// reads are retried on every retryable failure, writes only when they surely did
    /// not reach the server (or with `retry_possibly_delivered`). Returns the 2xx status
    /// and body.
    pub(crate) fn execute<T>(
        &self,
        call: &Call,
        options: &RequestOptions,
        decode: impl FnOnce(u16, Vec<u8>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let settings =
            retry::settings_for(self.settings.with(options)?, call.effect, call.idempotent);
        let url = format!("{}/api/v1{}", self.inner.base_url, call.path);
        let scope = CallScope::open(
            self.inner.hook.as_ref(),
            &self.inner.server_address,
            call.method.as_str(),
            &call.path,
            call.case_id,
        );
        let deadline = Instant::now() + settings.total_timeout;
        let mut attempts = 0;
        let outcome = loop {
            attempts += 1;
            call.attempts.set(attempts);
            scope.request(attempts, call.body.as_deref());
            let began = Instant::now();
            let result = self
                .attempt(call, &url, &settings, deadline)
                .map_err(|err| err.with_effect(call.effect));
            scope.response(attempts, began, &result);
            let mut err = match result {
                Ok((status, bytes)) => {
                    break decode(status, bytes)
                        .map(|decoded| (status, decoded))
                        .map_err(|e| e.with_attempts_of(call));
                }
                Err(err) => err,
            };
            err.set_attempts(attempts);
            match retry::next_wait(&err, &settings, attempts - 1) {
                Some(wait) if Instant::now() + wait < deadline => {
                    scope.retrying(attempts, wait, err.code());
                    thread::sleep(wait);
                }
                _ => break Err(err),
            }
        };
        scope.finish(attempts, &outcome);
        outcome.map(|(_, decoded)| decoded)
    }

    /// One HTTP exchange, its phase timeouts cut to what is left before `deadline`.
    fn attempt(
        &self,
        call: &Call,
        url: &str,
        settings: &Settings,
        deadline: Instant,
    ) -> Result<(u16, Vec<u8>), Error> {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1));
        let limits = Limits {
            connect: settings.connect_timeout.min(left),
            io: settings.timeout.min(left),
        };
        let io = Some(limits.io);
        delivery::begin_attempt();
        let sent = match &call.body {
            Some(body) => match call.method {
                Method::Put => self.inner.agent.put(url),
                _ => self.inner.agent.post(url),
            }
            .header("Authorization", &self.inner.authorization)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .config()
            .timeout_connect(Some(limits.connect))
            .timeout_send_request(io)
            .timeout_send_body(io)
            .timeout_recv_response(io)
            .timeout_recv_body(io)
            .build()
            .send(body.as_bytes()),
            None => match call.method {
                Method::Delete => self.inner.agent.delete(url),
                _ => self.inner.agent.get(url),
            }
            .header("Authorization", &self.inner.authorization)
            .header("Accept", "application/json")
            .config()
            .timeout_connect(Some(limits.connect))
            .timeout_send_request(io)
            .timeout_recv_response(io)
            .timeout_recv_body(io)
            .build()
            .call(),
        };
        let mut response = sent.map_err(|e| ureq_failure::from_ureq(e, limits))?;
        let status = response.status().as_u16();
        if !response.status().is_success() {
            return Err(response::api_error(response, &self.inner.api_key));
        }
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(limit) => response::too_large(status, limit),
                other => ureq_failure::from_ureq(other, limits),
            })?;
        Ok((status, bytes))
    }
}
