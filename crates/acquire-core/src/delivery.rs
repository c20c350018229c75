//! Knowing whether a failed attempt can have delivered the request.
//!
//! The server can only act on a complete request. An attempt that wrote nothing (DNS,
//! connect and TLS failures) or whose write failed part-way (a pooled connection found
//! dead, a send timeout) left the server with at most a partial request, so it is safe to
//! retry. [`WriteTracker`] wraps every connection ureq makes and records, per thread, how
//! the current attempt's writes went. ureq runs a request entirely on the calling thread,
//! so a thread-local state belongs to exactly one attempt.
//!
//! The same wrapper holds the request's writes until the first read, so that the request
//! line, headers and body leave in one write: a server then wakes once per request
//! instead of twice, which roughly halves a loopback round trip. It also answers ureq's
//! liveness probe when a connection goes back to the pool without probing (three
//! syscalls): the probe ureq makes when it takes the connection out again sees the same
//! things (a closed socket, unexpected bytes) at the moment they matter.

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
        Ok(chained.map(|inner| TrackedTransport {
            inner,
            pending: Vec::new(),
            answered: false,
        }))
    }
}

/// A connection that coalesces a request's writes and reports them to
/// [`request_may_have_arrived`].
#[derive(Debug)]
pub(crate) struct TrackedTransport {
    inner: Box<dyn Transport>,
    /// Request bytes accepted from ureq but not yet written.
    pending: Vec<u8>,
    /// A request was sent and nothing has probed the connection since: the next probe is
    /// the one made when the connection goes back to the pool.
    answered: bool,
}

impl TrackedTransport {
    /// Writes the held bytes through the inner transport's output buffer.
    fn flush(&mut self, timeout: NextTimeout) -> Result<(), ureq::Error> {
        let mut written = 0;
        while written < self.pending.len() {
            let output = self.inner.buffers().output();
            let n = output.len().min(self.pending.len() - written);
            output[..n].copy_from_slice(&self.pending[written..written + n]);
            let result = self.inner.transmit_output(n, timeout);
            WRITES.with(|w| {
                let next = match (w.get(), &result) {
                    (_, Err(_)) | (Writes::Broken, _) => Writes::Broken,
                    (_, Ok(())) => Writes::Complete,
                };
                w.set(next);
            });
            if let Err(e) = result {
                self.pending.clear();
                return Err(e);
            }
            written += n;
        }
        self.pending.clear();
        Ok(())
    }
}

impl Transport for TrackedTransport {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, _timeout: NextTimeout) -> Result<(), ureq::Error> {
        // Hold the bytes; they are written with the rest of the request before the first
        // read (ureq reuses the output buffer, so copy them out).
        self.answered = true;
        let output = self.inner.buffers().output();
        self.pending.extend_from_slice(&output[..amount]);
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        if !self.pending.is_empty() {
            self.flush(timeout)?;
        }
        self.inner.await_input(timeout)
    }

    fn is_open(&mut self) -> bool {
        // ureq probes when a used connection goes back to the pool and again when it
        // takes it out; only the second one decides anything.
        if std::mem::take(&mut self.answered) {
            return true;
        }
        self.inner.is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.is_tls()
    }
}
