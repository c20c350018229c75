//! The Send Message endpoint as documented: authentication, permission, input checks,
//! case checks, then the stored message shaped like the API docs' example.

use serde_json::{Map, Value, json};

use crate::rejection::Rejection;
use crate::world::{Accepted, World, agent_chat_message, build_message};

impl World {
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
        let message = agent_chat_message(self.next_id, key, case, "this is test message");
        json!({ "data": message })
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
