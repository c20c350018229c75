//! The client's own threads for work that must not block its caller.
//!
//! Front ends with an event loop (Node, asyncio) hand each send to these threads instead
//! of to the host's shared pools (libuv's, asyncio's default executor), so a slow server
//! costs the host nothing but the wait on those sends. Threads start when work arrives
//! and there is no idle one, up to a limit; a thread that stays idle for [`IDLE_EXIT`]
//! exits, so an unused client holds no threads.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

/// How long a thread waits for work before it exits.
pub(crate) const IDLE_EXIT: Duration = Duration::from_secs(10);

/// Stack size of each thread: a send needs little (the default is 2 MiB).
const STACK_SIZE: usize = 256 * 1024;

type Job = Box<dyn FnOnce() + Send + 'static>;

/// A lazily grown pool of at most `max_threads` threads.
pub(crate) struct WorkerPool {
    shared: Arc<Shared>,
}

struct Shared {
    state: Mutex<State>,
    work: Condvar,
    max_threads: usize,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Job>,
    threads: usize,
    idle: usize,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        crate::internal::lock(&self.state)
    }
}

impl WorkerPool {
    /// A pool that starts no thread until work arrives.
    pub(crate) fn new(max_threads: usize) -> WorkerPool {
        WorkerPool {
            shared: Arc::new(Shared {
                state: Mutex::default(),
                work: Condvar::new(),
                max_threads: max_threads.max(1),
            }),
        }
    }

    /// Queues `job`; it runs on an idle thread, a new one if none is idle and the limit
    /// allows, or else when a thread frees up. A panicking job does not kill its thread.
    pub(crate) fn execute(&self, job: impl FnOnce() + Send + 'static) {
        let mut state = self.shared.lock();
        state.queue.push_back(Box::new(job));
        // Each queued job needs a waiting thread of its own; start one when there are
        // more jobs than idle threads (woken threads leave `idle` before taking a job).
        let start = state.queue.len() > state.idle && state.threads < self.shared.max_threads;
        if start {
            state.threads += 1;
        }
        drop(state);
        self.shared.work.notify_one();
        if start {
            let shared = self.shared.clone();
            let spawned = thread::Builder::new()
                .name("acquire-send".into())
                .stack_size(STACK_SIZE)
                .spawn(move || work(&shared));
            if spawned.is_err() {
                // The job stays queued for the threads there are (at least one unless the
                // system refuses every thread, where nothing could run it anyway).
                self.shared.lock().threads -= 1;
            }
        }
    }

    /// The number of threads alive now.
    #[cfg(test)]
    fn threads(&self) -> usize {
        self.shared.lock().threads
    }
}

/// A thread's life: run queued jobs, exit after [`IDLE_EXIT`] without one.
fn work(shared: &Shared) {
    let mut state = shared.lock();
    loop {
        if let Some(job) = state.queue.pop_front() {
            drop(state);
            let _ = catch_unwind(AssertUnwindSafe(job));
            state = shared.lock();
            continue;
        }
        state.idle += 1;
        let (next, waited) = shared
            .work
            .wait_timeout(state, IDLE_EXIT)
            .unwrap_or_else(|p| p.into_inner());
        state = next;
        state.idle -= 1;
        if waited.timed_out() && state.queue.is_empty() {
            state.threads -= 1;
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Barrier;
    use std::sync::mpsc;

    use super::*;

    #[test]
    fn jobs_overlap_up_to_the_limit() {
        let pool = WorkerPool::new(4);
        let barrier = Arc::new(Barrier::new(4));
        let (done, finished) = mpsc::channel();
        for _ in 0..4 {
            let (barrier, done) = (barrier.clone(), done.clone());
            // Each job waits for the other three: this only finishes if all four overlap.
            pool.execute(move || {
                barrier.wait();
                done.send(()).unwrap();
            });
        }
        for _ in 0..4 {
            finished.recv_timeout(Duration::from_secs(5)).unwrap();
        }
        assert_eq!(pool.threads(), 4);
    }

    #[test]
    fn the_limit_holds_and_queued_jobs_still_run() {
        let pool = WorkerPool::new(2);
        let (done, finished) = mpsc::channel();
        for i in 0..50 {
            let done = done.clone();
            pool.execute(move || done.send(i).unwrap());
            assert!(pool.threads() <= 2);
        }
        let mut seen: Vec<i32> = (0..50)
            .map(|_| finished.recv_timeout(Duration::from_secs(5)).unwrap())
            .collect();
        seen.sort();
        assert_eq!(seen, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn a_panicking_job_leaves_the_pool_working() {
        let pool = WorkerPool::new(1);
        pool.execute(|| panic!("a bug in a job"));
        let (done, finished) = mpsc::channel();
        pool.execute(move || done.send(()).unwrap());
        finished.recv_timeout(Duration::from_secs(5)).unwrap();
    }
}
