//! Sending many messages at once: bounded concurrency, results in input order, an
//! optional durable journal that makes a rerun resume, and a stop flag.

use crate::internal::lock;
use std::borrow::Borrow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::SystemTime;

use crate::journal::{self, Journal, Recorded};
use crate::{Client, Error, Message, RequestOptions, SendMessage, Settlement};

/// The default [`BatchOptions::concurrency`] of every front end.
pub const DEFAULT_BATCH_CONCURRENCY: usize = 8;

/// How [`Client::send_batch`] sends.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// How many sends run at once (at least 1: 0 fails every item with
    /// `InvalidConfig { field: "concurrency" }`; more than the client's
    /// [`max_concurrency`](crate::ClientBuilder::max_concurrency) runs that many). Default
    /// [`DEFAULT_BATCH_CONCURRENCY`].
    pub concurrency: usize,
    /// Timeouts and retries of each send (each item retries on its own, under the
    /// usual rules).
    pub request: RequestOptions,
    /// A journal file that makes the batch resumable: each item is recorded (and synced
    /// to disk) before it is sent and once it is done, so a rerun with the same file and
    /// the same input skips what was stored, settles what may have been (by reading the
    /// case back) and sends only the rest. A journal of another input is refused.
    pub journal: Option<PathBuf>,
    /// Set it to `true` (from any thread or a signal handler) to stop: no new item starts,
    /// sends under way finish, and the items never started end in [`Error::Cancelled`].
    pub stop: Option<Arc<AtomicBool>>,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            concurrency: DEFAULT_BATCH_CONCURRENCY,
            request: RequestOptions::default(),
            journal: None,
            stop: None,
        }
    }
}

/// Where a batch item's result comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ItemSource {
    /// Sent by this run (or failed trying).
    Sent,
    /// Stored by an earlier run, as its journal records: skipped.
    Recorded,
    /// Started by an earlier run with no outcome; reading the case back found it stored.
    Settled,
    /// Nothing was sent: invalid, stopped, unsettled, or the journal failed first.
    NotSent,
}

impl ItemSource {
    /// `sent`, `recorded`, `settled` or `not_sent`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemSource::Sent => "sent",
            ItemSource::Recorded => "recorded",
            ItemSource::Settled => "settled",
            ItemSource::NotSent => "not_sent",
        }
    }
}

/// One item's result, its place in the input and where it came from.
#[derive(Debug)]
#[non_exhaustive]
pub struct BatchItem {
    /// The item's index in the input (0-based).
    pub index: usize,
    /// The stored message, or why there is none.
    pub result: Result<Message, Error>,
    /// Where the result comes from.
    pub source: ItemSource,
}

impl Client {
    /// Sends every message, `concurrency` at a time, and returns one result per message
    /// in input order. A failure never stops the others; each message is retried under
    /// the usual rules, so none is sent twice by the SDK.
    ///
    /// ```no_run
    /// # use acquire_core::{Client, SendMessage};
    /// # let client = Client::from_env()?;
    /// let messages: Vec<_> = [28, 31, 40]
    ///     .into_iter()
    ///     .map(|case| SendMessage::new(case, "We are back online."))
    ///     .collect();
    /// for (message, result) in messages.iter().zip(client.send_messages(&messages, 8)) {
    ///     match result {
    ///         Ok(sent) => println!("case {}: message {}", message.case_id(), sent.id),
    ///         Err(err) => eprintln!("case {}: {err}", message.case_id()),
    ///     }
    /// }
    /// # Ok::<(), acquire_core::Error>(())
    /// ```
    pub fn send_messages(
        &self,
        messages: &[SendMessage],
        concurrency: usize,
    ) -> Vec<Result<Message, Error>> {
        let options = BatchOptions {
            concurrency,
            ..BatchOptions::default()
        };
        // Without a journal nothing can fail the batch as a whole.
        self.send_batch(messages.iter().map(Ok).collect(), &options, |_, _| {})
            .unwrap_or_default()
    }

