//! The command line, as clap parses it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use acquire_core::MessageType;
use acquire_mock::{Fixtures, MockConfig, WebhookTarget};
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

/// `acquire contacts …`.
#[derive(Debug, Subcommand)]
pub enum ContactsCommand {
    /// Contacts whose e-mail address is exactly this one (several contacts can share one).
    #[command(after_help = "Example:\n  acquire contacts find-by-email ann@example.com")]
    FindByEmail {
        /// The e-mail address.
        email: String,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// Contacts whose name, e-mail, phone or other field matches the text, a page at a time.
    #[command(after_help = "Example:\n  acquire contacts search ann --limit 20")]
    Search {
        /// The text to look for.
        text: String,
        /// Contacts per request (1-1000).
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// One contact with its cases.
    Get {
        /// The contact id.
        contact_id: i64,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// Every contact, a page at a time.
    List {
        /// Contacts per request (1-1000).
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// Create a contact (Acquire allows duplicate e-mail addresses: look first with
    /// find-by-email).
    #[command(
        after_help = "Example:\n  acquire contacts create --email new@example.com --name \"New Customer\" --field plan=pro"
    )]
    Create {
        /// The contact's fields.
        #[command(flatten)]
        fields: ContactFields,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// Change a contact: the given fields are merged into its fields.
    #[command(
        after_help = "Example:\n  acquire contacts update 5 --phone \"+1 415 555 0199\" --field plan=gold"
    )]
    Update {
        /// The contact id.
        contact_id: i64,
        /// The fields to change.
        #[command(flatten)]
        fields: ContactFields,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
}

/// The fields of `acquire contacts create` and `acquire contacts update`.
#[derive(Debug, Args)]
pub struct ContactFields {
    /// The e-mail address.
    #[arg(long)]
    pub email: Option<String>,
    /// The name.
    #[arg(long)]
    pub name: Option<String>,
    /// The phone number.
    #[arg(long)]
    pub phone: Option<String>,
    /// Another field, KEY=VALUE (repeat for several).
    #[arg(long = "field", value_name = "KEY=VALUE", value_parser = key_value)]
    pub fields: Vec<(String, String)>,
}

fn key_value(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .ok_or_else(|| format!("`{text}` is not KEY=VALUE"))
}

/// `acquire cases …`.
#[derive(Debug, Subcommand)]
pub enum CasesCommand {
    /// The case to write into for a customer: their active case, else a reopened one, else
    /// (with --create) a new one.
    #[command(
        after_help = "Examples:\n  acquire cases find --email ann@example.com\n  acquire cases find --email new@example.com --create"
    )]
    Find {
        /// The customer's e-mail address.
        #[arg(
            long,
            value_name = "EMAIL",
            required_unless_present = "contact_id",
            conflicts_with = "contact_id"
        )]
        email: Option<String>,
        /// The customer's contact id.
        #[arg(long, value_name = "ID")]
        contact_id: Option<i64>,
        /// Create the contact and a case when there are none.
        #[arg(long)]
        create: bool,
        /// Do not reopen the latest case when none is active.
        #[arg(long)]
        no_reopen: bool,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// Cases, filtered, a page (one request) at a time.
    #[command(
        after_help = "Examples:\n  acquire cases list --contact-id 5 --status active\n  acquire cases list --where 'channel|eq|chat' --json"
    )]
    List {
        /// Only this contact's cases.
        #[arg(long, value_name = "ID")]
        contact_id: Option<i64>,
        /// Only cases with this status (active, closed, …).
        #[arg(long)]
        status: Option<String>,
        /// A condition `column|operator|value` (repeat for several).
        #[arg(long = "where", value_name = "CONDITION")]
        conditions: Vec<String>,
        /// Only these columns (repeat for several).
        #[arg(long, value_name = "COLUMN")]
        select: Vec<String>,
        /// Related objects to include with each case: contact, users, messages, … (repeat
        /// for several).
        #[arg(long, value_name = "RELATION")]
        relations: Vec<String>,
        /// Cases per request (1-1000).
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// One case with its contact.
    Get {
        /// The case id.
        case_id: i64,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// Open a case for a contact: a new one, or with --thread-id a reopened conversation.
    #[command(
        after_help = "Example:\n  acquire cases open --contact-id 6 --thread-id 30 --message \"We are back\""
    )]
    Open {
        /// The contact id.
        #[arg(long, value_name = "ID")]
        contact_id: i64,
        /// Continue this thread (the threadId of the contact's earlier case).
        #[arg(long, value_name = "ID")]
        thread_id: Option<i64>,
        /// A first message for the case.
        #[arg(long, value_name = "TEXT")]
        message: Option<String>,
        /// The case title.
        #[arg(long)]
        title: Option<String>,
        /// The channel (default chat).
        #[arg(long)]
        channel: Option<String>,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// Close a case.
    Close {
        /// The case id.
        case_id: i64,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// Invite agents or departments into a case: each is notified and can join it.
    #[command(
        after_help = "Examples:\n  acquire cases invite 28 --agent 11\n  acquire cases invite 28 --agent 1 --department 2"
    )]
    Invite {
        /// The case id.
        case_id: i64,
        /// An agent to invite (repeat for several).
        #[arg(
            long = "agent",
            value_name = "AGENT_ID",
            required_unless_present = "department_ids"
        )]
        agent_ids: Vec<i64>,
        /// A department whose agents to invite (repeat for several).
        #[arg(long = "department", value_name = "DEPARTMENT_ID")]
        department_ids: Vec<i64>,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// Snooze a case: out of the active view until a time.
    #[command(
        after_help = "Examples:\n  acquire cases snooze 28 --until '2026-12-08 09:00:00'\n  acquire cases snooze 28 --until 2026-12-08T09:00:00+01:00 --message 'after the audit'"
    )]
    Snooze {
        /// The case id.
        case_id: i64,
        /// When the snooze ends: `YYYY-MM-DD HH:MM:SS` (UTC) or RFC 3339 with an offset.
        #[arg(long, value_name = "TIME")]
        until: String,
        /// A note kept with the snooze.
        #[arg(long)]
        message: Option<String>,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
}

