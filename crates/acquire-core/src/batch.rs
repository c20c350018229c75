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
use crate::window::{Windows, window_size};
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
    /// A journal file that makes the batch resumable: each item is begun on disk (a synced
    /// window of items at a time) before it is sent and recorded once it is done, so a
    /// rerun with the same file and the same input skips what was stored, settles what may
    /// have been (reading each case back once) and sends only the rest. A journal of
    /// another input, or one in use by another run, is refused.
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
        let plans = self.plan(&items, recorded, options.concurrency);
        let order: Vec<usize> = plans
            .iter()
            .enumerate()
            .filter(|(_, plan)| matches!(plan, Plan::Send))
            .map(|(index, _)| index)
            .collect();
        let mut positions = vec![0; count];
        for (position, index) in order.iter().enumerate() {
            positions[*index] = position;
        }
        let windows = journal
            .as_ref()
            .map(|j| Windows::new(j, order, window_size(options.concurrency)));
        let run = Run {
            client: self,
            journal: journal.as_ref(),
            windows: windows.as_ref(),
            options,
            halted: AtomicBool::new(false),
        };
        let mut to_send = Vec::with_capacity(count);
        let mut waiting = Vec::with_capacity(count);
        let mut results = Vec::with_capacity(count);
        for (index, (item, plan)) in items.into_iter().zip(plans).enumerate() {
            match item {
                Ok(message) => {
                    to_send.push(index);
                    waiting.push(Mutex::new(Some((message, plan))));
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
                let Some((message, plan)) = lock(&waiting[index]).take() else {
                    continue;
                };
                let item = run.item(index, positions[index], message.borrow(), plan);
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
        if let Some(journal) = &journal {
            // The outcomes to disk, so that a rerun reads them. Should this fail, each of
            // them is still recorded as begun: a rerun settles it by reading back.
            let _ = journal.flush();
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
    windows: Option<&'a Windows<'a>>,
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

    /// Handles one item as its plan says (`position`: its place among the items sent).
    fn item(&self, index: usize, position: usize, message: &SendMessage, plan: Plan) -> BatchItem {
        if self.stopped() {
            return not_sent(index, Error::Cancelled);
        }
        match plan {
            Plan::Recorded(body) => BatchItem {
                index,
                result: Message::from_response_body(&body),
                source: ItemSource::Recorded,
            },
            Plan::Settled(stored) => self.settled(index, *stored),
            Plan::Unsettled(reason) => not_sent(index, Error::Unsettled { reason }),
            Plan::Send => self.send(index, position, message),
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

    /// Sends one item, begun on disk (in its window) before it leaves and recorded after.
    fn send(&self, index: usize, position: usize, message: &SendMessage) -> BatchItem {
        if let Some(windows) = self.windows
            && let Err(err) = windows.cover(position)
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

/// What a run does with an item, from what the journal recorded of it.
enum Plan {
    /// Send it.
    Send,
    /// An earlier run stored it: report that (the journal's summary).
    Recorded(String),
    /// An earlier run may have stored it, and reading the case back found it.
    Settled(Box<Message>),
    /// An earlier run may have stored it, and reading the case back could not tell.
    Unsettled(String),
}

impl Client {
    /// Each item's plan: what the journal recorded, with the items an earlier run left
    /// begun settled first, reading each of their cases once (`concurrency` at a time).
    fn plan<M: Borrow<SendMessage>>(
        &self,
        items: &[Result<M, Error>],
        recorded: Vec<Recorded>,
        concurrency: usize,
    ) -> Vec<Plan> {
        let begun: Vec<(usize, &SendMessage, SystemTime)> = items
            .iter()
            .zip(&recorded)
            .enumerate()
            .filter_map(|(index, (item, recorded))| match (item, recorded) {
                (Ok(message), Recorded::Begun(since)) => Some((index, message.borrow(), *since)),
                _ => None,
            })
            .collect();
        let sends: Vec<(&SendMessage, SystemTime)> =
            begun.iter().map(|(_, m, since)| (*m, *since)).collect();
        let mut settled = self.settle_all(&sends, concurrency).into_iter();
        let mut plans: Vec<Plan> = recorded
            .into_iter()
            .map(|recorded| match recorded {
                Recorded::Sent(body) => Plan::Recorded(body),
                Recorded::Nothing | Recorded::Begun(_) => Plan::Send,
            })
            .collect();
        for (index, _, _) in &begun {
            plans[*index] = match settled.next() {
                Some(Ok(Settlement::Delivered(stored))) => Plan::Settled(stored),
                Some(Ok(Settlement::NotDelivered)) => Plan::Send,
                Some(Ok(Settlement::Unknown { reason })) => Plan::Unsettled(reason),
                Some(Err(err)) => Plan::Unsettled(format!("the case could not be read: {err}")),
                None => Plan::Unsettled("the send was not settled".into()),
            };
        }
        plans
    }
}

/// What the journal keeps of a stored message: `{"data": {…}}` with its ids, kind, sender
/// and time (not the text, nor the case and sender objects), enough to report it again.
fn summary_body(message: &Message) -> String {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Summary<'a> {
        id: i64,
        case_id: i64,
        thread_id: Option<i64>,
        contact_id: Option<i64>,
        channel: Option<&'a str>,
        #[serde(rename = "type")]
        message_type: Option<&'a str>,
        sender_type: Option<&'a str>,
        sender_id: Option<i64>,
        date_created: Option<chrono::DateTime<chrono::Utc>>,
    }
    #[derive(serde::Serialize)]
    struct Data<'a> {
        data: Summary<'a>,
    }
    let data = Summary {
        id: message.id,
        case_id: message.case_id,
        thread_id: message.thread_id,
        contact_id: message.contact_id,
        channel: message.channel.as_deref(),
        message_type: message.message_type.as_deref(),
        sender_type: message.sender_type.as_deref(),
        sender_id: message.sender_id,
        date_created: message.date_created,
    };
    serde_json::to_string(&Data { data }).unwrap_or_default()
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