    /// Like [`Client::send_messages`], for items that may already have failed (input
    /// that could not be turned into a message: its error becomes that item's result, and
    /// nothing is sent for it), with per-send options, a journal and a stop flag, calling
    /// `on_each(index, &result)` as each item finishes (in completion order, from the
    /// sending threads), for progress reports.
    ///
    /// A journal that cannot be used is one error before anything is sent:
    /// [`Error::JournalInUse`] while another run holds it, [`Error::Journal`] when it
    /// belongs to another input, is damaged or cannot be written.
    pub fn send_batch<M>(
        &self,
        items: Vec<Result<M, Error>>,
        options: &BatchOptions,
        on_each: impl Fn(usize, &Result<Message, Error>) + Sync,
    ) -> Result<Vec<Result<Message, Error>>, Error>
    where
        M: Borrow<SendMessage> + Send,
    {
        let items = self.send_batch_items(items, options, |i, item| on_each(i, &item.result))?;
        Ok(items.into_iter().map(|item| item.result).collect())
    }

    /// [`Client::send_batch`] with each result's [`ItemSource`] (what a resumed run
    /// skipped, settled or sent). `on_each` sees each item as it finishes. A journal
    /// that cannot be used fails the whole batch before anything is sent.
    pub fn send_batch_items<M>(
        &self,
        items: Vec<Result<M, Error>>,
        options: &BatchOptions,
        on_each: impl Fn(usize, &BatchItem) + Sync,
    ) -> Result<Vec<BatchItem>, Error>
    where
        M: Borrow<SendMessage> + Send,
    {
        let count = items.len();
        if options.concurrency == 0 {
            // The same rule as the Python and Node front ends: 0 is a mistake, not 1.
            return Ok((0..count)
                .map(|i| {
                    let item = not_sent(
                        i,
                        Error::invalid_config("concurrency", "must be at least 1"),
                    );
                    on_each(i, &item);
                    item
                })
                .collect());
        }
        let (journal, recorded) = match &options.journal {
            None => (None, vec![Recorded::Nothing; count]),
            Some(path) => {
                let input = journal::fingerprint(items.iter().map(|item| match item {
                    Ok(m) => {
                        let m = m.borrow();
                        format!("{} {}", m.query(), m.to_json().unwrap_or_default())
                    }
                    Err(e) => format!("invalid {e}"),
                }));
                let (journal, recorded) = Journal::open(path, &input, count)?;
                (Some(journal), recorded)
            }
        };
        let run = Run {
            client: self,
            journal: journal.as_ref(),
            options,
            halted: AtomicBool::new(false),
        };
        let mut to_send = Vec::with_capacity(count);
        let mut waiting = Vec::with_capacity(count);
        let mut results = Vec::with_capacity(count);
        for (index, (item, recorded)) in items.into_iter().zip(recorded).enumerate() {
            match item {
                Ok(message) => {
                    to_send.push(index);
                    waiting.push(Mutex::new(Some((message, recorded))));
                    results.push(Mutex::new(None));
                }
                Err(err) => {
                    let item = not_sent(index, err);
                    on_each(index, &item);
                    waiting.push(Mutex::new(None));
                    results.push(Mutex::new(Some(item)));
                }
            }
        }
        let next = AtomicUsize::new(0);
        let send_next = || {
            while let Some(&index) = to_send.get(next.fetch_add(1, Ordering::Relaxed)) {
                let Some((message, recorded)) = lock(&waiting[index]).take() else {
                    continue;
                };
                let item = run.item(index, message.borrow(), recorded);
                on_each(index, &item);
                *lock(&results[index]) = Some(item);
            }
        };
        let threads = options
            .concurrency
            .clamp(1, self.max_concurrency())
            .min(to_send.len());
        if threads <= 1 {
            send_next();
        } else {
            thread::scope(|scope| {
                for _ in 1..threads {
                    scope.spawn(send_next);
                }
                send_next();
            });
        }
        Ok(results
            .into_iter()
            .map(|slot| {
                let result = slot.into_inner().unwrap_or_else(|p| p.into_inner());
                result.expect("every item is sent exactly once")
            })
            .collect())
    }
}

/// One batch run: the client, its journal, and whether it must stop.
struct Run<'a> {
    client: &'a Client,
    journal: Option<&'a Journal>,
    options: &'a BatchOptions,
    /// Set when the journal fails: nothing more may start.
    halted: AtomicBool,
}

