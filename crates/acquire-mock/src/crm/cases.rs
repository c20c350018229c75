//! The case endpoints: list (`where`, `select`, `relations`), get, open (create or reopen),
//! close.

use serde_json::{Map, Value, json};

use crate::crm::endpoint::{Answer, body_object, not_found, parse_id};
use crate::crm::query::{Params, text_equals};
use crate::crm::views::{cases_of, embedded_contact, message_view};
use crate::fixtures::ApiKeyFixture;
use crate::rejection::Rejection;
use crate::world::{World, now_iso};

/// The case columns `where` and `select` may name (the docs' list).
pub(crate) const CASE_COLUMNS: [&str; 22] = [
    "dateCreated",
    "dateUpdated",
    "id",
    "contactId",
    "closedBy",
    "visitId",
    "title",
    "description",
    "status",
    "closingState",
    "dateQueue",
    "datePending",
    "dateActive",
    "dateClosed",
    "queueId",
    "queueOrder",
    "meta",
    "parentId",
    "userId",
    "waitTime",
    "channel",
    "threadId",
];

/// Relations a case may carry.
pub(crate) const CASE_RELATIONS: [&str; 5] = ["contact", "users", "messages", "cases", "fields"];

/// A case as a list or get shows it under `select` and `relations`.
pub(crate) fn case_view(world: &World, case: &Value, select: &[&str], relations: &[&str]) -> Value {
    let mut view = Map::new();
    let source = case.as_object().cloned().unwrap_or_default();
    for (column, value) in &source {
        let relation = matches!(column.as_str(), "contact" | "users");
        let wanted = if relation {
            relations.contains(&column.as_str())
        } else {
            select.is_empty()
                || select.contains(&column.as_str())
                || column == "id"
                || column == "threadId"
        };
        if wanted {
            view.insert(column.clone(), value.clone());
        }
    }
    let id = case["id"].as_i64().unwrap_or_default();
    if relations.contains(&"messages") {
        let messages: Vec<Value> = world
            .messages
            .iter()
            .filter(|m| m["caseId"].as_i64() == Some(id))
            .map(message_view)
            .collect();
        view.insert("messages".into(), messages.into());
    }
    Value::Object(view)
}

pub(crate) fn check_names(what: &str, names: &[&str], allowed: &[&str]) -> Result<(), Rejection> {
    match names.iter().find(|n| !allowed.contains(n)) {
        Some(bad) => Err(Rejection::invalid(format!("unknown {what} `{bad}`"))),
        None => Ok(()),
    }
}

/// The `where` conditions: `(column, operator, value)`.
pub(crate) fn conditions(params: &Params) -> Result<Vec<(String, String, String)>, Rejection> {
    params
        .all("where")
        .map(|condition| {
            let mut parts = condition.splitn(3, '|');
            match (parts.next(), parts.next(), parts.next()) {
                (Some(column), Some(op), Some(value)) if !value.is_empty() => {
                    if !CASE_COLUMNS.contains(&column) {
                        return Err(Rejection::invalid(format!(
                            "where: unknown column `{column}`"
                        )));
                    }
                    if !["eq", "ne"].contains(&op) {
                        return Err(Rejection::invalid(format!(
                            "where: unknown operator `{op}` (eq, ne)"
                        )));
                    }
                    Ok((column.to_owned(), op.to_owned(), value.to_owned()))
                }
                _ => Err(Rejection::invalid(format!(
                    "where: `{condition}` is not column|expression|value"
                ))),
            }
        })
        .collect()
}

pub(crate) fn list_cases(world: &World, params: &Params) -> Result<Answer, Rejection> {
    let conditions = conditions(params)?;
    let (select, relations) = (params.list("select"), params.list("relations"));
    check_names("column", &select, &CASE_COLUMNS)?;
    check_names("relation", &relations, &CASE_RELATIONS)?;
    let (page, offset, limit) = params.paging()?;
    let matches = |case: &&Value| {
        conditions.iter().all(|(column, op, value)| {
            let equal = text_equals(&case[column.as_str()], value);
            (op == "eq") == equal
        })
    };
    let matched: Vec<&Value> = world.cases.values().filter(matches).collect();
    let count = matched.len();
    let data: Vec<Value> = matched
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|case| case_view(world, case, &select, &relations))
        .collect();
    Answer::data(
        json!({"page": page, "offset": offset, "limit": limit, "count": count, "data": data}),
    )
}

pub(crate) fn get_case(world: &World, id: &str, params: &Params) -> Result<Answer, Rejection> {
    let id = parse_id("caseId", id)?;
    let case = world.cases.get(&id).ok_or_else(|| not_found("case", id))?;
    let (select, relations) = (params.list("select"), params.list("relations"));
    check_names("column", &select, &CASE_COLUMNS)?;
    check_names("relation", &relations, &CASE_RELATIONS)?;
    Answer::data(case_view(world, case, &select, &relations))
}

