//! Helpers for the workspace's own crates (acquire-mock, the CLI, the bindings): not part of
//! the API, hidden from the docs, and free to change in any release.

use std::sync::{Mutex, MutexGuard};

/// Locks a mutex, recovering the data if a panicking thread poisoned it: every guarded value
/// in this workspace stays consistent at each point a panic could unwind through.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Checks a contact search's text as [`Contacts::search`](crate::Contacts::search) does,
/// for front ends that start the search lazily.
pub fn check_search(text: &str) -> Result<(), crate::Error> {
    crate::page::check_search(text, None).map(|_| ())
}
