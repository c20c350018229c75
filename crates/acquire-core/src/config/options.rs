//! The timeouts and retries of a call: the client's [`Settings`] and the per-call
//! [`RequestOptions`] that overlay them.

use std::time::Duration;

use crate::Error;

/// How long and how often one send may try. The client holds defaults; [`RequestOptions`]
/// overrides them for one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Settings {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub total_timeout: Duration,
    pub max_retries: u32,
    pub retry_possibly_delivered: bool,
    pub settle_uncertain: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(5),
            total_timeout: Duration::from_secs(120),
            max_retries: 2,
            retry_possibly_delivered: false,
            settle_uncertain: false,
        }
    }
}

/// The most retries a client or call may ask for.
const MAX_RETRIES_LIMIT: u32 = 10;

impl Settings {
    pub(super) fn validate(&self) -> Result<(), Error> {
        for (field, value) in [
            ("timeout", self.timeout),
            ("connectTimeout", self.connect_timeout),
            ("totalTimeout", self.total_timeout),
        ] {
            if value.is_zero() {
                return Err(Error::invalid_config(field, "must be greater than zero"));
            }
        }
        if self.max_retries > MAX_RETRIES_LIMIT {
            return Err(Error::invalid_config(
                "maxRetries",
                format!("must be at most {MAX_RETRIES_LIMIT}"),
            ));
        }
        Ok(())
    }

    /// These settings with the values set in `options` replacing them.
    pub(super) fn overlay(mut self, options: &RequestOptions) -> Settings {
        self.timeout = options.timeout.unwrap_or(self.timeout);
        self.connect_timeout = options.connect_timeout.unwrap_or(self.connect_timeout);
        self.total_timeout = options.total_timeout.unwrap_or(self.total_timeout);
        self.max_retries = options.max_retries.unwrap_or(self.max_retries);
        self.retry_possibly_delivered = options
            .retry_possibly_delivered
            .unwrap_or(self.retry_possibly_delivered);
        self.settle_uncertain = options.settle_uncertain.unwrap_or(self.settle_uncertain);
        self
    }

    /// The settings for one call: these, overridden by `options`, checked.
    pub(crate) fn with(self, options: &RequestOptions) -> Result<Settings, Error> {
        let settings = self.overlay(options);
        settings.validate()?;
        Ok(settings)
    }
}

/// Per-call overrides of the client's timeouts and retries; unset fields keep the
/// client's values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestOptions {
    /// Time allowed for each phase after connecting (sending, awaiting the response,
    /// reading the body).
    pub timeout: Option<Duration>,
    /// Time allowed to connect (DNS, TCP, TLS).
    pub connect_timeout: Option<Duration>,
    /// Deadline for the whole call, retries and back-off included.
    pub total_timeout: Option<Duration>,
    /// How many times a failed attempt may be retried.
    pub max_retries: Option<u32>,
    /// Also retry failures after which the message may have been delivered.
    pub retry_possibly_delivered: Option<bool>,
    /// Settle a send that failed "may have been delivered" by reading the case back (see
    /// [`Client::settle`](crate::Client::settle)).
    pub settle_uncertain: Option<bool>,
}

impl RequestOptions {
    /// A duration given in seconds by a front end (Python floats, CLI flags): negative,
    /// NaN or infinite values are `InvalidConfig` naming `field`.
    pub fn seconds(field: &str, value: Option<f64>) -> Result<Option<Duration>, Error> {
        value
            .map(|s| {
                Duration::try_from_secs_f64(s).map_err(|_| {
                    Error::invalid_config(field, "must be a positive number of seconds")
                })
            })
            .transpose()
    }

    /// A retry count given by a front end as any integer: negative is `InvalidConfig`
    /// naming `maxRetries` (too many is refused when the options are applied).
    pub fn retries(value: Option<i64>) -> Result<Option<u32>, Error> {
        value
            .map(|n| {
                u32::try_from(n)
                    .map_err(|_| Error::invalid_config("maxRetries", "must not be negative"))
            })
            .transpose()
    }

    /// A duration given in milliseconds by a front end (Node numbers), checked as
    /// [`RequestOptions::seconds`] does.
    pub fn millis(field: &str, value: Option<f64>) -> Result<Option<Duration>, Error> {
        value
            .map(|ms| {
                Duration::try_from_secs_f64(ms / 1000.0).map_err(|_| {
                    Error::invalid_config(field, "must be a positive number of milliseconds")
                })
            })
            .transpose()
    }
}
