//! Running the server in the foreground of a command, as `acquire-mock` and
//! `acquire mock` do.

use std::io::{self, Write};

use crate::{MockConfig, MockServer};

/// Starts the server, prints its base URL as the first line on stdout, and serves until
/// SIGINT or SIGTERM, then shuts down cleanly.
pub fn serve_until_signal(config: MockConfig) -> io::Result<()> {
    let server = MockServer::start_with(config)?;
    let mut stdout = io::stdout();
    writeln!(stdout, "{}", server.url())?;
    stdout.flush()?;
    let waited = wait_for_signal();
    server.stop();
    waited
}

/// Blocks until SIGINT or SIGTERM.
fn wait_for_signal() -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        use tokio::signal::unix::{SignalKind, signal};
        let mut terminate = signal(SignalKind::terminate())?;
        tokio::select! {
            interrupted = tokio::signal::ctrl_c() => interrupted,
            _ = terminate.recv() => Ok(()),
        }
    })
}
