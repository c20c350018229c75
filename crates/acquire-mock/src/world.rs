//! The server's state: API keys, contacts, cases and the messages stored in them, and the
//! changes every endpoint makes to it (store a message, change a case's status).

use std::collections::{BTreeMap, HashMap, VecDeque};

use serde_json::{Map, Value, json};

use crate::fixtures::{ApiKeyFixture, Fixtures};
use crate::rejection::Rejection;

/// Accounts, contacts, cases and the messages stored in them.
#[derive(Debug)]
pub(crate) struct World {
    pub(crate) keys: HashMap<String, ApiKeyFixture>,
    /// Contacts by id, each with its `fields` map.
    pub(crate) contacts: BTreeMap<i64, Value>,
    /// Cases by id, each with `contactId`, `threadId` and the embedded `contact`.
    pub(crate) cases: BTreeMap<i64, Value>,
    /// The newest stored messages, at most `keep` of them.
    pub(crate) messages: VecDeque<Value>,
    keep: usize,
    /// How many messages were stored since the start or the last reset.
    stored_total: u64,
    pub(crate) next_id: i64,
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
pub(crate) struct Accepted<'a> {
    /// The agent sending (absent for a contact's message from a control endpoint).
    pub(crate) key: Option<&'a ApiKeyFixture>,
    pub(crate) case: &'a Value,
    pub(crate) contact_id: Option<i64>,
    pub(crate) message: Map<String, Value>,
    pub(crate) channel: Option<String>,
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
        let stored = agent_chat_message(self.next_id, key, &self.cases[&case_id], text);
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

    pub(crate) fn store(&mut self, message: Value) {
        if self.messages.len() == self.keep {
            self.messages.pop_front();
        }
        self.messages.push_back(message);
        self.stored_total += 1;
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

/// An agent's chat message with `text` in `case`, stored as message `id`.
pub(crate) fn agent_chat_message(id: i64, key: &ApiKeyFixture, case: &Value, text: &str) -> Value {
    let mut message = Map::new();
    message.insert("type".into(), "message".into());
    message.insert("message".into(), text.into());
    let request = Accepted {
        key: Some(key),
        case,
        contact_id: None,
        message,
        channel: None,
    };
    build_message(id, &request)
}

/// The stored message, in the field order of the API docs' example.
pub(crate) fn build_message(id: i64, request: &Accepted<'_>) -> Value {
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
