//! Windows of a journaled batch: one synced journal record begins the next items to send
//! before any of them leaves, so a batch pays one `fsync` per window instead of one per
//! item; the next window is begun as soon as the workers enter the last one begun. A crash
//! leaves the open windows, and the outcomes written since the last sync, begun without an
//! outcome on disk (about three windows at most), which a resume settles by reading their
//! cases back.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use crate::Error;
use crate::internal::lock;
use crate::journal::Journal;

/// The most items one window begins: a resume after a crash settles about three times this
/// many at most (the window in use, the next, and outcomes not yet synced), reading each of
/// their cases once.
pub(crate) const MAX_WINDOW: usize = 256;

/// How many items a window begins at this concurrency: 32 rounds of the workers, at least
/// 64, at most [`MAX_WINDOW`] (the worker that begins a window waits for its `fsync`: the
/// fewer the workers, the more that costs, so the window is the largest from 8 workers up).
pub(crate) fn window_size(concurrency: usize) -> usize {
    concurrency.saturating_mul(32).clamp(64, MAX_WINDOW)
}

/// The items a run sends, in the order its workers take them, and how far the journal
/// has begun them.
pub(crate) struct Windows<'a> {
    journal: &'a Journal,
    order: Vec<usize>,
    size: usize,
    /// Positions below this are begun on disk.
    begun: AtomicUsize,
    reserving: Mutex<()>,
}

impl<'a> Windows<'a> {
    /// The run's items to send (item indices, in the order they are taken).
    pub(crate) fn new(journal: &'a Journal, order: Vec<usize>, size: usize) -> Windows<'a> {
        Windows {
            journal,
            order,
            size: size.max(1),
            begun: AtomicUsize::new(0),
            reserving: Mutex::new(()),
        }
    }

    /// Returns once the item at `position` of the order is begun on disk: at once when its
    /// window is, else after writing and syncing the windows up to it. While the workers are
    /// in the last window begun, the first worker to get the lock begins the next one, so
    /// that the others rarely wait for an `fsync`.
    pub(crate) fn cover(&self, position: usize) -> Result<(), Error> {
        let begun = self.begun.load(Ordering::Acquire);
        if position < begun {
            if position + self.size >= begun
                && begun < self.order.len()
                && let Ok(_only_one) = self.reserving.try_lock()
                && self.begun.load(Ordering::Acquire) == begun
            {
                self.reserve_next()?;
            }
            return Ok(());
        }
        let _only_one = lock(&self.reserving);
        while position >= self.begun.load(Ordering::Acquire) {
            self.reserve_next()?;
        }
        Ok(())
    }

    /// Begins the next window on disk (the caller holds `reserving`).
    fn reserve_next(&self) -> Result<(), Error> {
        let start = self.begun.load(Ordering::Acquire);
        let end = (start + self.size).min(self.order.len());
        self.journal
            .begin(&self.order[start..end], SystemTime::now())?;
        self.begun.store(end, Ordering::Release);
        Ok(())
    }
}
