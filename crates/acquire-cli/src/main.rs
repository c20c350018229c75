//! `acquire`: send a message into an Acquire conversation from the shell, or run the
//! local Acquire server.

mod args;
mod batch;
mod connect;
mod exit;
mod progress;
mod raw;
mod read;
mod send;
mod table;
mod webhooks;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Send(args) => send::run(*args),
        Command::Webhooks(command) => webhooks::run(command),
        Command::Contacts(command) => read::contacts(command),
        Command::Cases(command) => read::cases(command),
        Command::Messages(command) => read::messages(command),
        Command::Request(args) => raw::run(args),
        Command::Mock(args) => {
            match acquire_mock::serve_until_signal(args.open, args.into_config()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot run the local server: {e}");
                    ExitCode::from(exit::USAGE)
                }
            }
        }
    }
}
