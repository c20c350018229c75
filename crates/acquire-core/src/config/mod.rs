//! A client's configuration: the timeouts and retries of a call (`options`), the builder
//! and its plain-data form (`builder`), and where requests go (`target`).

mod builder;
mod options;
mod target;

pub(crate) use builder::Senders;
pub use builder::{
    ClientBuilder, ClientConfig, DEFAULT_MAX_CONCURRENCY, ENV_ACCOUNT_ID, ENV_API_KEY,
    ENV_BASE_URL, ENV_MAIL_FROM, ENV_SMS_FROM,
};
pub use options::RequestOptions;
pub(crate) use options::Settings;
pub(crate) use target::is_loopback_url;
