//! `acquire contacts|cases|messages …`: the read side, as a table or JSON.

use std::io::Write;
use std::process::ExitCode;

use acquire_core::{
    Case, CaseListParams, CaseQuery, Client, Contact, EditMessage, Error, FindCase, Invite,
    Message, MessageParts, NewContact, OpenCase, SendMessage, Settlement, Snooze,
};
use serde::Serialize;
use serde_json::json;

use crate::args::{CasesCommand, ContactFields, ContactsCommand, MessagesCommand, Output, TypeArg};
use crate::table::Table;
use crate::{connect, exit};

/// Runs `acquire contacts …`.
pub fn contacts(command: ContactsCommand) -> ExitCode {
    match command {
        ContactsCommand::FindByEmail { email, output } => run(&output, |client| {
            let found = client.contacts().find_by_email(&email)?;
            list(&output, found.into_iter().map(Ok), contact_table)
        }),
        ContactsCommand::Search {
            text,
            limit,
            output,
        } => run(&output, |client| {
            let pages = client.contacts().search(&text, limit)?;
            list(&output, pages, contact_table)
        }),
        ContactsCommand::Get { contact_id, output } => run(&output, |client| {
            let contact = client.contacts().get(contact_id)?;
            one(&output, &contact, || {
                let mut text = contact_table(std::slice::from_ref(&contact)).render();
                text.push_str("\n\ncases:\n");
                text.push_str(&case_table(&contact.cases).render());
                text
            })
        }),
        ContactsCommand::List { limit, output } => run(&output, |client| {
            let pages = client.contacts().list(limit)?;
            list(&output, pages, contact_table)
        }),
        ContactsCommand::Create { fields, output } => run(&output, |client| {
            let contact = client.contacts().create(&new_contact(fields))?;
            one(&output, &contact, || {
                format!("created contact {}", contact.id)
            })
        }),
        ContactsCommand::Update {
            contact_id,
            fields,
            output,
        } => run(&output, |client| {
            let contact = client.contacts().update(contact_id, &new_contact(fields))?;
            one(&output, &contact, || {
                format!("updated contact {}", contact.id)
            })
        }),
    }
}

/// The contact fields the flags give.
fn new_contact(flags: ContactFields) -> NewContact {
    [
        ("email", flags.email),
        ("name", flags.name),
        ("phone", flags.phone),
    ]
    .into_iter()
    .filter_map(|(key, value)| Some((key.to_owned(), value?)))
    .chain(flags.fields)
    .fold(NewContact::new(), |new, (key, value)| new.field(key, value))
}

/// Runs `acquire cases …`.
pub fn cases(command: CasesCommand) -> ExitCode {
    match command {
        CasesCommand::Find {
            email,
            contact_id,
            create,
            no_reopen,
            output,
        } => run(&output, |client| {
            let find = FindCase::from_fields(email, contact_id, create, !no_reopen)?;
            let found = client.find_case(&find)?;
            one(&output, &found, || {
                format!(
                    "case {} of contact {} ({}{})",
                    found.case.id,
                    found.contact_id,
                    found.source.as_str(),
                    if found.contact_created {
                        ", contact created"
                    } else {
                        ""
                    }
                )
            })
        }),
        CasesCommand::List {
            contact_id,
            status,
            conditions,
            select,
            relations,
            limit,
            output,
        } => run(&output, |client| {
            let query = CaseQuery::from(CaseListParams {
                contact_id,
                status,
                conditions,
                select,
                relations,
                limit,
            });
            let pages = client.cases().list(&query)?;
            list(&output, pages, case_table)
        }),
        CasesCommand::Get { case_id, output } => run(&output, |client| {
            let case = client.cases().get(case_id)?;
            one(&output, &case, || {
                case_table(std::slice::from_ref(&case)).render()
            })
        }),
        CasesCommand::Open {
            contact_id,
            thread_id,
            message,
            title,
            channel,
            output,
        } => run(&output, |client| {
            let open = OpenCase::from_fields(contact_id, thread_id, message, title, channel);
            let case = client.cases().open(&open)?;
            one(&output, &case, || {
                format!(
                    "opened case {} (thread {})",
                    case.id,
                    or_dash(case.thread_id)
                )
            })
        }),
        CasesCommand::Close { case_id, output } => run(&output, |client| {
            let closed = client.cases().close(case_id)?;
            one(&output, &closed.raw, || {
                format!("closed case {}", closed.case_id)
            })
        }),
        CasesCommand::Invite {
            case_id,
            agent_ids,
            department_ids,
            output,
        } => run(&output, |client| {
            let invite = Invite::from_fields(case_id, agent_ids, department_ids);
            let invitation = client.cases().invite(&invite)?;
            one(&output, &invitation, || {
                let mut table = Table::new(&["AGENT", "ONLINE", "NOTIFIED"]);
                let yes_no = |flag: bool| Some(if flag { "yes" } else { "no" }.to_owned());
                for agent in &invitation.agents {
                    table.row(vec![
                        Some(agent.user_id.to_string()),
                        yes_no(agent.online),
                        yes_no(agent.sent),
                    ]);
                }
                format!("invited into case {case_id}:\n{}", table.render())
            })
        }),
        CasesCommand::Snooze {
            case_id,
            until,
            message,
            output,
        } => run(&output, |client| {
            let snoozed = client
                .cases()
                .snooze(&Snooze::from_fields(case_id, &until, message)?)?;
            one(&output, &snoozed, || {
                let until = snoozed.until.map(|t| t.format("%Y-%m-%d %H:%M:%S UTC"));
                let until = until.map_or_else(|| "-".into(), |t| t.to_string());
                format!("snoozed case {case_id} until {until}")
            })
        }),
    }
}

