//! The contact, case and message endpoints on the same state as Send Message: contacts own
//! cases, cases belong to threads and hold messages. Envelopes, `where`/`select`/
//! `relations` and paging as `acquire-rest-api.md` documents them; unknown ids answer
//! 404 `ERROR_RECORD_NOT_FOUND`, bad input 400 `ERROR_INVALID_INPUT`.

use serde_json::{Map, Value, json};

use crate::api::{Rejection, World, now_iso};
use crate::endpoint::{Answer, body_object, not_found, parse_id};
use crate::fixtures::ApiKeyFixture;

/// The default and largest page size of the lists (Acquire's are undocumented; its
/// examples show 20). A larger `limit` is served as this one, and echoed.
const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: usize = 1000;

/// The case columns `where` and `select` may name (the docs' list).
const CASE_COLUMNS: [&str; 22] = [
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
const CASE_RELATIONS: [&str; 5] = ["contact", "users", "messages", "cases", "fields"];

/// A request below `/api/v1`, parsed.
pub(crate) struct Request<'a> {
    /// `GET`, `POST`, `DELETE`, ...
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub body: &'a [u8],
}

/// Whether `path` (below `/api/v1`) is one of these endpoints.
pub(crate) fn is_crm_path(path: &str) -> bool {
    path.starts_with("/crm/objects/")
        || path == "/crm/contact/list"
        || path == "/crm/messenger/chat/messages"
        || path == "/crm/messenger/chat/create"
        || path == "/crm/messenger/chat/close"
        || path.starts_with("/crm/messenger/chat/message/")
        || path == "/crm/messenger/agent/invite-agent"
        || path == "/crm/follow-up/create"
        || path == "/mail/add-message"
        || path == "/voip/send-sms"
}

/// Answers one request to these endpoints (authentication first).
pub(crate) fn handle(
    world: &mut World,
    authorization: Option<&str>,
    request: &Request<'_>,
) -> Result<Answer, Rejection> {
    let key = world.authorize(authorization)?.clone();
    let params = Params::parse(request.query);
    let segments: Vec<&str> = request.path.trim_start_matches('/').split('/').collect();
    match (request.method, segments.as_slice()) {
        ("GET", ["crm", "objects", "contact"]) => list_contacts(world, &params),
        ("GET", ["crm", "objects", "contact", id]) => get_contact(world, id, &params),
        ("POST", ["crm", "objects", "contact"]) => create_contact(world, request.body),
        ("PUT", ["crm", "objects", "contact", id]) => {
            writable(&key)?;
            update_contact(world, id, request.body)
        }
        ("POST", ["crm", "contact", "list"]) => search_contacts(world, request.body),
        ("GET", ["crm", "objects", "case"]) => list_cases(world, &params),
        ("GET", ["crm", "objects", "case", id]) => get_case(world, id, &params),
        ("POST", ["crm", "messenger", "chat", "create"]) => {
            writable(&key)?;
            open_case(world, &key, &params, request.body)
        }
        ("POST", ["crm", "messenger", "chat", "close"]) => {
            writable(&key)?;
            close_case(world, &key, request.body)
        }
        ("GET", ["crm", "messenger", "chat", "messages"]) => thread(world, &params),
        ("GET", ["crm", "objects", "case-message", id]) => get_message(world, id),
        ("POST", ["crm", "messenger", "chat", "message", id]) => {
            writable(&key)?;
            update_message(world, id, request.body)
        }
        ("DELETE", ["crm", "objects", "case-message", id]) => {
            writable(&key)?;
            delete_message(world, id)
        }
        ("POST", ["crm", "messenger", "agent", "invite-agent"]) => {
            writable(&key)?;
            crate::team::invite(world, request.body)
        }
        ("POST", ["mail", "add-message"]) => {
            writable(&key)?;
            crate::channels::send_mail(world, &key, request.body)
        }
        ("POST", ["voip", "send-sms"]) => {
            writable(&key)?;
            crate::channels::send_sms(world, &key, request.body)
        }
        ("POST", ["crm", "follow-up", "create"]) => {
            writable(&key)?;
            crate::team::snooze(world, &key, request.body)
        }
        _ => Err(Rejection::new(
            405,
            "ERROR_INVALID_INPUT",
            format!("method not allowed on {}", request.path),
        )),
    }
}

