//! Building a client: [`ClientBuilder`] (setters and the environment) and its plain-data
//! form [`ClientConfig`], checked once in [`ClientBuilder::build`].

use std::time::Duration;

use super::options::{RequestOptions, Settings};
use super::target::{Target, account_base_url, validate_base_url};
use crate::{ApiKey, Client, Error, EventHook};

/// A client's whole configuration as plain values, for front ends that take options as
/// data (the Python and Node packages, the CLI): each unset field comes from the
/// environment (`ACQUIRE_*`), then the default, exactly as with [`ClientBuilder::from_env`].
///
/// ```
/// use acquire_core::{ClientConfig, RequestOptions};
///
/// let client = ClientConfig {
///     api_key: Some("mock-key".into()),
///     base_url: Some("http://127.0.0.1:8080".into()),
///     options: RequestOptions { max_retries: Some(0), ..RequestOptions::default() },
///     ..ClientConfig::default()
/// }
/// .build()?;
/// assert_eq!(client.base_url(), "http://127.0.0.1:8080");
/// # Ok::<(), acquire_core::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ClientConfig {
    /// The API key (else `ACQUIRE_API_KEY`).
    pub api_key: Option<ApiKey>,
    /// The account id, as in `https://{id}.acquire.io` (else `ACQUIRE_ACCOUNT_ID`).
    pub account_id: Option<String>,
    /// A base URL instead of the account's host (else `ACQUIRE_BASE_URL`).
    pub base_url: Option<String>,
    /// `name/version` of the application, appended to the `User-Agent`.
    pub app_info: Option<String>,
    /// See [`ClientBuilder::max_concurrency`] (default [`DEFAULT_MAX_CONCURRENCY`]).
    pub max_concurrency: Option<usize>,
    /// The client's timeouts and retries (unset: the defaults).
    pub options: RequestOptions,
    /// See [`ClientBuilder::on_event`].
    pub on_event: Option<EventHook>,
    /// See [`ClientBuilder::mail_from`] (else `ACQUIRE_MAIL_FROM`).
    pub mail_from: Option<String>,
    /// See [`ClientBuilder::sms_from`] (else `ACQUIRE_SMS_FROM`).
    pub sms_from: Option<String>,
}

impl ClientConfig {
    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let mut builder = ClientBuilder::from_env().options(&self.options);
        if let Some(key) = self.api_key {
            builder = builder.api_key(key);
        }
        if let Some(account) = self.account_id {
            builder = builder.account_id(account);
        }
        if let Some(url) = self.base_url {
            builder = builder.base_url(url);
        }
        if let Some(app) = self.app_info {
            builder = builder.app_info(app);
        }
        if let Some(max) = self.max_concurrency {
            builder = builder.max_concurrency(max);
        }
        if let Some(from) = self.mail_from {
            builder = builder.mail_from(from);
        }
        if let Some(from) = self.sms_from {
            builder = builder.sms_from(from);
        }
        builder.on_event = self.on_event;
        builder.build()
    }
}

/// Builds a [`Client`]. Start from [`Client::builder`] (nothing set) or
/// [`ClientBuilder::from_env`] (`ACQUIRE_API_KEY`, `ACQUIRE_ACCOUNT_ID`,
/// `ACQUIRE_BASE_URL`); explicit setters override what the environment gave.
#[derive(Debug, Clone, Default)]
pub struct ClientBuilder {
    api_key: Option<ApiKey>,
    target: Option<Target>,
    settings: Settings,
    app_info: Option<String>,
    max_concurrency: Option<usize>,
    on_event: Option<EventHook>,
    log_bodies: bool,
    senders: Senders,
}

/// Who e-mail and SMS messages are sent from ([`ClientBuilder::mail_from`],
/// [`ClientBuilder::sms_from`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Senders {
    /// The `from` address of an e-mail.
    pub(crate) mail_from: Option<String>,
    /// The `From` number of an SMS.
    pub(crate) sms_from: Option<String>,
}

/// The default of [`ClientBuilder::max_concurrency`].
pub const DEFAULT_MAX_CONCURRENCY: usize = 64;

/// The largest [`ClientBuilder::max_concurrency`] a client accepts.
const MAX_CONCURRENCY_LIMIT: usize = 1024;

