//! The message endpoints: a thread's cases with their last message, get, update, delete.

use serde_json::{Value, json};

use crate::crm::endpoint::{Answer, body_object, not_found, parse_id};
use crate::crm::query::Params;
use crate::crm::views::{cases_of, message_view, strip_relations};
use crate::rejection::Rejection;
use crate::world::{World, now_iso};

pub(crate) fn thread(world: &World, params: &Params) -> Result<Answer, Rejection> {
    let thread = params.id("threadId")?;
    let contact_id = params.id("contactId")?;
    let cases: Vec<Value> = cases_of(world, contact_id)
        .filter(|c| c["threadId"].as_i64() == Some(thread))
        .map(|case| {
            let id = case["id"].as_i64();
            let mut row = strip_relations(case);
            row["cases"] = json!([]);
            let last = world
                .messages
                .iter()
                .rev()
                .find(|m| m["caseId"].as_i64() == id);
            row["lastMessage"] = last.map(message_view).unwrap_or(Value::Null);
            row
        })
        .collect();
    Answer::data(Value::Array(cases))
}

pub(crate) fn get_message(world: &World, id: &str) -> Result<Answer, Rejection> {
    let id = parse_id("messageId", id)?;
    let message = world
        .messages
        .iter()
        .rev()
        .find(|m| m["id"].as_i64() == Some(id))
        .ok_or_else(|| not_found("message", id))?;
    Answer::data(message_view(message))
}

/// Update message: a new text (and type, translation) for an agent's message; the stored
/// message answers, with `dateUpdated`. The docs leave open which messages may be edited:
/// here an agent's message (a note or event too) in any case, open or closed, and not a
/// customer's (400 `ERROR_INVALID_INPUT`).
pub(crate) fn update_message(
    world: &mut World,
    id: &str,
    body: &[u8],
) -> Result<Answer, Rejection> {
    let id = parse_id("messageId", id)?;
    let body = body_object(body, true)?;
    let edit = body
        .get("message")
        .and_then(Value::as_object)
        .ok_or_else(|| Rejection::invalid("message must be an object"))?;
    let text = edit
        .get("message")
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| Rejection::invalid("message.message must be a non-empty string"))?;
    let kind = edit
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("message");
    if !["message", "note", "event"].contains(&kind) {
        return Err(Rejection::invalid(format!("unknown message type {kind}")));
    }
    let message = world
        .messages
        .iter_mut()
        .rev()
        .find(|m| m["id"].as_i64() == Some(id))
        .ok_or_else(|| not_found("message", id))?;
    if message["senderType"] == "contact" {
        return Err(Rejection::invalid("only an agent's message can be edited"));
    }
    message["message"] = text.into();
    message["type"] = kind.into();
    if let Some(lang) = edit.get("translateLangKey") {
        message["translateLangKey"] = lang.clone();
    }
    message["dateUpdated"] = now_iso().into();
    Answer::data(message.clone())
}

/// Delete message: gone from every view; an unknown id is 404 `ERROR_RECORD_NOT_FOUND`
/// (the docs leave open whether it answers `{"deleted": 0}`).
pub(crate) fn delete_message(world: &mut World, id: &str) -> Result<Answer, Rejection> {
    let id = parse_id("messageId", id)?;
    let before = world.messages.len();
    world.messages.retain(|m| m["id"].as_i64() != Some(id));
    if world.messages.len() == before {
        return Err(not_found("message", id));
    }
    Answer::data(json!({"deleted": before - world.messages.len()}))
}
