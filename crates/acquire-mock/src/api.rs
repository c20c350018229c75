//! The Send Message endpoint as documented: authentication, permission, input checks,
//! case checks, then the stored message shaped like the API docs' example.

use std::collections::{BTreeMap, HashMap, VecDeque};

use serde_json::{Map, Value, json};

use crate::fixtures::{ApiKeyFixture, Fixtures};

/// An error answer: status, Acquire error type and message. The body is
/// `{"type": "ERROR_…", "message": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rejection {
    pub status: u16,
    pub error_type: &'static str,
    pub message: String,
}

impl Rejection {
    pub(crate) fn new(status: u16, error_type: &'static str, message: impl Into<String>) -> Self {
        Rejection {
            status,
            error_type,
            message: message.into(),
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Rejection::new(400, "ERROR_INVALID_INPUT", message)
    }

    /// The JSON error body.
    pub fn body(&self) -> String {
        json!({"type": self.error_type, "message": self.message}).to_string()
    }
}

/// Accounts, contacts, cases and the messages stored in them.
#[derive(Debug)]
pub(crate) struct World {
    keys: HashMap<String, ApiKeyFixture>,
    /// Contacts by id, each with its `fields` map.
    pub(crate) contacts: BTreeMap<i64, Value>,
    /// Cases by id, each with `contactId`, `threadId` and the embedded `contact`.
    pub(crate) cases: BTreeMap<i64, Value>,
    /// The newest stored messages, at most `keep` of them.
    pub(crate) messages: VecDeque<Value>,
    keep: usize,
    /// How many messages were stored since the start or the last reset.
    stored_total: u64,
    next_id: i64,
    pub(crate) next_contact_id: i64,
    pub(crate) next_case_id: i64,
    /// The account's agents by id.
    pub(crate) agents: BTreeMap<i64, Value>,
    /// Departments by id, each with its `agents` ids.
    pub(crate) departments: BTreeMap<i64, Value>,
    /// The id the next case participant or snooze gets.
    pub(crate) next_record_id: i64,
}

/// Records keyed by their `id`.
fn by_id(records: &[Value]) -> BTreeMap<i64, Value> {
    records
        .iter()
        .map(|r| (r["id"].as_i64().unwrap_or_default(), r.clone()))
        .collect()
}

/// A send request that passed every check.
struct Accepted<'a> {
    /// The agent sending (absent for a contact's message from a control endpoint).
    key: Option<&'a ApiKeyFixture>,
    case: &'a Value,
    contact_id: Option<i64>,
    message: Map<String, Value>,
    channel: Option<String>,
}

impl World {
    pub fn new(fixtures: &Fixtures, keep: usize) -> World {
        let mut contacts: BTreeMap<i64, Value> = fixtures
            .contacts
            .iter()
            .map(|c| (c["id"].as_i64().unwrap_or_default(), c.clone()))
            .collect();
        let mut cases = BTreeMap::new();
        for case in &fixtures.cases {
            let mut case = case.clone();
            let contact = &case["contact"];
            if let Some(contact_id) = contact["id"].as_i64() {
                contacts
                    .entry(contact_id)
                    .or_insert_with(|| contact.clone());
                case["contactId"] = contact_id.into();
            }
            if case["threadId"].is_null() {
                case["threadId"] = case["id"].clone();
            }
            cases.insert(case["id"].as_i64().unwrap_or_default(), case);
        }
        let after = |ids: Option<&i64>| ids.map_or(1, |id| id + 1);
        World {
            keys: fixtures
                .api_keys
                .iter()
                .map(|k| (k.key.clone(), k.clone()))
                .collect(),
            next_contact_id: after(contacts.keys().next_back()),
            next_case_id: after(cases.keys().next_back()),
            contacts,
            cases,
            messages: VecDeque::new(),
            keep: keep.max(1),
            stored_total: 0,
            next_id: fixtures.next_message_id,
            agents: by_id(&fixtures.agents),
            departments: by_id(&fixtures.departments),
            next_record_id: 1000,
        }
    }