/// Runs `acquire messages …`.
pub fn messages(command: MessagesCommand) -> ExitCode {
    match command {
        MessagesCommand::Get { message_id, output } => run(&output, |client| {
            let message = client.messages().get(message_id)?;
            one(&output, &message, || {
                message_table(std::slice::from_ref(&message)).render()
            })
        }),
        MessagesCommand::Update {
            message_id,
            message,
            message_type,
            translate_lang_key,
            output,
        } => run(&output, |client| {
            let edit =
                EditMessage::from_fields(message, Some(message_type.as_str()), translate_lang_key)?;
            let edited = client.messages().update(message_id, &edit)?;
            one(&output, &edited, || {
                format!("updated message {}", edited.id)
            })
        }),
        MessagesCommand::Delete { message_id, output } => run(&output, |client| {
            let deleted = client.messages().delete(message_id)?;
            one(&output, &json!({ "deleted": deleted }), || {
                format!("deleted message {message_id}")
            })
        }),
        MessagesCommand::List {
            case_id,
            order,
            limit,
            output,
        } => run(&output, |client| {
            let messages = client.messages().list(case_id, order.order(), limit)?;
            list(&output, messages.into_iter().map(Ok), message_table)
        }),
        MessagesCommand::Settle {
            message,
            case_id,
            since,
            message_type,
            as_contact,
            output,
        } => settle(message, case_id, &since, message_type, as_contact, &output),
        MessagesCommand::Thread {
            thread_id,
            contact_id,
            output,
        } => run(&output, |client| {
            let cases = client.messages().thread(thread_id, contact_id)?;
            list(&output, cases.into_iter().map(Ok), |cases| {
                let mut table = Table::new(&["CASE", "STATUS", "LAST MESSAGE", "FROM", "TEXT"]);
                for case in cases {
                    let last = case.last_message.as_deref();
                    table.row(vec![
                        Some(case.id.to_string()),
                        case.status.clone(),
                        last.map(|m| m.id.to_string()),
                        last.and_then(|m| m.sender_type.clone()),
                        last.and_then(|m| m.message.clone()),
                    ]);
                }
                table
            })
        }),
    }
}

/// Builds the client, runs `body` and reports its failure with the usual exit codes. An
/// error after some output (a later page) is reported the same way.
fn run(output: &Output, body: impl FnOnce(&Client) -> Result<(), Error>) -> ExitCode {
    let result = connect::client(&output.connection).and_then(|client| body(&client));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            eprintln!("  {}", exit::hint(&err));
            ExitCode::from(exit::code(&err))
        }
    }
}

/// Prints one object: its JSON, or the text `render` makes.
fn one<T: Serialize>(
    output: &Output,
    value: &T,
    render: impl FnOnce() -> String,
) -> Result<(), Error> {
    if output.json {
        println!("{}", serde_json::to_string(value).unwrap_or_default());
    } else {
        println!("{}", render());
    }
    Ok(())
}