fn writable(key: &ApiKeyFixture) -> Result<(), Rejection> {
    if key.chat {
        Ok(())
    } else {
        Err(Rejection::new(
            403,
            "ERROR_UNAUTHORIZED_ACCESS",
            "this API key has no permission to change cases",
        ))
    }
}

/// Query parameters, percent-decoded; `where[]` counts as `where`.
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    /// Parses a query string.
    pub(crate) fn parse(query: &str) -> Params {
        Params(
            query
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    let k = decode(k);
                    (k.trim_end_matches("[]").to_owned(), decode(v))
                })
                .collect(),
        )
    }

    /// The first value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A `|`-separated list parameter.
    fn list(&self, name: &str) -> Vec<&str> {
        self.get(name)
            .map(|v| {
                v.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A non-negative integer parameter (`None` when absent).
    fn number(&self, name: &str) -> Result<Option<usize>, Rejection> {
        self.get(name)
            .map(|v| {
                v.parse().map_err(|_| {
                    Rejection::invalid(format!("{name} must be a non-negative integer"))
                })
            })
            .transpose()
    }

    /// A positive id parameter that must be present.
    fn id(&self, name: &str) -> Result<i64, Rejection> {
        match self.get(name) {
            None | Some("") => Err(Rejection::invalid(format!("{name} is required"))),
            Some(v) => parse_id(name, v),
        }
    }

    /// `(page, offset, limit)`: `offset` wins over `page × limit`.
    fn paging(&self) -> Result<(usize, usize, usize), Rejection> {
        let limit = match self.number("limit")? {
            None => DEFAULT_LIMIT,
            Some(0) => return Err(Rejection::invalid("limit must be at least 1")),
            Some(n) => n.min(MAX_LIMIT),
        };
        let page = self.number("page")?.unwrap_or(0);
        let offset = self.number("offset")?.unwrap_or(page.saturating_mul(limit));
        Ok((offset / limit, offset, limit))
    }
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The text of a JSON value as `where` compares it (`5` and `"5"` alike).
fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// Whether a JSON value reads as `text` (`5` and `"5"` alike), without allocating for
/// strings and integers: `where` runs over every case for every page.
fn text_equals(value: &Value, text: &str) -> bool {
    match value {
        Value::String(s) => s == text,
        Value::Number(n) => match (n.as_i64(), text.parse::<i64>()) {
            (Some(a), Ok(b)) => a == b,
            _ => n.to_string() == text,
        },
        other => as_text(other) == text,
    }
}

// ---- contacts ----

/// A contact as the contact endpoints show it (without its cases).
fn contact_row(contact: &Value) -> Value {
    let mut row = contact.clone();
    if let Some(map) = row.as_object_mut() {
        map.remove("cases");
        map.entry("fields").or_insert_with(|| json!({}));
    }
    row
}

/// The contact embedded in a case (the contact columns, no fields).
fn embedded_contact(contact: &Value) -> Value {
    let mut embedded = contact.clone();
    if let Some(map) = embedded.as_object_mut() {
        map.remove("fields");
        map.remove("cases");
    }
    embedded
}

fn cases_of(world: &World, contact_id: i64) -> impl Iterator<Item = &Value> {
    world
        .cases
        .values()
        .filter(move |c| c["contactId"].as_i64() == Some(contact_id))
}

fn list_contacts(world: &World, params: &Params) -> Result<Answer, Rejection> {
    let (_, offset, limit) = params.paging()?;
    let list: Vec<Value> = world
        .contacts
        .values()
        .rev()
        .skip(offset)
        .take(limit)
        .map(|contact| {
            let mut row = contact_row(contact);
            let id = contact["id"].as_i64().unwrap_or_default();
            let cases: Vec<&Value> = cases_of(world, id).collect();
            if let Some(latest) = cases.last() {
                row["latestObjectType"] = "case".into();
                row["caseId"] = as_text(&latest["id"]).into(); // a string, as documented
                for column in ["title", "description", "channel", "status"] {
                    row[column] = latest[column].clone();
                }
            } else {
                row["latestObjectType"] = Value::Null;
                row["status"] = Value::Null;
            }
            row["totalCase"] = cases.len().into();
            row
        })
        .collect();
    let active = world
        .cases
        .values()
        .filter(|c| c["status"] == "active")
        .count();
    Answer::data(json!({
        "list": list,
        "counts": {"total": world.contacts.len(), "records": list.len(), "pending": 0, "active": active},
    }))
}

fn get_contact(world: &World, id: &str, params: &Params) -> Result<Answer, Rejection> {
    let id = parse_id("contactId", id)?;
    let contact = world
        .contacts
        .get(&id)
        .ok_or_else(|| not_found("contact", id))?;
    let mut answer = contact_row(contact);
    let relations = params.list("relations");
    if relations.contains(&"cases") {
        answer["cases"] = cases_of(world, id).map(strip_relations).collect();
    }
    if !relations.contains(&"fields")
        && let Some(map) = answer.as_object_mut()
    {
        map.remove("fields");
    }
    Answer::data(answer)
}

fn create_contact(world: &mut World, body: &[u8]) -> Result<Answer, Rejection> {
    let body = body_object(body, true)?;
    let mut fields = match body.get("fields") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(fields)) => fields.clone(),
        Some(_) => return Err(Rejection::invalid("fields must be an object")),
    };
    for name in ["name", "email", "phone"] {
        if let Some(value) = body.get(name) {
            fields.entry(name).or_insert(value.clone());
        }
    }
    if !fields
        .values()
        .any(|v| v.as_str().is_some_and(|s| !s.trim().is_empty()))
    {
        return Err(Rejection::invalid(
            "a contact needs at least one field (name, email, phone, …)",
        ));
    }
    let id = world.next_contact_id;
    world.next_contact_id += 1;
    let now = now_iso();
    let contact = json!({
        "dateCreated": now, "dateUpdated": now, "clientType": body.get("clientType").cloned().unwrap_or(Value::Null),
        "clientName": null, "clientVersion": null, "clientOsName": null, "clientOsVersion": null,
        "clientDeviceType": null, "clientDeviceVendor": null, "clientDeviceModel": null,
        "clientDetails": {}, "archive": "no", "companyId": null, "id": id, "fields": fields,
    });
    world.contacts.insert(id, contact.clone());
    Answer::data(contact)
}

/// Update contact: the given fields are merged into the contact's (the docs leave merge vs
/// replace open; the rest doc advises a mock to merge), `dateUpdated` set; the contact
/// answers with its fields.
fn update_contact(world: &mut World, id: &str, body: &[u8]) -> Result<Answer, Rejection> {
    let id = parse_id("contactId", id)?;
    let body = body_object(body, true)?;
    let mut changes = match body.get("fields") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(fields)) => fields.clone(),
        Some(_) => return Err(Rejection::invalid("fields must be an object")),
    };
    for name in ["name", "email", "phone"] {
        if let Some(value) = body.get(name) {
            changes.insert(name.into(), value.clone());
        }
    }
    if changes.is_empty() {
        return Err(Rejection::invalid("an update needs at least one field"));
    }
    let contact = world
        .contacts
        .get_mut(&id)
        .ok_or_else(|| not_found("contact", id))?;
    if let Some(fields) = contact["fields"].as_object_mut() {
        fields.extend(changes);
    } else {
        contact["fields"] = Value::Object(changes);
    }
    contact["dateUpdated"] = now_iso().into();
    Answer::data(contact.clone())
}