    /// The key of a `Bearer` authorization, or the documented 401.
    pub(crate) fn authorize(
        &self,
        authorization: Option<&str>,
    ) -> Result<&ApiKeyFixture, Rejection> {
        authorization
            .and_then(|h| h.strip_prefix("Bearer "))
            .and_then(|k| self.keys.get(k))
            .ok_or_else(|| {
                Rejection::new(
                    401,
                    "ERROR_UNAUTHORIZED",
                    "missing, incorrect or invalid API key",
                )
            })
    }

    /// Stores an agent's chat message in a case (the first message of a new case).
    pub(crate) fn add_agent_message(
        &mut self,
        key: &ApiKeyFixture,
        case_id: i64,
        text: &str,
    ) -> Value {
        let mut message = Map::new();
        message.insert("type".into(), "message".into());
        message.insert("message".into(), text.into());
        let stored = {
            let case = &self.cases[&case_id];
            let request = Accepted {
                key: Some(key),
                case,
                contact_id: None,
                message,
                channel: None,
            };
            build_message(self.next_id, &request)
        };
        self.next_id += 1;
        self.store(stored.clone());
        stored
    }

    /// Stores an agent's message sent by e-mail or SMS: its `meta` holds what the channel
    /// adds (subject, addresses, numbers).
    pub(crate) fn add_channel_message(
        &mut self,
        key: &ApiKeyFixture,
        case_id: i64,
        text: &str,
        meta: Value,
    ) -> Value {
        let mut stored = self.add_agent_message(key, case_id, text);
        stored["meta"] = meta.clone();
        if let Some(last) = self.messages.back_mut() {
            last["meta"] = meta;
        }
        stored
    }

    /// The stored messages still kept (the newest `keep`), oldest first.
    pub fn messages(&self) -> Vec<Value> {
        self.messages.iter().cloned().collect()
    }

    /// How many messages were stored in all.
    pub fn stored_total(&self) -> u64 {
        self.stored_total
    }

    fn store(&mut self, message: Value) {
        if self.messages.len() == self.keep {
            self.messages.pop_front();
        }
        self.messages.push_back(message);
        self.stored_total += 1;
    }

    /// Checks a send request and, when `store` is set, stores it. Returns the response
    /// body `{"data": Message}`.
    pub fn add_message(
        &mut self,
        authorization: Option<&str>,
        query: &str,
        body: &[u8],
        store: bool,
    ) -> Result<Value, Rejection> {
        let request = self.check(authorization, query, body)?;
        let id = self.next_id;
        let message = build_message(id, &request);
        if store {
            self.next_id += 1;
            self.store(message.clone());
        }
        Ok(json!({ "data": message }))
    }

    /// The answer to the API docs' example request (the first key with chat permission
    /// sending "this is test message" into the first active case), not stored: what the
    /// `--static` mode sends.
    pub fn sample_answer(&self) -> Value {
        let key = self.keys.values().find(|k| k.chat);
        let case = self.cases.values().find(|c| c["status"] == "active");
        let (Some(key), Some(case)) = (key, case) else {
            return json!({"data": null});
        };
        let mut message = Map::new();
        message.insert("type".into(), "message".into());
        message.insert("message".into(), "this is test message".into());
        let request = Accepted {
            key: Some(key),
            case,
            contact_id: None,
            message,
            channel: None,
        };
        json!({ "data": build_message(self.next_id, &request) })
    }

    /// Runs every check without building or storing a message (the `--static` mode).
    pub fn check_only(
        &self,
        authorization: Option<&str>,
        query: &str,
        body: &[u8],
    ) -> Result<(), Rejection> {
        self.check(authorization, query, body).map(|_| ())
    }

