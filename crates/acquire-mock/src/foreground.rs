//! Running the server in the foreground of a command, as `acquire-mock` and
//! `acquire mock` do.

use std::io::{self, Write};
use std::process::{Command, Stdio};

use crate::{MockConfig, MockServer};

/// Starts the server, prints its base URL as the first line on stdout (the inbox's
/// address goes to stderr, with a warning when other machines can reach it), opens the
/// inbox in the browser when `open` is set, and serves until SIGINT or SIGTERM, then
/// shuts down cleanly.
pub fn serve_until_signal(open: bool, config: MockConfig) -> io::Result<()> {
    // Listen before saying where the server is: a caller that stops it as soon as it has
    // read the address must not find the default action (death) still in place.
    let signals = Signals::listen()?;
    let exposed = !config.addr.ip().is_loopback();
    let token = config.ui_token.clone();
    let server = MockServer::start_with(config)?;
    let mut stdout = io::stdout();
    writeln!(stdout, "{}", server.url())?;
    stdout.flush()?;
    let inbox = match token {
        Some(token) if exposed => format!("{}?token={token}", server.inbox_url()),
        _ => server.inbox_url(),
    };
    eprintln!("inbox: {inbox}  (API: {}/api/v1)", server.url());
    if exposed {
        eprintln!(
            "warning: listening on a non-loopback address: other machines can reach the API; \
             the inbox and control endpoints need the token"
        );
    }
    if open {
        open_in_browser(&inbox);
    }
    signals.wait();
    server.stop();
    Ok(())
}

/// Opens `url` with the desktop's browser; says so when none could be started.
fn open_in_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let started = Command::new(opener)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    if started.is_err() {
        eprintln!("could not start `{opener}`: open {url} in your browser");
    }
}

/// SIGINT and SIGTERM, caught from the moment [`Signals::listen`] returns.
struct Signals {
    runtime: tokio::runtime::Runtime,
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

impl Signals {
    /// Starts catching both signals.
    fn listen() -> io::Result<Signals> {
        use tokio::signal::unix::{SignalKind, signal};
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (interrupt, terminate) = {
            let _inside = runtime.enter();
            (
                signal(SignalKind::interrupt())?,
                signal(SignalKind::terminate())?,
            )
        };
        Ok(Signals {
            runtime,
            interrupt,
            terminate,
        })
    }

    /// Blocks until either signal arrives (or arrived since [`Signals::listen`]).
    fn wait(mut self) {
        self.runtime.block_on(async {
            tokio::select! {
                _ = self.interrupt.recv() => {}
                _ = self.terminate.recv() => {}
            }
        });
    }
}
