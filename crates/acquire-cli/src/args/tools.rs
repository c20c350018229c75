//! The flags of `acquire webhooks` and `acquire mock`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use acquire_mock::{Fixtures, MockConfig, WebhookTarget};
use clap::{Args, Subcommand};

/// `acquire webhooks …`.
#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// POST a signed sample event to a local endpoint and print its status.
    #[command(
        after_help = "Example:\n  acquire webhooks trigger case:message:new --url http://127.0.0.1:4000/hooks --secret s3cr3t --text \"Hi!\""
    )]
    Trigger(TriggerArgs),
    /// Check a body (standard input) against its x-acquire-signature and print the event.
    #[command(
        after_help = "Example:\n  acquire webhooks verify --secret s3cr3t --signature 3f1c… < body.json"
    )]
    Verify(VerifyArgs),
}

/// Arguments of `acquire webhooks trigger`.
#[derive(Debug, Args)]
pub struct TriggerArgs {
    /// The event: case:message:new (a customer's message) or case:status.
    pub event: String,
    /// The endpoint to POST to.
    #[arg(long)]
    pub url: String,
    /// The webhook's HMAC key (default: $ACQUIRE_WEBHOOK_SECRET).
    #[arg(long)]
    pub secret: Option<String>,
    /// The case id in the event.
    #[arg(long = "case", value_name = "ID", default_value_t = 28)]
    pub case: i64,
    /// The customer's message text (case:message:new).
    #[arg(long, default_value = "Hi, where is my order?")]
    pub text: String,
    /// The case status in the event.
    #[arg(long, default_value = "active")]
    pub status: String,
}

/// Arguments of `acquire webhooks verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The x-acquire-signature header's value.
    #[arg(long)]
    pub signature: String,
    /// The webhook's HMAC key (default: $ACQUIRE_WEBHOOK_SECRET).
    #[arg(long)]
    pub secret: Option<String>,
}

pub(super) const MOCK_EXAMPLES: &str = "\
The default state has API keys `mock-key` (chat access) and `mock-key-no-chat`; contacts
5 ann@example.com (active case 28, closed case 29), 6 bob@example.com (only the closed
case 30), 7 and 8 sharing sam@example.com, and 9 nia@example.com (no case).

Examples:
  acquire mock --open                # a free port on 127.0.0.1, the inbox in the browser
  acquire mock --port 8080 --static  # fixed port, stateless answers for benchmarks
  acquire mock --host 0.0.0.0 --ui-token s3cr3t  # reachable from other machines
  acquire mock --fixtures my-cases.json
  acquire mock --webhook-url http://127.0.0.1:4000/hooks --webhook-secret s3cr3t
  curl -X POST $URL/__mock/cases/28/contact-message -d '{\"text\": \"Hi, where is my order?\"}'";

/// Arguments of `acquire mock`.
#[derive(Debug, Args)]
pub struct MockArgs {
    /// The address to listen on.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,
    /// The port (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// API keys and cases as JSON, instead of the built-in ones.
    #[arg(long, value_name = "FILE", value_parser = load_fixtures)]
    pub fixtures: Option<Fixtures>,
    /// Answer every valid send with the same message, storing nothing (for benchmarks).
    #[arg(long = "static")]
    pub static_mode: bool,
    /// POST signed webhooks (case:message:new, case:status) to this URL.
    #[arg(long, value_name = "URL", requires = "webhook_secret")]
    pub webhook_url: Option<String>,
    /// The HMAC key that signs those webhooks.
    #[arg(long, value_name = "SECRET", requires = "webhook_url")]
    pub webhook_secret: Option<String>,
    /// How many requests, messages and webhook attempts to keep (the newest).
    #[arg(long, value_name = "N", default_value_t = MockConfig::default().keep)]
    pub keep: usize,
    /// The token the inbox and the control endpoints require (open the inbox with
    /// `/?token=…`); needed with a --host other machines can reach.
    #[arg(long, value_name = "TOKEN")]
    pub ui_token: Option<String>,
    /// Open the inbox in the browser once the server is up.
    #[arg(long)]
    pub open: bool,
}

pub(super) fn load_fixtures(path: &str) -> Result<Fixtures, String> {
    Fixtures::from_file(&PathBuf::from(path))
}

impl MockArgs {
    /// The server configuration these arguments ask for.
    pub fn into_config(self) -> MockConfig {
        MockConfig {
            addr: SocketAddr::new(self.host, self.port),
            fixtures: self.fixtures.unwrap_or_default(),
            static_mode: self.static_mode,
            webhook: self.webhook_url.map(|url| WebhookTarget {
                url,
                secret: self.webhook_secret.unwrap_or_default(),
            }),
            keep: self.keep,
            ui_token: self.ui_token,
        }
    }
}
