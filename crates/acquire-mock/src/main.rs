//! `acquire-mock`: runs the local Acquire server until SIGINT or SIGTERM. The first line
//! on stdout is its base URL, so scripts can start it on port 0.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use acquire_mock::{Fixtures, MockConfig, WebhookTarget, serve_until_signal};

const USAGE: &str = "\
Usage: acquire-mock [--host HOST] [--port PORT] [--fixtures FILE] [--static]
                    [--webhook-url URL --webhook-secret SECRET] [--keep N]
                    [--ui-token TOKEN] [--open]

Runs a local Acquire-compatible server with its web inbox at the base URL. Prints its base
URL first, then serves until interrupted (SIGINT/SIGTERM).

  --host HOST      address to listen on (default 127.0.0.1)
  --port PORT      port (default 0: a free port)
  --fixtures FILE  API keys and cases as JSON (default: keys mock-key and
                   mock-key-no-chat, active case 28, closed case 29)
  --static         answer every valid send with the same message, storing nothing
                   (for benchmarks)
  --webhook-url URL       POST signed webhooks (case:message:new, case:status) there
  --webhook-secret SECRET the HMAC key that signs them
  --keep N         keep the newest N requests, messages and webhook attempts
                   (default 100000; GET /__mock/stats counts them all)
  --ui-token TOKEN the token the inbox and control endpoints require (open the inbox
                   with /?token=TOKEN); needed with a HOST other machines can reach
  --open           open the inbox in the browser";

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)) {
        Ok(Some((open, config))) => run(open, config),
        Ok(None) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("acquire-mock: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<(bool, MockConfig)>, String> {
    let mut config = MockConfig::default();
    let mut open = false;
    let mut host: IpAddr = config.addr.ip();
    let mut port = 0u16;
    let (mut webhook_url, mut webhook_secret) = (None, None);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--host" => {
                host = value("--host")?
                    .parse()
                    .map_err(|e| format!("--host: {e}"))?
            }
            "--port" => {
                port = value("--port")?
                    .parse()
                    .map_err(|e| format!("--port: {e}"))?
            }
            "--fixtures" => {
                config.fixtures = Fixtures::from_file(&PathBuf::from(value("--fixtures")?))?
            }
            "--static" => config.static_mode = true,
            "--keep" => {
                config.keep = value("--keep")?
                    .parse()
                    .map_err(|e| format!("--keep: {e}"))?
            }
            "--webhook-url" => webhook_url = Some(value("--webhook-url")?),
            "--webhook-secret" => webhook_secret = Some(value("--webhook-secret")?),
            "--ui-token" => config.ui_token = Some(value("--ui-token")?),
            "--open" => open = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    config.addr = SocketAddr::new(host, port);
    config.webhook = match (webhook_url, webhook_secret) {
        (Some(url), Some(secret)) => Some(WebhookTarget { url, secret }),
        (None, None) => None,
        _ => return Err("--webhook-url and --webhook-secret go together".into()),
    };
    Ok(Some((open, config)))
}

fn run(open: bool, config: MockConfig) -> ExitCode {
    match serve_until_signal(open, config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("acquire-mock: {e}");
            ExitCode::FAILURE
        }
    }
}
