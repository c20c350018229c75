//! `acquire send`: build the client and the message from the arguments, send, report.

use std::io::Read;
use std::process::ExitCode;

use acquire_core::{
    Error, FindCase, MailFields, Message, MessageParts, RequestOptions, SendMessage,
};

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
    let parts = parts(args)?;
    if args.to.is_none() && args.contact_id.is_none() {
        // clap requires --case-id without --to, --contact-id or --batch.
        let case_id = args.case_id.unwrap_or_default();
        return client.send_message(&SendMessage::from_parts(case_id, parts)?);
    }
    let find = FindCase::from_fields(
        args.to.clone(),
        args.contact_id,
        args.create,
        !args.no_reopen,
    )?;
    client.send_to_contact_with(&find, parts, &RequestOptions::default())
}

/// The message the arguments describe (its case is the send's target).
fn parts(args: &SendArgs) -> Result<MessageParts, Error> {
    // clap requires it without --batch.
    let text = args.message.as_deref().unwrap_or_default();
    let text = if text == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| stdin_error(&e))?;
        text.trim_end_matches(['\n', '\r']).to_owned()
    } else {
        text.to_owned()
    };
    let extra = args
        .extra
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| Error::InvalidRequest {
            field: "extra".into(),
            reason: format!("must be a JSON object: {e}"),
        })?;
    Ok(MessageParts {
        text,
        message_type: Some(args.message_type.as_str().to_owned()),
        translate_lang_key: args.translate_lang_key.clone(),
        channel: args.channel.clone(),
        as_contact_id: args.as_contact,
        extra,
        mail: MailFields {
            to: args.mail_to.clone(),
            subject: args.subject.clone(),
            html_body: args.html_body.clone(),
            cc: args.cc.clone(),
            bcc: args.bcc.clone(),
        },
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
