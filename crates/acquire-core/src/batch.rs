//! Sending many messages at once: bounded concurrency, results in input order.

use std::borrow::Borrow;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

use crate::{Client, Error, Message, RequestOptions, SendMessage};

/// How [`Client::send_batch`] sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchOptions {
    /// How many sends run at once (at least 1, at most the client's
    /// [`max_concurrency`](crate::ClientBuilder::max_concurrency)). Default 8.
    pub concurrency: usize,
    /// Timeouts and retries of each send (each item retries on its own, under the
    /// usual rules).
    pub request: RequestOptions,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            concurrency: 8,
            request: RequestOptions::default(),
        }
    }
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
        self.send_batch(messages.iter().map(Ok).collect(), &options, |_, _| {})
    }

    /// Like [`Client::send_messages`], for items that may already have failed (input
    /// that could not be turned into a message: its error becomes that item's result, and
    /// nothing is sent for it), with per-send options, and calling `on_each(index,
    /// &result)` as each item finishes (in completion order, from the sending threads),
    /// for progress reports.
    pub fn send_batch<M>(
        &self,
        items: Vec<Result<M, Error>>,
        options: &BatchOptions,
        on_each: impl Fn(usize, &Result<Message, Error>) + Sync,
    ) -> Vec<Result<Message, Error>>
    where
        M: Borrow<SendMessage> + Send,
    {
        let mut to_send = Vec::with_capacity(items.len());
        let mut waiting = Vec::with_capacity(items.len());
        let mut results = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            match item {
                Ok(message) => {
                    to_send.push(index);
                    waiting.push(Mutex::new(Some(message)));
                    results.push(Mutex::new(None));
                }
                Err(err) => {
                    let result = Err(err);
                    on_each(index, &result);
                    waiting.push(Mutex::new(None));
                    results.push(Mutex::new(Some(result)));
                }
            }
        }
        let next = AtomicUsize::new(0);
        let send_next = || {
            while let Some(&index) = to_send.get(next.fetch_add(1, Ordering::Relaxed)) {
                let Some(message) = lock(&waiting[index]).take() else {
                    continue;
                };
                let result = self.send_message_with(message.borrow(), &options.request);
                on_each(index, &result);
                *lock(&results[index]) = Some(result);
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
        results
            .into_iter()
            .map(|slot| {
                let result = slot.into_inner().unwrap_or_else(|p| p.into_inner());
                result.expect("every item is sent exactly once")
            })
            .collect()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}
