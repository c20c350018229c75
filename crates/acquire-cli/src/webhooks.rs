//! `acquire webhooks`: send a signed sample event to an endpoint, or check a delivery.

use std::io::Read;
use std::process::ExitCode;

use acquire_core::webhooks::{self, SIGNATURE_HEADER};

use crate::args::{TriggerArgs, VerifyArgs, WebhooksCommand};
use crate::exit;

/// Environment variable holding the webhook secret.
const ENV_SECRET: &str = "ACQUIRE_WEBHOOK_SECRET";

/// Runs `acquire webhooks …` and returns the exit code.
pub fn run(command: WebhooksCommand) -> ExitCode {
    match command {
        WebhooksCommand::Trigger(args) => trigger(args),
        WebhooksCommand::Verify(args) => verify(args),
    }
}

fn secret(flag: Option<String>) -> Result<String, ExitCode> {
    flag.or_else(|| std::env::var(ENV_SECRET).ok())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            eprintln!("error: pass --secret or set {ENV_SECRET}");
            ExitCode::from(exit::USAGE)
        })
}

fn trigger(args: TriggerArgs) -> ExitCode {
    let secret = match secret(args.secret) {
        Ok(secret) => secret,
        Err(code) => return code,
    };
    let Some(payload) =
        acquire_mock::sample_event(&args.event, args.case, &args.text, &args.status)
    else {
        eprintln!(
            "error: unknown event `{}` (case:message:new or case:status)",
            args.event
        );
        return ExitCode::from(exit::USAGE);
    };
    let body = payload.to_string();
    let signature = webhooks::sign(body.as_bytes(), &secret);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(30)))
        .build()
        .into();
    let sent = agent
        .post(&args.url)
        .header("content-type", "application/json")
        .header(SIGNATURE_HEADER, &signature)
        .send(&body);
    match sent {
        Ok(response) => {
            let status = response.status();
            println!("{} {} -> {status}", args.event, args.url);
            if status.is_success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(exit::API_CLIENT)
            }
        }
        Err(e) => {
            eprintln!("error: cannot reach {}: {e}", args.url);
            ExitCode::from(exit::NETWORK)
        }
    }
}

fn verify(args: VerifyArgs) -> ExitCode {
    let secret = match secret(args.secret) {
        Ok(secret) => secret,
        Err(code) => return code,
    };
    let mut body = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut body) {
        eprintln!("error: cannot read the body from standard input: {e}");
        return ExitCode::from(exit::USAGE);
    }
    match webhooks::construct_event(&body, &args.signature, &secret) {
        Ok(event) => {
            eprintln!("signature ok");
            println!(
                "{}",
                serde_json::to_string_pretty(&event).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err} ({})", err.code());
            ExitCode::from(exit::INVALID)
        }
    }
}