/// `acquire messages …`.
#[derive(Debug, Subcommand)]
pub enum MessagesCommand {
    /// One stored message.
    Get {
        /// The message id.
        message_id: i64,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// Whether a send that may have been delivered is stored: reads the case back and
    /// prints delivered (with the message), not_delivered or unknown (exit 0, 9, 10).
    #[command(
        after_help = "Example:\n  acquire messages settle --case-id 28 --since 2026-12-03T09:00:00Z \"Your order shipped\""
    )]
    Settle {
        /// The text that was sent.
        message: String,
        /// The case it was sent into.
        #[arg(long, value_name = "ID")]
        case_id: i64,
        /// When the send began (RFC 3339, such as 2026-12-03T09:00:00Z).
        #[arg(long, value_name = "TIME")]
        since: String,
        /// The kind of entry that was sent.
        #[arg(long = "type", value_enum, default_value = "message")]
        message_type: TypeArg,
        /// It was sent as this contact.
        #[arg(long, value_name = "CONTACT_ID")]
        as_contact: Option<i64>,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// Correct a sent message: its new text (and type, translation).
    #[command(
        after_help = "Example:\n  acquire messages update 329 --message \"Your order ships on Tuesday\""
    )]
    Update {
        /// The message id.
        message_id: i64,
        /// The new text.
        #[arg(long, value_name = "TEXT")]
        message: String,
        /// The kind of entry.
        #[arg(long = "type", value_enum, default_value = "message")]
        message_type: TypeArg,
        /// Ask Acquire to translate the new text into this language.
        #[arg(long, visible_alias = "translate", value_name = "LANG")]
        translate_lang_key: Option<String>,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// Delete a message (it cannot be undone).
    #[command(after_help = "Example:\n  acquire messages delete 329")]
    Delete {
        /// The message id.
        message_id: i64,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// Every message of a conversation (a case), newest first (--order oldest: a transcript).
    #[command(
        after_help = "Examples:\n  acquire messages list --case-id 28\n  acquire messages list --case-id 28 --order oldest --json"
    )]
    List {
        /// The case (conversation) id.
        #[arg(long, value_name = "ID")]
        case_id: i64,
        /// Which end to start from.
        #[arg(long, value_enum, default_value = "newest")]
        order: OrderArg,
        /// At most this many messages.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
    /// The cases of a thread, each with its last message.
    Thread {
        /// The thread id.
        #[arg(long, value_name = "ID")]
        thread_id: i64,
        /// The contact id.
        #[arg(long, value_name = "ID")]
        contact_id: i64,
        /// Output and connection.
        #[command(flatten)]
        output: Output,
    },
}

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

const SEND_EXAMPLES: &str = "\
Configuration comes from the flags or ACQUIRE_API_KEY, ACQUIRE_ACCOUNT_ID, ACQUIRE_BASE_URL.

Examples:
  acquire send --case-id 28 \"Hello!\"
  acquire send --case-id 28 --type note --translate-lang-key fr \"VIP customer\"
  acquire send --case-id 28 --as-contact 5 \"Hi, it's me\"
  echo \"From a pipe\" | acquire send --case-id 28 -
  acquire send --base-url http://127.0.0.1:8080 --api-key mock-key --case-id 28 --json \"Hi\"
  acquire send --batch outbox.jsonl --concurrency 16
  acquire send --to ann@example.com \"Your order shipped\"
  acquire send --to new@example.com --create \"Welcome!\"

