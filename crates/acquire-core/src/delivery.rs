//! Knowing whether a failed attempt can have delivered the request.
//!
//! The server can only act on a complete request. An attempt that wrote nothing (DNS,
//! connect and TLS failures) or whose write failed part-way (a pooled connection found
//! dead, a send timeout) left the server with at most a partial request, so it is safe to
//! retry. [`WriteTracker`] wraps every connection ureq makes and records, per thread, how
//! the current attempt's writes went. ureq runs a request entirely on the calling thread,
//! so a thread-local state belongs to exactly one attempt.

use std::cell::Cell;

use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, NextTimeout, Transport};

/// How the writes of the current attempt went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Writes {
    /// Nothing written yet.
    None,
    /// Every write so far succeeded.
    Complete,
    /// A write failed: the server has at most part of the request.
    Broken,
}

thread_local! {
    static WRITES: Cell<Writes> = const { Cell::new(Writes::None) };
}

/// Marks the start of an attempt on this thread.
pub(crate) fn begin_attempt() {
    WRITES.with(|w| w.set(Writes::None));
}

/// Whether the current attempt on this thread wrote its request without a failed write,
/// so that the server may have received and acted on it.
pub(crate) fn request_may_have_arrived() -> bool {
    WRITES.with(Cell::get) == Writes::Complete
}

/// The last connector of the chain: wraps each new connection in a [`TrackedTransport`].
#[derive(Debug)]
pub(crate) struct WriteTracker;

impl Connector<Box<dyn Transport>> for WriteTracker {
    type Out = TrackedTransport;

    fn connect(
        &self,
        _details: &ConnectionDetails,
        chained: Option<Box<dyn Transport>>,
    ) -> Result<Option<TrackedTransport>, ureq::Error> {
        Ok(chained.map(TrackedTransport))
    }
}

/// A connection that reports its writes to [`request_may_have_arrived`].
#[derive(Debug)]
pub(crate) struct TrackedTransport(Box<dyn Transport>);

impl Transport for TrackedTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.0.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        let result = self.0.transmit_output(amount, timeout);
        WRITES.with(|w| {
            let next = match (w.get(), &result) {
                (_, Err(_)) | (Writes::Broken, _) => Writes::Broken,
                (_, Ok(())) => Writes::Complete,
            };
            w.set(next);
        });
        result
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.0.await_input(timeout)
    }

    fn is_open(&mut self) -> bool {
        self.0.is_open()
    }

    fn is_tls(&self) -> bool {
        self.0.is_tls()
    }
}
