//! The flags of `acquire send` (one message, a customer, a batch) and `acquire request`.

use std::path::PathBuf;

use clap::Args;

use crate::args::read::key_value;
use crate::args::{Connection, TypeArg};

pub(super) const SEND_EXAMPLES: &str = "\
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

pub(super) const RAW_EXAMPLES: &str = "\
Examples:
  acquire request GET /crm/objects/case/28 --query relations=messages
  acquire request POST /crm/objects/contact --body '{\"fields\": {\"email\": \"new@example.com\"}}'";
