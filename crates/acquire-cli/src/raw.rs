//! `acquire request METHOD PATH`: a request the SDK does not model yet; prints the JSON.

use std::process::ExitCode;

use acquire_core::{Error, RawRequest};
use serde_json::Value;

use crate::args::RawArgs;
use crate::{connect, exit};

/// Runs `acquire request` and returns the exit code.
pub fn run(args: RawArgs) -> ExitCode {
    match send(args) {
        Ok(answer) => {
            println!("{answer}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            eprintln!("  {}", exit::hint(&err));
            ExitCode::from(exit::code(&err))
        }
    }
}

fn send(args: RawArgs) -> Result<Value, Error> {
    let client = connect::client(&args.connection)?;
    let request = RawRequest::from_fields(
        args.method,
        args.path,
        args.query,
        args.body.as_deref(),
        args.idempotent,
    )?;
    client.raw_request(&request)
}
