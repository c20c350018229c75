//! The command line, as clap parses it: the command, its connection and output flags;
//! each command group's flags in its own file.

mod read;
mod send;
mod tools;

pub use read::{CasesCommand, ContactFields, ContactsCommand, MessagesCommand};
pub use send::{RawArgs, SendArgs};
pub use tools::{MockArgs, TriggerArgs, VerifyArgs, WebhooksCommand};

use send::{RAW_EXAMPLES, SEND_EXAMPLES};
use tools::MOCK_EXAMPLES;

use acquire_core::MessageType;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Send messages into Acquire (acquire.io) conversations.
#[derive(Debug, Parser)]
#[command(name = "acquire", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

const EXIT_CODES: &str = "\
Exit codes: 0 sent; 2 usage error; 3 invalid input or configuration (nothing sent);
4 the API rejected the request (4xx); 5 server error (5xx); 6 network error or timeout;
7 sent, but the answer could not be read; 8 some messages of a batch failed;
9 settle: not delivered; 10 settle: unknown; 11 a batch's journal is in use by another run;
130/143 a batch stopped by SIGINT/SIGTERM.";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Send a message into a conversation (case).
    #[command(after_help = SEND_EXAMPLES)]
    Send(Box<SendArgs>),
    /// Run the local Acquire-compatible server (prints its base URL first).
    #[command(after_help = MOCK_EXAMPLES)]
    Mock(MockArgs),
    /// Send a signed sample webhook to your endpoint, or check a delivery's signature.
    #[command(subcommand)]
    Webhooks(WebhooksCommand),
    /// Find and read contacts (customers).
    #[command(subcommand)]
    Contacts(ContactsCommand),
    /// List, read, open (create or reopen) and close cases (conversations).
    #[command(subcommand)]
    Cases(CasesCommand),
    /// Read stored messages and conversation threads.
    #[command(subcommand)]
    Messages(MessagesCommand),
    /// Send a request the SDK does not model yet (any method and path below /api/v1) with
    /// the usual key, retries and errors; prints the JSON answer.
    #[command(after_help = RAW_EXAMPLES)]
    Request(RawArgs),
}

/// Where to connect and how long to try: the flags every API command takes (the per-call
/// options of the other front ends, and the client's settings).
#[derive(Debug, Args)]
pub struct Connection {
    /// Seconds allowed for each phase after connecting (default 30).
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Seconds allowed to connect (default 5).
    #[arg(long, value_name = "SECONDS")]
    pub connect_timeout: Option<f64>,
    /// Seconds for the whole call, retries and back-off included (default 120).
    #[arg(long, value_name = "SECONDS")]
    pub total_timeout: Option<f64>,
    /// How many times a failed attempt may be retried (default 2).
    #[arg(long, value_name = "N")]
    pub retries: Option<u32>,
    /// Also retry failures after which the message (or change) may have been made.
    #[arg(long)]
    pub retry_possibly_delivered: bool,
    /// When a send may have been delivered, read the case back: report the stored
    /// message, or resend what is proven absent (within --retries).
    #[arg(long)]
    pub settle: bool,
    /// The API key (default: $ACQUIRE_API_KEY). Prefer the variable: flags show in `ps`.
    #[arg(long, value_name = "KEY")]
    pub api_key: Option<String>,
    /// The account id, as in https://{id}.acquire.io (default: $ACQUIRE_ACCOUNT_ID).
    #[arg(long, value_name = "ID")]
    pub account_id: Option<String>,
    /// A base URL instead of the account's host (default: $ACQUIRE_BASE_URL).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// -v: one line per attempt, retry and call on stderr; -vv: each request too. Never the
    /// key, a message's text or a body.
    #[arg(short, long, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

/// Output flags of the read commands.
#[derive(Debug, Args)]
pub struct Output {
    /// Print JSON instead of a table: one object per line for lists.
    #[arg(long)]
    pub json: bool,
    /// Where to connect.
    #[command(flatten)]
    pub connection: Connection,
}

/// The kind of entry, as typed on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TypeArg {
    /// A chat message the customer sees.
    Message,
    /// An internal note only agents see.
    Note,
    /// A timeline event.
    Event,
}

impl TypeArg {
    /// The core's kind of entry.
    pub fn kind(self) -> MessageType {
        match self {
            TypeArg::Message => MessageType::Message,
            TypeArg::Note => MessageType::Note,
            TypeArg::Event => MessageType::Event,
        }
    }

    /// The wire value.
    pub fn as_str(self) -> &'static str {
        self.kind().as_str()
    }
}

/// Which end of a conversation to start from, as typed on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OrderArg {
    /// The newest message first.
    Newest,
    /// The oldest message first (a transcript).
    Oldest,
}

impl OrderArg {
    /// The core's order.
    pub fn order(self) -> acquire_core::MessageOrder {
        match self {
            OrderArg::Newest => acquire_core::MessageOrder::NewestFirst,
            OrderArg::Oldest => acquire_core::MessageOrder::OldestFirst,
        }
    }
}
