//! Settling an uncertain send by reading the case back: Acquire has no idempotency key, so
//! the only way to know whether a send that failed after reaching the server was stored is
//! to look for it.

use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};

use crate::call::Call;
use crate::config::Settings;
use crate::{Case, Client, Error, Message, RequestOptions, SendAs, SendMessage, response, retry};

/// How far the server's clock may be behind ours: a stored message dated up to this long
/// before the attempt began still counts as the attempt's.
pub const SETTLE_CLOCK_SKEW: Duration = Duration::from_secs(120);

/// What reading the case back proved about a send.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Settlement {
    /// The message is stored: here it is, with its id. Do not send it again.
    Delivered(Box<Message>),
    /// The message is not stored: sending it again cannot duplicate it.
    NotDelivered,
    /// The read-back can prove neither; `reason` says why. Sending again may duplicate it.
    Unknown {
        /// Why the evidence is not enough.
        reason: String,
    },
}

impl Settlement {
    /// `delivered`, `not_delivered` or `unknown`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Settlement::Delivered(_) => "delivered",
            Settlement::NotDelivered => "not_delivered",
            Settlement::Unknown { .. } => "unknown",
        }
    }
}

impl Client {
    /// Whether `message`, whose send began at `since` and ended uncertain ("may have been
    /// delivered"), is stored in its case. Reads the case, then the thread listing's last
    /// message of the case, then (when that is a newer, different message) the case's
    /// `messages`. A stored message matches on case, type, text, sender kind (and contact
    /// id) and a creation time no earlier than `since` minus [`SETTLE_CLOCK_SKEW`].
    /// `NotDelivered` is answered only on evidence that excludes delivery: the case does
    /// not exist, has no message, its newest message predates the attempt, or its full
    /// message list (up to that newest message) lacks it. Two sends of the same text to the
    /// same case within the skew cannot be told apart. Read failures are errors.
    pub fn settle(&self, message: &SendMessage, since: SystemTime) -> Result<Settlement, Error> {
        message.validate()?;
        let since = DateTime::<Utc>::from(since) - SETTLE_CLOCK_SKEW;
        let case = match self.cases().get(message.case_id()) {
            Ok(case) => case,
            Err(Error::Api(api)) if api.is_not_found() => return Ok(Settlement::NotDelivered),
            Err(err) => return Err(err),
        };
        let contact = case.contact.as_ref().map(|c| c.id).or(case.contact_id);
        let thread = case.thread_id.unwrap_or(case.id);
        let mut newest: Option<Message> = None;
        if let Some(contact) = contact {
            let listed = self.messages().thread(thread, contact)?;
            match listed.into_iter().find(|c| c.id == case.id) {
                Some(Case {
                    last_message: None, ..
                }) => return Ok(Settlement::NotDelivered),
                Some(Case {
                    last_message: Some(last),
                    ..
                }) => match judge(&last, message, since) {
                    Verdict::Ours => return Ok(Settlement::Delivered(last)),
                    Verdict::Older => return Ok(Settlement::NotDelivered),
                    Verdict::Other => newest = Some(*last),
                },
                None => {}
            }
        }
        self.settle_from_history(message, &case, since, newest.as_ref())
    }

    /// The case's `messages` relation, when the API gives it.
    fn settle_from_history(
        &self,
        message: &SendMessage,
        case: &Case,
        since: DateTime<Utc>,
        newest: Option<&Message>,
    ) -> Result<Settlement, Error> {
        let Some(history) = self.messages().history(case.id)? else {
            return Ok(unknown(
                "the case's newest message is another one and the API gave no message history",
            ));
        };
        if let Some(found) = history
            .iter()
            .rev()
            .find(|m| judge(m, message, since) == Verdict::Ours)
        {
            return Ok(Settlement::Delivered(Box::new(found.clone())));
        }
        let complete = match newest {
            Some(newest) => history.iter().any(|m| m.id == newest.id),
            None => false,
        };
        if complete {
            Ok(Settlement::NotDelivered)
        } else {
            Ok(unknown(
                "the case's message history does not reach its newest message",
            ))
        }
    }
}

pub(crate) fn unknown(reason: &str) -> Settlement {
    Settlement::Unknown {
        reason: reason.to_owned(),
    }
}

/// What one stored message says about the send.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// It is the send's message.
    Ours,
    /// It was created before the attempt (so nothing after it is stored).
    Older,
    /// Another message (or one without a date) created since the attempt began.
    Other,
}

pub(crate) fn judge(stored: &Message, sent: &SendMessage, since: DateTime<Utc>) -> Verdict {
    let Some(created) = stored.date_created else {
        return Verdict::Other;
    };
    if created < since {
        return Verdict::Older;
    }
    let sender_ok = match sent.sender() {
        SendAs::Agent => stored.sender_type.as_deref().is_none_or(|t| t == "user"),
        SendAs::Contact(id) => {
            stored.sender_type.as_deref() == Some("contact")
                && stored.sender_id.is_none_or(|s| s == id)
        }
    };
    let ours = stored.case_id == sent.case_id()
        && stored.message.as_deref() == Some(sent.text())
        && stored
            .message_type
            .as_deref()
            .is_none_or(|t| t == sent.kind().as_str())
        && sender_ok;
    if ours { Verdict::Ours } else { Verdict::Other }
}

impl Client {
    /// A send under `settle_uncertain`: each round runs the usual retries without
    /// `retry_possibly_delivered`; an uncertain failure is settled by reading back, and
    /// retried only when proven absent (or unprovable with `retry_possibly_delivered`).
    pub(crate) fn send_settled(
        &self,
        message: &SendMessage,
        call: &Call,
        settings: &Settings,
        options: &RequestOptions,
    ) -> Result<Message, Error> {
        let started = SystemTime::now();
        let deadline = Instant::now() + settings.total_timeout;
        let mut attempts = 0;
        loop {
            let round = RequestOptions {
                max_retries: Some(settings.max_retries.saturating_sub(attempts)),
                total_timeout: Some(
                    deadline
                        .saturating_duration_since(Instant::now())
                        .max(Duration::from_millis(1)),
                ),
                retry_possibly_delivered: Some(false),
                ..*options
            };
            let mut err = match self.execute(call, &round, response::decode_success) {
                Ok(sent) => return Ok(sent),
                // A 2xx that is not the expected JSON: stored, and reading back adds nothing.
                Err(err @ Error::Decode(_)) => return Err(err),
                Err(err) => err,
            };
            attempts += call.attempts();
            err.set_attempts(attempts);
            if !err.may_have_been_delivered() {
                return Err(err);
            }
            let retry_left = retry::budget_left(attempts, settings, deadline);
            match self.settle(message, started) {
                Ok(Settlement::Delivered(stored)) => return Ok(*stored),
                Ok(Settlement::NotDelivered) if retry_left => continue,
                Ok(Settlement::NotDelivered) => return Err(err.settled_not_delivered()),
                Ok(Settlement::Unknown { .. }) | Err(_)
                    if retry_left && settings.retry_possibly_delivered =>
                {
                    continue;
                }
                Ok(Settlement::Unknown { .. }) | Err(_) => return Err(err),
            }
        }
    }
}