    fn check<'a>(
        &'a self,
        authorization: Option<&str>,
        query: &str,
        body: &[u8],
    ) -> Result<Accepted<'a>, Rejection> {
        let key = self.authorize(authorization)?;
        if !key.chat {
            return Err(Rejection::new(
                403,
                "ERROR_UNAUTHORIZED_ACCESS",
                "this API key has no permission to send chat messages",
            ));
        }
        let body = serde_json::from_slice(body)
            .map_err(|_| Rejection::invalid("the body must be a JSON object"))?;
        let (case_id, message, channel) = check_body(body)?;
        let contact_id = check_query(query)?;
        let case = self.cases.get(&case_id).ok_or_else(|| {
            Rejection::new(
                400,
                "ERROR_RECORD_NOT_FOUND",
                format!("case {case_id} not found"),
            )
        })?;
        let status = case["status"].as_str().unwrap_or("unknown");
        if status != "active" {
            return Err(Rejection::invalid(format!(
                "case {case_id} is not active (status: {status})"
            )));
        }
        if let Some(contact) = contact_id
            && case["contact"]["id"].as_i64() != Some(contact)
        {
            return Err(Rejection::new(
                400,
                "ERROR_RECORD_NOT_FOUND",
                format!("contact {contact} is not part of case {case_id}"),
            ));
        }
        Ok(Accepted {
            key: Some(key),
            case,
            contact_id,
            message,
            channel,
        })
    }

    pub(crate) fn active_case(&self, case_id: i64) -> Result<&Value, Rejection> {
        let case = self.cases.get(&case_id).ok_or_else(|| {
            Rejection::new(
                404,
                "ERROR_RECORD_NOT_FOUND",
                format!("case {case_id} not found"),
            )
        })?;
        match case["status"].as_str() {
            Some("active") => Ok(case),
            status => Err(Rejection::invalid(format!(
                "case {case_id} is not active (status: {})",
                status.unwrap_or("unknown")
            ))),
        }
    }

    /// Stores a chat message written by the case's contact (the customer), as if they
    /// typed it in the widget. Returns the case and the stored message.
    pub fn add_contact_message(
        &mut self,
        case_id: i64,
        text: &str,
    ) -> Result<(Value, Value), Rejection> {
        if text.trim().is_empty() {
            return Err(Rejection::invalid("text must not be empty"));
        }
        let case = self.active_case(case_id)?;
        let mut message = Map::new();
        message.insert("type".into(), "message".into());
        message.insert("message".into(), text.into());
        let request = Accepted {
            key: None,
            case,
            contact_id: case["contact"]["id"].as_i64(),
            message,
            channel: None,
        };
        let stored = build_message(self.next_id, &request);
        let case = case.clone();
        self.next_id += 1;
        self.store(stored.clone());
        Ok((case, stored))
    }

    /// A case and its stored messages.
    pub fn case_and_messages(&self, case_id: i64) -> Option<(Value, Vec<Value>)> {
        let case = self.cases.get(&case_id)?.clone();
        let messages = self
            .messages
            .iter()
            .filter(|m| m["caseId"].as_i64() == Some(case_id))
            .cloned()
            .collect();
        Some((case, messages))
    }

    /// Sets a case's status (`active`, `pending`, `queue`, `closed`, …). Returns the case
    /// and its stored messages.
    pub fn set_case_status(
        &mut self,
        case_id: i64,
        status: &str,
    ) -> Result<(Value, Vec<Value>), Rejection> {
        let case = self.cases.get_mut(&case_id).ok_or_else(|| {
            Rejection::new(
                404,
                "ERROR_RECORD_NOT_FOUND",
                format!("case {case_id} not found"),
            )
        })?;
        case["status"] = status.into();
        Ok(self
            .case_and_messages(case_id)
            .expect("the case was just found"))
    }
}

/// The case id, the message object and the channel of a valid body.
type CheckedBody = (i64, Map<String, Value>, Option<String>);

