//! The flags of `acquire contacts`, `acquire cases` and `acquire messages`.

use clap::{Args, Subcommand};

use crate::args::{OrderArg, Output, TypeArg};

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

pub(super) fn key_value(text: &str) -> Result<(String, String), String> {
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
