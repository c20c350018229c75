//! `StopFlag`: stop a batch when an `AbortSignal` fires.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use napi_derive::napi;

/// Stops a batch: once set, no new item starts.
#[napi]
pub struct StopFlag {
    pub(crate) flag: Arc<AtomicBool>,
}

#[napi]
impl StopFlag {
    /// A flag not yet set.
    #[napi(constructor)]
    pub fn new() -> Self {
        StopFlag {
            flag: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Stops the batch.
    #[napi]
    pub fn stop(&self) {
        self.flag.store(true, Ordering::SeqCst);
    }
}

impl Default for StopFlag {
    fn default() -> Self {
        StopFlag::new()
    }
}