/// Checks `caseId`, `message.type`, `message.message`, `message.translateLangKey` and
/// `channel`; returns the case id, the message object and the channel.
fn check_body(body: Value) -> Result<CheckedBody, Rejection> {
    let Value::Object(mut body) = body else {
        return Err(Rejection::invalid("the body must be a JSON object"));
    };
    let case_id = match body.get("caseId") {
        None | Some(Value::Null) => return Err(Rejection::invalid("caseId is required")),
        Some(v) => v
            .as_i64()
            .filter(|id| *id > 0)
            .ok_or_else(|| Rejection::invalid("caseId must be a positive integer"))?,
    };
    let message = match body.remove("message") {
        None | Some(Value::Null) => return Err(Rejection::invalid("message is required")),
        Some(Value::Object(m)) => m,
        Some(_) => return Err(Rejection::invalid("message must be an object")),
    };
    match message.get("type") {
        None | Some(Value::Null) => return Err(Rejection::invalid("message.type is required")),
        Some(Value::String(t)) if ["message", "note", "event"].contains(&t.as_str()) => {}
        Some(_) => {
            return Err(Rejection::invalid(
                "message.type must be one of message, note, event",
            ));
        }
    }
    match message.get("message") {
        Some(Value::String(text)) if !text.trim().is_empty() => {}
        None | Some(Value::Null) => {
            return Err(Rejection::invalid("message.message is required"));
        }
        Some(_) => {
            return Err(Rejection::invalid(
                "message.message must be a non-empty string",
            ));
        }
    }
    match message.get("translateLangKey") {
        None | Some(Value::Null) | Some(Value::String(_)) => {}
        Some(_) => {
            return Err(Rejection::invalid(
                "message.translateLangKey must be a string",
            ));
        }
    }
    let channel = match body.get("channel") {
        None | Some(Value::Null) => None,
        Some(Value::String(c)) => Some(c.clone()),
        Some(_) => return Err(Rejection::invalid("channel must be a string")),
    };
    Ok((case_id, message, channel))
}

/// Reads `-x-user-type` (and `contactId` for contacts); returns the contact id when the
/// message is sent as the contact.
fn check_query(query: &str) -> Result<Option<i64>, Rejection> {
    let param = |name: &str| {
        query
            .split('&')
            .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    };
    match param("-x-user-type") {
        Some("user") => Ok(None),
        Some("contact") => match param("contactId") {
            None | Some("") => Err(Rejection::invalid(
                "contactId is required when -x-user-type is contact",
            )),
            Some(id) => id
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(Some)
                .ok_or_else(|| Rejection::invalid("contactId must be a positive integer")),
        },
        None => Err(Rejection::invalid(
            "-x-user-type is required (user or contact)",
        )),
        Some(_) => Err(Rejection::invalid("-x-user-type must be user or contact")),
    }
}

/// The stored message, in the field order of the API docs' example.
fn build_message(id: i64, request: &Accepted<'_>) -> Value {
    let case = request.case;
    let case_id = case["id"].clone();
    let (sender_type, sender) = match request.contact_id {
        None => (
            "user",
            request.key.map(|k| k.sender.clone()).unwrap_or_default(),
        ),
        Some(contact) => (
            "contact",
            json!({"id": contact, "name": format!("Visitor #{contact}"), "type": "contact"}),
        ),
    };
    let mut m = Map::new();
    let channel = request.channel.clone().map(Value::String);
    m.insert(
        "channel".into(),
        channel.unwrap_or_else(|| case["channel"].clone()),
    );
    m.insert("senderType".into(), sender_type.into());
    m.insert("senderId".into(), sender["id"].clone());
    m.insert("type".into(), request.message["type"].clone());
    m.insert("seen".into(), "no".into());
    m.insert("message".into(), request.message["message"].clone());
    if let Some(lang) = request.message.get("translateLangKey") {
        m.insert("translateLangKey".into(), lang.clone());
    }
    m.insert("meta".into(), json!({}));
    m.insert("dateCreated".into(), now_iso().into());
    m.insert("case".into(), case.clone());
    m.insert("sender".into(), sender);
    m.insert("dateUpdated".into(), Value::Null);
    m.insert("id".into(), id.into());
    m.insert("caseId".into(), case_id);
    m.insert("threadId".into(), case["threadId"].clone());
    m.insert("contactId".into(), case["contact"]["id"].clone());
    Value::Object(m)
}

/// The current time as the API writes it: `2021-03-10T11:32:00.000Z`.
pub(crate) fn now_iso() -> String {
    crate::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}
