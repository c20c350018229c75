//! `StopFlag`: stop a batch from another thread or a cancelled task.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use pyo3::prelude::*;

/// Stops a batch: once set, no new item starts; sends under way finish and the rest end
/// in `CancelledError`.
#[pyclass(module = "acquire_io._native", frozen)]
pub struct StopFlag {
    pub(crate) flag: Arc<AtomicBool>,
}

#[pymethods]
impl StopFlag {
    #[new]
    fn new() -> Self {
        StopFlag {
            flag: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Stops the batch.
    fn stop(&self) {
        self.flag.store(true, Ordering::SeqCst);
    }

    /// Whether `stop` was called.
    #[getter]
    fn stopped(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }
}