pub(crate) fn open_case(
    world: &mut World,
    key: &ApiKeyFixture,
    params: &Params,
    body: &[u8],
) -> Result<Answer, Rejection> {
    let contact_id = params.id("contactId")?;
    let contact = world
        .contacts
        .get(&contact_id)
        .ok_or_else(|| {
            Rejection::new(
                400,
                "ERROR_RECORD_NOT_FOUND",
                format!("contact {contact_id} not found"),
            )
        })?
        .clone();
    let body = body_object(body, false)?;
    let thread = match body.get("threadId") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let thread = v
                .as_i64()
                .filter(|t| *t > 0)
                .ok_or_else(|| Rejection::invalid("threadId must be a positive integer"))?;
            if !cases_of(world, contact_id).any(|c| c["threadId"].as_i64() == Some(thread)) {
                return Err(Rejection::new(
                    400,
                    "ERROR_RECORD_NOT_FOUND",
                    format!("contact {contact_id} has no thread {thread}"),
                ));
            }
            Some(thread)
        }
    };
    let text = match body.get("message") {
        None | Some(Value::Null) => None,
        Some(m) => match m.get("message") {
            Some(Value::String(t)) if !t.trim().is_empty() => Some(t.clone()),
            _ => {
                return Err(Rejection::invalid(
                    "message.message must be a non-empty string",
                ));
            }
        },
    };
    let text_field = |name: &str, default: Value| match body.get(name) {
        Some(Value::String(s)) => Value::String(s.clone()),
        _ => default,
    };
    let id = world.next_case_id;
    world.next_case_id += 1;
    let now = now_iso();
    let title = text_field(
        "title",
        format!("#{contact_id} has just started a chat").into(),
    );
    let case = json!({
        "title": title,
        "description": text.clone().map_or(Value::Null, Value::String),
        "channel": text_field("channel", "chat".into()),
        "contactId": contact_id,
        "contact": embedded_contact(&contact),
        "status": "active",
        "dateQueue": now, "dateCreated": now, "datePending": null, "dateActive": now,
        "visitId": null,
        "users": [],
        "parentId": thread,
        "userId": null, "dateUpdated": null, "closedBy": null, "closingState": null, "dateClosed": null,
        "queueId": null, "queueOrder": null, "waitTime": 0, "meta": {},
        "id": id,
        "threadId": thread.unwrap_or(id),
        "fields": [],
        "isCaseJoined": false,
        "preMessages": [],
    });
    world.cases.insert(id, case.clone());
    if let Some(text) = text {
        world.add_agent_message(key, id, &text);
    }
    Answer::data(case)
}

pub(crate) fn close_case(
    world: &mut World,
    key: &ApiKeyFixture,
    body: &[u8],
) -> Result<Answer, Rejection> {
    let body = body_object(body, true)?;
    let case_id = match body.get("caseId") {
        None | Some(Value::Null) => return Err(Rejection::invalid("caseId is required")),
        Some(v) => v
            .as_i64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            .filter(|id| *id > 0)
            .ok_or_else(|| Rejection::invalid("caseId must be a positive integer"))?,
    };
    let agent = key.sender["id"].clone();
    let case = world.cases.get_mut(&case_id).ok_or_else(|| {
        Rejection::new(
            400,
            "ERROR_RECORD_NOT_FOUND",
            format!("case {case_id} not found"),
        )
    })?;
    // Closing a closed case changes nothing and succeeds (a retried close is harmless).
    let changed = case["status"] != "closed";
    if changed {
        let now = now_iso();
        case["status"] = "closed".into();
        case["dateClosed"] = now.clone().into();
        case["dateUpdated"] = now.into();
        case["closedBy"] = agent.clone();
    }
    let contact_id = case["contactId"].clone();
    Ok(Answer {
        body: json!({"data": {
            "0": {"foreverClosed": true, "leftUser": true, "caseId": case_id, "contactId": contact_id},
            "userId": agent,
            "userType": "user",
        }}),
        status_changed: changed.then_some(case_id),
        notify: Vec::new(),
    })
}

/// `POST /__mock/cases`: adds `count` (default 1) cases for `contactId` with `status`
/// (default `active`), each in its own thread or in `threadId`. Returns their ids.
pub(crate) fn control_add_cases(world: &mut World, body: &[u8]) -> Result<Value, Rejection> {
    let body = body_object(body, true)?;
    let contact_id = body
        .get("contactId")
        .and_then(Value::as_i64)
        .ok_or_else(|| Rejection::invalid("contactId is required"))?;
    let contact = world
        .contacts
        .get(&contact_id)
        .cloned()
        .ok_or_else(|| not_found("contact", contact_id))?;
    let status = body
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or("active")
        .to_owned();
    let count = body
        .get("count")
        .and_then(Value::as_u64)
        .unwrap_or(1)
        .min(1_000_000);
    let thread = body.get("threadId").and_then(Value::as_i64);
    let now = now_iso();
    let mut ids = Vec::new();
    for _ in 0..count {
        let id = world.next_case_id;
        world.next_case_id += 1;
        let closed = status == "closed";
        let case = json!({
            "dateCreated": now, "dateUpdated": now, "id": id, "closedBy": null, "visitId": null,
            "title": format!("#{contact_id} case {id}"), "description": null, "channel": "chat",
            "status": status, "closingState": null, "dateQueue": now, "datePending": now,
            "dateActive": now, "dateClosed": if closed { Value::from(now.clone()) } else { Value::Null },
            "queueId": null, "queueOrder": 0, "meta": {}, "parentId": thread, "userId": null,
            "waitTime": 0, "contactId": contact_id, "contact": embedded_contact(&contact),
            "users": [], "threadId": thread.unwrap_or(id),
        });
        world.cases.insert(id, case);
        ids.push(id);
    }
    Ok(json!({ "ids": ids }))
}