A batch file has one JSON object per line with the fields of a single send:
  {\"case_id\": 28, \"message\": \"Hi\", \"type\": \"note\", \"translate_lang_key\": \"fr\",
   \"channel\": \"chat\", \"as_contact_id\": 5, \"extra\": {}}
(camelCase names work too). Blank lines are skipped; a bad line is reported with its number
and the others are still sent. With --json, one result per line in input order.
With --journal FILE a batch survives a crash or a signal: run it again with the same file to
send the rest, without sending anything twice. On SIGINT/SIGTERM a batch stops taking new
lines, lets sends under way finish, prints its summary and exits 130/143; a second signal
exits at once (the journal stays consistent).";

const MOCK_EXAMPLES: &str = "\
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

/// Arguments of `acquire send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// The message text, or `-` to read it from standard input.
    #[arg(value_name = "MESSAGE", required_unless_present = "batch")]
    pub message: Option<String>,
    /// The conversation (case) id.
    #[arg(long, value_name = "ID", required_unless_present_any = ["batch", "to", "contact_id"])]
    pub case_id: Option<i64>,
    /// Send to the customer with this e-mail address: into their active case, else a
    /// reopened one (no case id needed).
    #[arg(long, value_name = "EMAIL", conflicts_with_all = ["case_id", "batch", "contact_id"])]
    pub to: Option<String>,
    /// Send to the customer with this contact id, as --to does.
    #[arg(long, value_name = "ID", conflicts_with_all = ["case_id", "batch"])]
    pub contact_id: Option<i64>,
    /// With --to/--contact-id: create the contact and a case when there are none.
    #[arg(long)]
    pub create: bool,
    /// With --to/--contact-id: do not reopen the latest case when none is active.
    #[arg(long)]
    pub no_reopen: bool,
    /// Send every message of a JSON Lines file (`-`: standard input) instead of one.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["message", "case_id", "as_contact", "translate_lang_key", "channel", "extra"])]
    pub batch: Option<PathBuf>,
    /// With --batch: record each item durably in this file, so that running the same
    /// batch again with it skips what was stored, settles what may have been, and sends
    /// only the rest.
    #[arg(long, value_name = "FILE", requires = "batch")]
    pub journal: Option<PathBuf>,
    /// How many messages of a batch are sent at once.
    #[arg(long, value_name = "N", default_value_t = acquire_core::DEFAULT_BATCH_CONCURRENCY as u16, requires = "batch", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub concurrency: u16,
    /// The kind of entry.
    #[arg(long = "type", value_enum, default_value = "message")]
    pub message_type: TypeArg,
    /// Ask Acquire to translate the message into this language (en, fr, pt-BR, …).
    #[arg(long, visible_alias = "translate", value_name = "LANG")]
    pub translate_lang_key: Option<String>,
    /// Send as the customer with this contact id instead of as the agent.
    #[arg(long, value_name = "CONTACT_ID")]
    pub as_contact: Option<i64>,
    /// The channel: `chat` (default), `email` (into an e-mail case, from ACQUIRE_MAIL_FROM) or
    /// `sms` (into an SMS case, from ACQUIRE_SMS_FROM). With --to, the case's channel.
    #[arg(long)]
    pub channel: Option<String>,
    /// Extra fields of the API's message object, as a JSON object.
    #[arg(long, value_name = "JSON")]
    pub extra: Option<String>,
    /// An e-mail's subject (default: the case's title).
    #[arg(long, conflicts_with = "batch")]
    pub subject: Option<String>,
    /// An e-mail's HTML body (default: the message, escaped).
    #[arg(long, value_name = "HTML", conflicts_with = "batch")]
    pub html_body: Option<String>,
    /// An e-mail's recipient (default: the customer's address; repeat for several).
    #[arg(long, value_name = "ADDRESS", conflicts_with = "batch")]
    pub mail_to: Vec<String>,
    /// Copy an e-mail to this address (repeat for several).
    #[arg(long, value_name = "ADDRESS", conflicts_with = "batch")]
    pub cc: Vec<String>,
    /// Blind-copy an e-mail to this address (repeat for several).
    #[arg(long, value_name = "ADDRESS", conflicts_with = "batch")]
    pub bcc: Vec<String>,
    /// Print the API's JSON response exactly as received (with --batch: one JSON result
    /// per line, in input order).
    #[arg(long)]
    pub json: bool,
    /// Where to connect.
    #[command(flatten)]
    pub connection: Connection,
}

/// Arguments of `acquire request`.
#[derive(Debug, Args)]
pub struct RawArgs {
    /// GET, POST, PUT or DELETE.
    pub method: String,
    /// The path below /api/v1, such as /crm/objects/case/28.
    pub path: String,
    /// A query parameter NAME=VALUE (repeat for several).
    #[arg(long = "query", value_name = "NAME=VALUE", value_parser = key_value)]
    pub query: Vec<(String, String)>,
    /// The JSON body (POST, PUT).
    #[arg(long, value_name = "JSON")]
    pub body: Option<String>,
    /// The request is safe to repeat: retry every retryable failure (a write is otherwise
    /// retried only when it surely did not reach Acquire).
    #[arg(long)]
    pub idempotent: bool,
    /// Where to connect.
    #[command(flatten)]
    pub connection: Connection,
}

const RAW_EXAMPLES: &str = "\
Examples:
  acquire request GET /crm/objects/case/28 --query relations=messages
  acquire request POST /crm/objects/contact --body '{\"fields\": {\"email\": \"new@example.com\"}}'";

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

fn load_fixtures(path: &str) -> Result<Fixtures, String> {
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