fn search_contacts(world: &World, body: &[u8]) -> Result<Answer, Rejection> {
    let body = body_object(body, true)?;
    let search = match body.get("search") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_lowercase(),
        _ => return Err(Rejection::invalid("search must be a non-empty string")),
    };
    let number = |name: &str| body.get(name).and_then(Value::as_u64).unwrap_or(0) as usize;
    let (page, limit) = (number("page"), number("limit"));
    let rows = world.contacts.values().flat_map(|contact| {
        let fields = contact["fields"].as_object().cloned().unwrap_or_default();
        fields
            .into_iter()
            .filter(|(_, v)| {
                v.as_str()
                    .is_some_and(|s| s.to_lowercase().contains(&search))
            })
            .map(|(key, value)| {
                let mut row = contact_row(contact);
                let id = contact["id"].clone();
                row["contactId"] = id.clone();
                row["mainContactId"] = id;
                row["key"] = key.into();
                row["value"] = value;
                row["owner"] = "contact".into();
                row["object"] = "contact".into();
                row
            })
            .collect::<Vec<_>>()
    });
    let all: Vec<Value> = rows.collect();
    let count = all.len();
    // `limit: 0`, as in the docs' example, means every match.
    let list: Vec<Value> = if limit == 0 {
        all
    } else {
        all.into_iter()
            .skip(page.saturating_mul(limit))
            .take(limit.min(MAX_LIMIT))
            .collect()
    };
    Answer::data(json!({"list": list, "counts": {"filteredCount": count}}))
}

