//! Sending by e-mail and SMS: Send Mail Message (`POST /mail/add-message`) and Send SMS
//! (`POST /voip/send-sms`), stored on the case like a chat message, with the channel's
//! fields in the message's `meta`.
//!
//! Where the docs are silent, this server chooses: the case must be active and of that
//! channel (`email`, `sms`; else 400 `ERROR_INVALID_INPUT`), an unknown case is 404; a mail
//! needs `to` (addresses), `from` and `htmlBody`; an SMS finds its case as the contact's
//! active SMS case in `threadId`.

use serde_json::{Map, Value, json};

use crate::crm::endpoint::{Answer, body_object, not_found};
use crate::fixtures::ApiKeyFixture;
use crate::rejection::Rejection;
use crate::world::{World, now_iso};

/// A required non-empty string field.
fn text<'a>(body: &'a Map<String, Value>, name: &str) -> Result<&'a str, Rejection> {
    body.get(name)
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| Rejection::invalid(format!("{name} is required (a non-empty string)")))
}

/// A required positive id field (a number or numeric string).
fn id(body: &Map<String, Value>, name: &str) -> Result<i64, Rejection> {
    body.get(name)
        .and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()))
        .filter(|id| *id > 0)
        .ok_or_else(|| Rejection::invalid(format!("{name} is required (a positive integer)")))
}

/// A list of e-mail addresses (absent: none).
fn addresses(body: &Map<String, Value>, name: &str) -> Result<Vec<String>, Rejection> {
    let bad = || Rejection::invalid(format!("{name} must be an array of e-mail addresses"));
    match body.get(name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .filter(|a| a.contains('@'))
                    .map(str::to_owned)
                    .ok_or_else(bad)
            })
            .collect(),
        Some(_) => Err(bad()),
    }
}

/// The case, which must exist, be active and be of `channel`.
fn case_of<'a>(world: &'a World, case_id: i64, channel: &str) -> Result<&'a Value, Rejection> {
    let case = world
        .cases
        .get(&case_id)
        .ok_or_else(|| not_found("case", case_id))?;
    let status = case["status"].as_str().unwrap_or("unknown");
    if status != "active" {
        return Err(Rejection::invalid(format!(
            "case {case_id} is not active (status: {status})"
        )));
    }
    let has = case["channel"].as_str().unwrap_or("chat");
    if has != channel {
        return Err(Rejection::invalid(format!(
            "case {case_id} is not an {channel} case (channel: {has})"
        )));
    }
    Ok(case)
}

/// HTML as the plain text of a stored message: `<br>` as new lines, tags dropped,
/// the five escapes read.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html.replace("<br>", "\n").replace("<br/>", "\n");
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        rest = match rest[start..].find('>') {
            Some(end) => rest[start + end + 1..].to_owned(),
            None => String::new(),
        };
    }
    out.push_str(&rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Send Mail Message.
pub(crate) fn send_mail(
    world: &mut World,
    key: &ApiKeyFixture,
    body: &[u8],
) -> Result<Answer, Rejection> {
    let body = body_object(body, true)?;
    let data = body
        .get("data")
        .and_then(Value::as_object)
        .ok_or_else(|| Rejection::invalid("data must be an object"))?;
    let case_id = id(data, "caseId")?;
    let to = addresses(data, "to")?;
    if to.is_empty() {
        return Err(Rejection::invalid("to must name at least one recipient"));
    }
    let (cc, bcc) = (addresses(data, "cc")?, addresses(data, "bcc")?);
    let from = text(data, "from")?.to_owned();
    let html = text(data, "htmlBody")?.to_owned();
    let case = case_of(world, case_id, "email")?;
    if let Some(contact) = data.get("contactId").filter(|v| !v.is_null())
        && contact.as_i64() != case["contactId"].as_i64()
    {
        return Err(Rejection::invalid(format!(
            "contact {contact} is not the contact of case {case_id}"
        )));
    }
    let subject = data.get("subject").cloned().unwrap_or(Value::Null);
    let text_body = plain(&html);
    let meta =
        json!({"subject": subject, "to": to, "from": from, "cc": cc, "bcc": bcc, "htmlBody": html});
    let stored = world.add_channel_message(key, case_id, &text_body, meta);
    let mail_id = world.next_record_id;
    world.next_record_id += 1;
    let person = |email: &String| json!({"Name": "", "Email": email});
    Answer::data(json!({
        "id": mail_id,
        "caseMessageId": stored["id"],
        "caseId": case_id,
        "inboxId": 1,
        "mailId": mail_id,
        "type": stored["type"],
        "senderType": "user",
        "senderId": stored["senderId"],
        "to": to.iter().map(person).collect::<Vec<_>>(),
        "from": {"Name": key.sender["name"], "Email": from, "MailboxHash": ""},
        "cc": cc.iter().map(person).collect::<Vec<_>>(),
        "bcc": bcc.iter().map(person).collect::<Vec<_>>(),
        "subject": subject,
        "textBody": text_body,
        "htmlBody": html,
        "dateCreated": now_iso(),
        "sender": stored["sender"],
        "mailMsgId": format!("<{mail_id}@mail.acquire.local>"),
    }))
}

/// Send SMS.
pub(crate) fn send_sms(
    world: &mut World,
    key: &ApiKeyFixture,
    body: &[u8],
) -> Result<Answer, Rejection> {
    let body = body_object(body, true)?;
    let message = text(&body, "Body")?.to_owned();
    let from = text(&body, "From")?.to_owned();
    let to = text(&body, "To")?.to_owned();
    let contact_id = id(&body, "contactId")?;
    let thread = id(&body, "threadId")?;
    id(&body, "timelineId")?;
    let case_id = world
        .cases
        .values()
        .filter(|c| c["contactId"].as_i64() == Some(contact_id))
        .filter(|c| c["threadId"].as_i64() == Some(thread) && c["status"] == "active")
        .filter(|c| c["channel"] == "sms")
        .filter_map(|c| c["id"].as_i64())
        .next_back()
        .ok_or_else(|| {
            Rejection::invalid(format!(
                "contact {contact_id} has no active sms case in thread {thread}"
            ))
        })?;
    let meta = json!({"From": from, "To": to});
    let stored = world.add_channel_message(key, case_id, &message, meta);
    let mut case = world.cases[&case_id].clone();
    if let Some(map) = case.as_object_mut() {
        map.remove("contact");
    }
    Answer::data(json!({
        "cas": case,
        "data": {
            "id": stored["id"], "caseId": case_id, "message": message, "msgType": "sms",
            "From": from, "To": to, "status": "sent", "dateCreated": stored["dateCreated"],
            "senderType": "user", "senderId": stored["senderId"], "type": "message",
        }
    }))
}