/// Environment variable holding the API key.
pub const ENV_API_KEY: &str = "ACQUIRE_API_KEY";
/// Environment variable holding the account id (the `{id}` of `https://{id}.acquire.io`).
pub const ENV_ACCOUNT_ID: &str = "ACQUIRE_ACCOUNT_ID";
/// Environment variable holding a base URL that replaces the account's host.
pub const ENV_BASE_URL: &str = "ACQUIRE_BASE_URL";
/// Environment variable holding the address e-mail messages are sent from.
pub const ENV_MAIL_FROM: &str = "ACQUIRE_MAIL_FROM";
/// Environment variable holding the number SMS messages are sent from.
pub const ENV_SMS_FROM: &str = "ACQUIRE_SMS_FROM";

impl ClientBuilder {
    /// A builder with nothing set and the default timeouts and retries.
    pub fn new() -> Self {
        ClientBuilder::default()
    }

    /// A builder filled from `ACQUIRE_API_KEY`, `ACQUIRE_ACCOUNT_ID` and
    /// `ACQUIRE_BASE_URL` (the base URL wins when both targets are set), `ACQUIRE_MAIL_FROM`
    /// and `ACQUIRE_SMS_FROM`. Empty variables count as unset.
    pub fn from_env() -> Self {
        let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        let mut builder = ClientBuilder::new();
        if let Some(key) = var(ENV_API_KEY) {
            builder = builder.api_key(key);
        }
        if let Some(account) = var(ENV_ACCOUNT_ID) {
            builder = builder.account_id(account);
        }
        if let Some(url) = var(ENV_BASE_URL) {
            builder = builder.base_url(url);
        }
        builder.senders = Senders {
            mail_from: var(ENV_MAIL_FROM),
            sms_from: var(ENV_SMS_FROM),
        };
        builder
    }

    /// The address e-mail messages are sent from (the `from` of Send Mail Message, an
    /// address of an inbox connected to Acquire): needed to send into an e-mail case.
    pub fn mail_from(mut self, address: impl Into<String>) -> Self {
        self.senders.mail_from = Some(address.into());
        self
    }

    /// The number SMS messages are sent from (the `From` of Send SMS, a number of the
    /// account's): needed to send into an SMS case.
    pub fn sms_from(mut self, number: impl Into<String>) -> Self {
        self.senders.sms_from = Some(number.into());
        self
    }

    /// Sets the API key.
    pub fn api_key(mut self, key: impl Into<ApiKey>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Sends to `https://{account_id}.acquire.io` (replaces any base URL).
    pub fn account_id(mut self, account_id: impl Into<String>) -> Self {
        self.target = Some(Target::AccountId(account_id.into()));
        self
    }

    /// Sends to this base URL instead of the account's host (replaces any account id).
    /// It must be `https://`, or `http://` on a loopback host (the local server).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.target = Some(Target::BaseUrl(base_url.into()));
        self
    }