/// Prints a list as it arrives: with `--json` one object per line (a page at a time in
/// memory), else a table of everything. A failed page ends it with that error.
fn list<T: Serialize>(
    output: &Output,
    items: impl IntoIterator<Item = Result<T, Error>>,
    table: impl FnOnce(&[T]) -> Table,
) -> Result<(), Error> {
    if output.json {
        let mut stdout = std::io::stdout().lock();
        for item in items {
            let line = serde_json::to_string(&item?).unwrap_or_default();
            // A reader that stopped (`| head`) ends the listing quietly.
            if writeln!(stdout, "{line}").is_err() {
                break;
            }
        }
        return Ok(());
    }
    let all = items.into_iter().collect::<Result<Vec<T>, Error>>()?;
    println!("{}", table(&all).render());
    Ok(())
}

fn or_dash(value: Option<i64>) -> String {
    value.map_or_else(|| "-".into(), |v| v.to_string())
}

fn contact_table(contacts: &[Contact]) -> Table {
    let mut table = Table::new(&["ID", "NAME", "EMAIL", "PHONE"]);
    for contact in contacts {
        table.row(vec![
            Some(contact.id.to_string()),
            contact.name().map(str::to_owned),
            contact.email().map(str::to_owned),
            contact.phone().map(str::to_owned),
        ]);
    }
    table
}

fn case_table(cases: &[Case]) -> Table {
    let mut table = Table::new(&[
        "ID", "STATUS", "CONTACT", "THREAD", "CHANNEL", "CREATED", "TITLE",
    ]);
    for case in cases {
        let contact = case.contact_id.or(case.contact.as_ref().map(|c| c.id));
        table.row(vec![
            Some(case.id.to_string()),
            case.status.clone(),
            contact.map(|c| c.to_string()),
            case.thread_id.map(|t| t.to_string()),
            case.channel.clone(),
            case.date_created
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
            case.title.clone(),
        ]);
    }
    table
}

fn message_table(messages: &[Message]) -> Table {
    let mut table = Table::new(&["ID", "CASE", "TYPE", "FROM", "CREATED", "TEXT"]);
    for message in messages {
        table.row(vec![
            Some(message.id.to_string()),
            Some(message.case_id.to_string()),
            message.message_type.clone(),
            message.sender_type.clone(),
            message
                .date_created
                .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()),
            message.message.clone(),
        ]);
    }
    table
}

/// `acquire messages settle`: prints the verdict; exit 0 delivered, 9 not delivered, 10
/// unknown.
fn settle(
    text: String,
    case_id: i64,
    since: &str,
    message_type: TypeArg,
    as_contact: Option<i64>,
    output: &Output,
) -> ExitCode {
    let Ok(since) = chrono::DateTime::parse_from_rfc3339(since) else {
        eprintln!("error: --since must be an RFC 3339 time such as 2026-12-03T09:00:00Z");
        return ExitCode::from(exit::INVALID);
    };
    let mut verdict = None;
    let code = run(output, |client| {
        let parts = MessageParts {
            text,
            message_type: Some(message_type.as_str().to_owned()),
            as_contact_id: as_contact,
            ..MessageParts::default()
        };
        let message = SendMessage::from_parts(case_id, parts)?;
        let settled = client.settle(&message, since.into())?;
        let shown = match &settled {
            Settlement::Delivered(stored) => json!({"status": "delivered", "message": stored}),
            Settlement::Unknown { reason } => json!({"status": "unknown", "reason": reason}),
            other => json!({"status": other.as_str()}),
        };
        one(output, &shown, || match &settled {
            Settlement::Delivered(stored) => format!(
                "delivered: message {} in case {}",
                stored.id, stored.case_id
            ),
            Settlement::NotDelivered => "not_delivered: safe to send again".into(),
            Settlement::Unknown { reason } => format!("unknown: {reason}"),
            _ => settled.as_str().into(),
        })?;
        verdict = Some(settled.as_str());
        Ok(())
    });
    match verdict {
        Some("not_delivered") => ExitCode::from(exit::NOT_DELIVERED),
        Some("unknown") => ExitCode::from(exit::UNKNOWN),
        _ => code,
    }
}