impl Run<'_> {
    fn stopped(&self) -> bool {
        self.halted.load(Ordering::SeqCst)
            || self
                .options
                .stop
                .as_ref()
                .is_some_and(|s| s.load(Ordering::SeqCst))
    }

    /// Handles one item as its record says.
    fn item(&self, index: usize, message: &SendMessage, recorded: Recorded) -> BatchItem {
        if self.stopped() {
            return not_sent(index, Error::Cancelled);
        }
        match recorded {
            Recorded::Sent(body) => BatchItem {
                index,
                result: Message::from_response_body(&body),
                source: ItemSource::Recorded,
            },
            Recorded::Begun(since) => match self.client.settle(message, since) {
                Ok(Settlement::Delivered(stored)) => self.settled(index, *stored),
                Ok(Settlement::NotDelivered) => self.send(index, message),
                Ok(Settlement::Unknown { reason }) => not_sent(index, Error::Unsettled { reason }),
                Err(err) => not_sent(
                    index,
                    Error::Unsettled {
                        reason: format!("the case could not be read: {err}"),
                    },
                ),
            },
            Recorded::Nothing => self.send(index, message),
        }
    }

    /// An earlier run's send, found stored: recorded as sent now.
    fn settled(&self, index: usize, stored: Message) -> BatchItem {
        let body = summary_body(&stored);
        if let Some(journal) = self.journal
            && let Err(err) = journal.sent(index, &body)
        {
            self.halted.store(true, Ordering::SeqCst);
            return not_sent(index, journal_failure(&err));
        }
        BatchItem {
            index,
            result: Ok(stored.with_raw(body)),
            source: ItemSource::Settled,
        }
    }

    /// Sends one item, recording it before and after.
    fn send(&self, index: usize, message: &SendMessage) -> BatchItem {
        if let Some(journal) = self.journal
            && let Err(err) = journal.begin(index, SystemTime::now())
        {
            self.halted.store(true, Ordering::SeqCst);
            return not_sent(index, journal_failure(&err));
        }
        let result = self
            .client
            .send_message_with(message, &self.options.request);
        let recorded = match (self.journal, &result) {
            (None, _) => Ok(()),
            (Some(journal), Ok(sent)) => journal.sent(index, &summary_body(sent)),
            (Some(journal), Err(err)) if !err.may_have_been_delivered() => {
                journal.failed(index, err.code())
            }
            // May be stored: the `begin` record stays open, for a rerun to settle.
            (Some(_), Err(_)) => Ok(()),
        };
        let result = match recorded {
            Ok(()) => result,
            Err(err) => {
                self.halted.store(true, Ordering::SeqCst);
                let delivered = result
                    .as_ref()
                    .map_or_else(Error::may_have_been_delivered, |_| true);
                Err(match err {
                    Error::Journal { path, reason, .. } => Error::Journal {
                        path,
                        reason,
                        may_have_been_delivered: delivered,
                    },
                    other => other,
                })
            }
        };
        BatchItem {
            index,
            result,
            source: ItemSource::Sent,
        }
    }
}

/// What the journal keeps of a stored message: `{"data": {…}}` with its ids, kind, sender
/// and time (not the text, nor the case and sender objects), enough to report it again.
fn summary_body(message: &Message) -> String {
    serde_json::json!({"data": {
        "id": message.id,
        "caseId": message.case_id,
        "threadId": message.thread_id,
        "contactId": message.contact_id,
        "channel": message.channel,
        "type": message.message_type,
        "senderType": message.sender_type,
        "senderId": message.sender_id,
        "dateCreated": message.date_created,
    }})
    .to_string()
}

fn not_sent(index: usize, err: Error) -> BatchItem {
    BatchItem {
        index,
        result: Err(err),
        source: ItemSource::NotSent,
    }
}

/// A copy of a journal error for one item.
fn journal_failure(err: &Error) -> Error {
    match err {
        Error::Journal {
            path,
            reason,
            may_have_been_delivered,
        } => Error::Journal {
            path: path.clone(),
            reason: reason.clone(),
            may_have_been_delivered: *may_have_been_delivered,
        },
        other => Error::Journal {
            path: String::new(),
            reason: other.to_string(),
            may_have_been_delivered: false,
        },
    }
}