    /// Time allowed for each phase after connecting: sending the request, awaiting the
    /// response, reading the body. Default 30 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = timeout;
        self
    }

    /// Time allowed to connect (DNS, TCP, TLS). Default 5 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.settings.connect_timeout = timeout;
        self
    }

    /// Deadline for one call, retries and back-off included. Default 120 s.
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.settings.total_timeout = timeout;
        self
    }

    /// How many times a failed attempt may be retried (at most 10). Default 2.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.settings.max_retries = retries;
        self
    }

    /// Also retry failures after which the message may have been delivered (read
    /// timeouts, broken connections after sending, 500/502/504). Off by default, since a
    /// retry can then post the message twice.
    pub fn retry_possibly_delivered(mut self, enabled: bool) -> Self {
        self.settings.retry_possibly_delivered = enabled;
        self
    }

    /// When a send fails with "may have been delivered", read the case back
    /// ([`Client::settle`]) before answering: a stored message is returned as the result,
    /// a message proven absent fails with a definite, safe-to-retry error (or is retried
    /// with `retry_possibly_delivered`), and only an unprovable case stays "may have been
    /// delivered". Off by default: it costs up to three reads after a failure, needs the
    /// key's case read permission, and cannot tell apart two identical texts sent to one
    /// case within [`SETTLE_CLOCK_SKEW`](crate::SETTLE_CLOCK_SKEW).
    pub fn settle_uncertain(mut self, enabled: bool) -> Self {
        self.settings.settle_uncertain = enabled;
        self
    }

    /// Applies every value set in `options` (the same settings as the setters above);
    /// unset ones keep the builder's values.
    pub fn options(mut self, options: &RequestOptions) -> Self {
        self.settings = self.settings.overlay(options);
        self
    }

    /// How many sends may wait on the network at once on the client's own threads (the
    /// Python and Node front ends' async sends, bulk sends), and how many idle keep-alive
    /// connections it keeps. Default 64, at most 1024. Threads start only when sends
    /// overlap and exit after 10 s idle; each costs a 256 KiB stack while it lives.
    /// Blocking [`Client::send_message`] calls run on the caller's thread and are not
    /// counted.
    pub fn max_concurrency(mut self, max: usize) -> Self {
        self.max_concurrency = Some(max);
        self
    }

    /// Calls `hook` with every [`Event`](crate::Event) of every call: each attempt's request
    /// and response, each retry with its delay and reason, and the end of the call. It runs
    /// on the thread doing the call (for bulk, Python and Node sends, the client's own
    /// threads), so keep it quick; a panic in it is caught, reported once on stderr, and
    /// never breaks a call. Events carry no key, text or body (bodies only with
    /// [`log_bodies`](Self::log_bodies)).
    pub fn on_event(mut self, hook: impl Fn(&crate::Event) + Send + Sync + 'static) -> Self {
        self.on_event = Some(EventHook::new(hook));
        self
    }

    /// Also gives the [`on_event`](Self::on_event) hook each request and response body, cut
    /// to [`BODY_EXCERPT_BYTES`](crate::BODY_EXCERPT_BYTES) (default off: bodies hold
    /// messages' text and customers' data). Never the key; `tracing` spans never get them.
    pub fn log_bodies(mut self, bodies: bool) -> Self {
        self.log_bodies = bodies;
        self
    }

    /// Appends `name/version` of your application to the `User-Agent`.
    pub fn app_info(mut self, app: impl Into<String>) -> Self {
        self.app_info = Some(app.into());
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let api_key = self.api_key.ok_or_else(|| {
            Error::invalid_config(
                "apiKey",
                format!("is required: pass it or set {ENV_API_KEY}"),
            )
        })?;
        validate_api_key(&api_key)?;
        let base_url = match self.target {
            Some(Target::AccountId(id)) => account_base_url(&id)?,
            Some(Target::BaseUrl(url)) => validate_base_url(&url)?,
            None => {
                return Err(Error::invalid_config(
                    "accountId",
                    format!("is required: pass an account id or base URL, or set {ENV_ACCOUNT_ID}"),
                ));
            }
        };
        self.settings.validate()?;
        let max_concurrency = self.max_concurrency.unwrap_or(DEFAULT_MAX_CONCURRENCY);
        if !(1..=MAX_CONCURRENCY_LIMIT).contains(&max_concurrency) {
            return Err(Error::invalid_config(
                "maxConcurrency",
                format!("must be from 1 to {MAX_CONCURRENCY_LIMIT}"),
            ));
        }
        if let Some(app) = &self.app_info
            && (app.is_empty() || !app.bytes().all(|b| b.is_ascii_graphic() || b == b' '))
        {
            return Err(Error::invalid_config(
                "appInfo",
                "must be printable ASCII such as `myapp/1.2`",
            ));
        }
        for (field, value) in [
            ("mailFrom", &self.senders.mail_from),
            ("smsFrom", &self.senders.sms_from),
        ] {
            if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(Error::invalid_config(field, "must not be empty"));
            }
        }
        Ok(Client::new(
            api_key,
            base_url,
            self.settings,
            self.app_info.as_deref(),
            max_concurrency,
            match self.on_event {
                Some(hook) if self.log_bodies => Some(hook.with_bodies(true)),
                hook => hook,
            },
            self.senders,
        ))
    }
}

fn validate_api_key(key: &ApiKey) -> Result<(), Error> {
    let key = key.expose();
    if key.is_empty() {
        return Err(Error::invalid_config("apiKey", "must not be empty"));
    }
    if !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::invalid_config(
            "apiKey",
            "must be printable ASCII without spaces (check for a stray newline)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{builder, config_field};

    #[test]
    fn key_and_target_are_required() {
        assert_eq!(
            config_field(ClientBuilder::new().account_id("a").build()),
            "apiKey"
        );
        assert_eq!(config_field(builder().build()), "accountId");
        let err = ClientBuilder::new().api_key("k\n").account_id("a").build();
        assert_eq!(config_field(err), "apiKey");
    }

    #[test]
    fn settings_are_checked() {
        let b = builder().account_id("a");
        assert_eq!(
            config_field(b.clone().timeout(Duration::ZERO).build()),
            "timeout"
        );
        assert_eq!(
            config_field(b.clone().max_retries(11).build()),
            "maxRetries"
        );
        for bad in [0, 1025] {
            let built = b.clone().max_concurrency(bad).build();
            assert_eq!(config_field(built), "maxConcurrency");
        }
        assert_eq!(b.max_concurrency(3).build().unwrap().max_concurrency(), 3);
    }
}
