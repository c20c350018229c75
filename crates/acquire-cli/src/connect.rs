//! The client the connection flags and the environment describe (every command's).

use acquire_core::{Client, ClientConfig, Error, Event, EventHook, RequestOptions};

use crate::args::Connection;

/// The client the flags and the environment describe.
pub fn client(args: &Connection) -> Result<Client, Error> {
    ClientConfig {
        api_key: args.api_key.as_deref().map(Into::into),
        account_id: args.account_id.clone(),
        base_url: args.base_url.clone(),
        app_info: Some(concat!("acquire-cli/", env!("CARGO_PKG_VERSION")).to_owned()),
        max_concurrency: None,
        options: RequestOptions {
            timeout: RequestOptions::seconds("timeout", args.timeout)?,
            max_retries: args.retries,
            settle_uncertain: Some(args.settle),
            ..RequestOptions::default()
        },
        on_event: (args.verbose > 0).then(|| {
            let debug = args.verbose > 1;
            EventHook::new(move |event| {
                if let Some(line) = describe(event, debug) {
                    eprintln!("acquire: {line}");
                }
            })
        }),
    }
    .build()
}

/// The stderr line of `-v` (attempts, retries, the end of a call) and `-vv` (requests too).
fn describe(event: &Event, debug: bool) -> Option<String> {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    Some(match event {
        Event::Request {
            method,
            path,
            attempt,
            ..
        } if debug => format!("{method} {path} attempt {attempt}"),
        Event::Response {
            attempt,
            status,
            error,
            phase,
            elapsed,
            ..
        } => {
            let status = status.map_or("no answer".to_owned(), |s| s.to_string());
            let error = error.map_or(String::new(), |e| format!(" {e}"));
            let phase = phase.map_or(String::new(), |p| format!(" in {p}"));
            format!(
                "attempt {attempt}: {status}{error}{phase} ({:.1} ms)",
                ms(*elapsed)
            )
        }
        Event::Retry { delay, reason, .. } => {
            format!("retrying in {:.0} ms ({reason})", ms(*delay))
        }
        Event::Finished {
            method,
            path,
            attempts,
            error,
            may_have_been_delivered,
            elapsed,
            ..
        } => {
            let outcome = match error {
                None => "ok".to_owned(),
                Some(code) if *may_have_been_delivered => {
                    format!("{code}, may have been delivered")
                }
                Some(code) => code.to_string(),
            };
            format!(
                "{method} {path}: {outcome} after {attempts} attempt(s), {:.1} ms",
                ms(*elapsed)
            )
        }
        _ => return None,
    })
}
