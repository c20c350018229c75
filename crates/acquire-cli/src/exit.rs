//! Exit codes and the one-line explanation of each failure.

use acquire_core::Error;

/// Bad command line (clap uses 2 as well).
pub const USAGE: u8 = 2;
/// Invalid input or configuration: nothing was sent.
pub const INVALID: u8 = 3;
/// The API rejected the request (4xx and other non-5xx answers).
pub const API_CLIENT: u8 = 4;
/// Acquire or a proxy failed (5xx).
pub const API_SERVER: u8 = 5;
/// Network failure or timeout.
pub const NETWORK: u8 = 6;
/// The message was sent but the answer could not be read.
pub const DECODE: u8 = 7;
/// Some messages of a batch failed (each is reported).
pub const BATCH_FAILURES: u8 = 8;
/// `messages settle`: the message is not stored.
pub const NOT_DELIVERED: u8 = 9;
/// `messages settle`: the read-back could not tell.
pub const UNKNOWN: u8 = 10;
/// `send --batch --journal`: another run is using the journal; nothing was sent.
pub const JOURNAL_IN_USE: u8 = 11;

/// The exit code for an error.
pub fn code(err: &Error) -> u8 {
    match err {
        Error::InvalidRequest { .. } | Error::InvalidConfig { .. } => INVALID,
        Error::Api(api) if api.status >= 500 => API_SERVER,
        Error::Api(_) => API_CLIENT,
        Error::Transport(_) => NETWORK,
        Error::Decode(_) => DECODE,
        Error::Journal { .. } => INVALID,
        Error::JournalInUse { .. } => JOURNAL_IN_USE,
        // Nothing to write into, as asked: like a 4xx, the request must change.
        _ => API_CLIENT,
    }
}

/// What the user can do about an error.
pub fn hint(err: &Error) -> &'static str {
    match err.code() {
        "invalid_request" => "fix the argument and run again",
        "invalid_config" => {
            "pass --api-key and --account-id (or --base-url), or set ACQUIRE_API_KEY and ACQUIRE_ACCOUNT_ID"
        }
        "unauthorized" => "the API key was rejected — check ACQUIRE_API_KEY or --api-key",
        "forbidden" => "the API key lacks chat permission — use a key that has it",
        "not_found" => "check the account id or base URL",
        "bad_request" => "check the case id, contact id and message",
        "rate_limited" => "wait and try again",
        "server_error" => "Acquire failed; try again later",
        "timeout" => "the server did not answer in time — check the network or raise --timeout",
        "connection" => "check the network and the account id or base URL",
        "decode" => "the answer was not the expected JSON",
        "contact_not_found" => {
            "check the e-mail address or id, or pass --create to add the contact"
        }
        "case_not_found" => "pass --create to open a case for the contact",
        "ambiguous_contact" => "pass --contact with one of the ids above",
        "journal" => "use the journal of this input (or a new file) on a writable disk",
        "journal_in_use" => "wait for the other run to finish (or stop it), then run again",
        "cancelled" => "run the batch again with its --journal to send the rest",
        "unsettled" => "check the conversation before sending it again",
        _ => "see the message above",
    }
}

/// What to do about an error and whether the message may have been delivered, as one
/// line (with the number of attempts when there were several).
pub fn advice(err: &Error) -> String {
    let mut line = format!("{}; {}", hint(err), delivery(err));
    if err.attempts() > 1 {
        line.push_str(&format!(" ({} attempts)", err.attempts()));
    }
    line
}

/// What the user should know about delivery.
pub fn delivery(err: &Error) -> &'static str {
    if matches!(
        err.code(),
        "contact_not_found" | "case_not_found" | "ambiguous_contact" | "journal_in_use"
    ) {
        "nothing was sent"
    } else if err.may_have_been_delivered() {
        "the message may have been delivered: check the conversation before sending again"
    } else {
        "the message was not delivered"
    }
}