// ---- cases ----

/// A case row without its relations (what `relations=cases` of a contact shows).
fn strip_relations(case: &Value) -> Value {
    let mut row = case.clone();
    if let Some(map) = row.as_object_mut() {
        map.remove("contact");
    }
    row
}

/// A case as a list or get shows it under `select` and `relations`.
fn case_view(world: &World, case: &Value, select: &[&str], relations: &[&str]) -> Value {
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

fn check_names(what: &str, names: &[&str], allowed: &[&str]) -> Result<(), Rejection> {
    match names.iter().find(|n| !allowed.contains(n)) {
        Some(bad) => Err(Rejection::invalid(format!("unknown {what} `{bad}`"))),
        None => Ok(()),
    }
}

/// The `where` conditions: `(column, operator, value)`.
fn conditions(params: &Params) -> Result<Vec<(String, String, String)>, Rejection> {
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

fn list_cases(world: &World, params: &Params) -> Result<Answer, Rejection> {
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

fn get_case(world: &World, id: &str, params: &Params) -> Result<Answer, Rejection> {
    let id = parse_id("caseId", id)?;
    let case = world.cases.get(&id).ok_or_else(|| not_found("case", id))?;
    let (select, relations) = (params.list("select"), params.list("relations"));
    check_names("column", &select, &CASE_COLUMNS)?;
    check_names("relation", &relations, &CASE_RELATIONS)?;
    Answer::data(case_view(world, case, &select, &relations))
}

fn open_case(
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

fn close_case(world: &mut World, key: &ApiKeyFixture, body: &[u8]) -> Result<Answer, Rejection> {
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

// ---- messages ----

fn thread(world: &World, params: &Params) -> Result<Answer, Rejection> {
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

/// A stored message as the message endpoints show it (without the nested case).
fn message_view(message: &Value) -> Value {
    let mut view = message.clone();
    if let Some(map) = view.as_object_mut() {
        map.remove("case");
    }
    view
}

fn get_message(world: &World, id: &str) -> Result<Answer, Rejection> {
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
fn update_message(world: &mut World, id: &str, body: &[u8]) -> Result<Answer, Rejection> {
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
fn delete_message(world: &mut World, id: &str) -> Result<Answer, Rejection> {
    let id = parse_id("messageId", id)?;
    let before = world.messages.len();
    world.messages.retain(|m| m["id"].as_i64() != Some(id));
    if world.messages.len() == before {
        return Err(not_found("message", id));
    }
    Answer::data(json!({"deleted": before - world.messages.len()}))
}

// ---- test control ----

/// `POST /__mock/contacts`: adds a contact (`{"fields": {…}}`, as the API takes it).
pub(crate) fn control_add_contact(world: &mut World, body: &[u8]) -> Result<Value, Rejection> {
    create_contact(world, body).map(|a| a.body["data"].clone())
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
