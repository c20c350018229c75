//! A one-line progress bar on standard error, drawn only when it is a terminal.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How often the bar is redrawn at most.
const REDRAW: Duration = Duration::from_millis(100);
/// Width of the bar in characters.
const WIDTH: usize = 30;

/// Counts finished items and redraws the bar; does nothing when stderr is not a terminal.
pub struct Progress {
    total: usize,
    state: Option<Mutex<State>>,
}

struct State {
    done: usize,
    failed: usize,
    drawn: Option<Instant>,
}

impl Progress {
    /// A bar for `total` items (inactive unless stderr is a terminal).
    pub fn new(total: usize) -> Progress {
        let state = std::io::stderr().is_terminal().then(|| {
            Mutex::new(State {
                done: 0,
                failed: 0,
                drawn: None,
            })
        });
        Progress { total, state }
    }

    /// Counts one finished item; called from the sending threads.
    pub fn finished(&self, ok: bool) {
        let Some(state) = &self.state else { return };
        let mut state = acquire_core::internal::lock(state);
        state.done += 1;
        state.failed += usize::from(!ok);
        let due = state.drawn.is_none_or(|at| at.elapsed() >= REDRAW);
        if due || state.done == self.total {
            state.drawn = Some(Instant::now());
            let filled = (state.done * WIDTH)
                .checked_div(self.total)
                .unwrap_or(WIDTH);
            eprint!(
                "\r[{}{}] {}/{} sent, {} failed",
                "#".repeat(filled),
                " ".repeat(WIDTH - filled),
                state.done,
                self.total,
                state.failed
            );
            let _ = std::io::stderr().flush();
        }
    }

    /// Erases the bar so that the report starts on a clean line.
    pub fn clear(&self) {
        if self.state.is_some() {
            eprint!("\r{}\r", " ".repeat(WIDTH + 50));
        }
    }
}
