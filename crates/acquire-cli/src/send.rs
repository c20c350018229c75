//! `acquire send`: build the client and the message from the arguments, send, report.

use std::io::Read;
use std::process::ExitCode;

use acquire_core::{Error, FindCase, Message, MessageParts, RequestOptions, SendMessage};

use crate::args::SendArgs;
use crate::{batch, connect, exit};

/// Runs `acquire send` and returns the process exit code.
pub fn run(args: SendArgs) -> ExitCode {
    if args.batch.is_some() {
        return batch::run(&args);
    }
    match send(&args) {
        Ok(sent) => {
            if args.json {
                println!("{}", sent.raw_json().unwrap_or_default());
            } else {
                println!("{}", summary(&sent));
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            eprintln!("  {}", exit::advice(&err));
            ExitCode::from(exit::code(&err))
        }
    }
}

fn send(args: &SendArgs) -> Result<Message, Error> {
    let client = connect::client(&args.connection)?;
    let find = match (&args.to, args.contact) {
        (Some(email), _) => FindCase::email(email.as_str()),
        (None, Some(contact)) => FindCase::contact(contact),
        (None, None) => return client.send_message(&message(args, args.case_id)?),
    };
    let message = message(args, Some(1))?;
    client.send_to_contact_with(
        &find.create(args.create),
        message,
        &RequestOptions::default(),
    )
}

/// The message the arguments describe, into `case_id` (a placeholder when the case is
/// looked up).
fn message(args: &SendArgs, case_id: Option<i64>) -> Result<SendMessage, Error> {
    // clap requires both without --batch.
    let (Some(case_id), Some(text)) = (case_id, args.text.as_deref()) else {
        return Err(Error::InvalidRequest {
            field: "message".into(),
            reason: "and --case-id are required without --batch".into(),
        });
    };
    let text = if text == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| stdin_error(&e))?;
        text.trim_end_matches(['\n', '\r']).to_owned()
    } else {
        text.to_owned()
    };
    SendMessage::from_parts(MessageParts {
        case_id,
        text,
        message_type: Some(args.message_type.as_str().to_owned()),
        translate_lang_key: args.translate.clone(),
        channel: args.channel.clone(),
        contact_id: args.as_contact,
        extra: None,
    })
}

fn stdin_error(e: &std::io::Error) -> Error {
    Error::InvalidRequest {
        field: "message".into(),
        reason: format!("could not be read from standard input: {e}"),
    }
}

/// One readable line: message id, case and its status, sender, time.
pub fn summary(sent: &Message) -> String {
    let status = sent
        .case
        .as_ref()
        .and_then(|c| c.status.as_deref())
        .unwrap_or("unknown");
    let sender = sent
        .sender
        .as_ref()
        .and_then(|s| s.name.clone())
        .or_else(|| sent.sender_type.clone())
        .unwrap_or_else(|| "unknown".into());
    let time = sent
        .date_created
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_else(|| "unknown time".into());
    let kind = sent.message_type.as_deref().unwrap_or("message");
    format!(
        "sent {kind} {} to case {} ({status}) as {sender} at {time}",
        sent.id, sent.case_id
    )
}
