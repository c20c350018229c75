//! Webhook events of both generations, with typed accessors for the documented fields.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

use super::WebhookError;
use crate::lenient::value as lenient;

/// Which generation of Acquire's webhooks sent an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Generation {
    /// The legacy `CHAT_ON_*` events (2018 docs).
    V1,
    /// The current `case:*` / `user:*` events: `{"event": …, "data": {…}}`.
    V2,
}

/// The events the docs name. Any other name is [`EventKind::Other`], never an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// `case:status`: a case's status changed (`status` tells to what).
    CaseStatus,
    /// `case:message:new`: a new message in a case.
    CaseMessageNew,
    /// `user:case-invite`: an agent or bot was invited to a case.
    UserCaseInvite,
    /// `user:case-joined`: an agent joined a case.
    UserCaseJoined,
    /// `CHAT_ON_START` (v1): a chat started.
    ChatOnStart,
    /// `CHAT_ON_ACCEPT` (v1): an agent accepted a chat.
    ChatOnAccept,
    /// `CHAT_ON_MESSAGE` (v1): a new chat message.
    ChatOnMessage,
    /// `CHAT_ON_CLOSE` (v1): a chat was closed.
    ChatOnClose,
    /// An event the SDK does not know; read [`Event::data`].
    Other,
}

impl EventKind {
    fn of(name: &str) -> EventKind {
        match name {
            "case:status" => EventKind::CaseStatus,
            "case:message:new" => EventKind::CaseMessageNew,
            "user:case-invite" => EventKind::UserCaseInvite,
            "user:case-joined" => EventKind::UserCaseJoined,
            "CHAT_ON_START" => EventKind::ChatOnStart,
            "CHAT_ON_ACCEPT" => EventKind::ChatOnAccept,
            "CHAT_ON_MESSAGE" => EventKind::ChatOnMessage,
            "CHAT_ON_CLOSE" => EventKind::ChatOnClose,
            _ => EventKind::Other,
        }
    }
}

/// The customer a webhook is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookContact {
    /// The contact id.
    pub id: Option<i64>,
    /// The name.
    pub name: Option<String>,
    /// The email address.
    pub email: Option<String>,
    /// The phone number.
    pub phone: Option<String>,
    /// Every field the payload gave for the contact, as it came.
    pub fields: Map<String, Value>,
}

/// An agent, bot or customer named by a webhook (v1 `user`, `users.agent`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookUser {
    /// The id as text (v1 sends both `15416` and `"agent-12345"`).
    pub id: Option<String>,
    /// The name.
    pub name: Option<String>,
    /// `agent`, `user`, `contact`, … as sent.
    #[serde(rename = "type")]
    pub user_type: Option<String>,
    /// The email address.
    pub email: Option<String>,
}

/// A message carried by a webhook.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookMessage {
    /// The message id.
    pub id: Option<i64>,
    /// The channel, such as `chat`.
    pub channel: Option<String>,
    /// The id of the sender.
    pub sender_id: Option<i64>,
    /// `contact` (the customer) or `user` (an agent).
    pub sender_type: Option<String>,
    /// `message`, `note` or `event`.
    #[serde(rename = "type")]
    pub message_type: Option<String>,
    /// The text (`message` on the wire, as in a sent message).
    pub message: Option<String>,
    /// Whether the other side has seen it (`"yes"`/`"no"` on the wire).
    pub seen: Option<bool>,
    /// When it was created (ISO, MySQL and JavaScript `Date.toString()` styles read).
    pub date_created: Option<DateTime<Utc>>,
    /// The sender as a v1 `user` object.
    pub user: Option<WebhookUser>,
}

impl WebhookMessage {
    /// Whether the customer wrote it (the message a reply bot answers).
    pub fn is_from_contact(&self) -> bool {
        self.sender_type.as_deref() == Some("contact")
            || self
                .user
                .as_ref()
                .and_then(|u| u.user_type.as_deref())
                .is_some_and(|t| t == "visitor" || t == "contact")
    }
}

/// One webhook delivery: its event name, its data and the typed fields the docs show.
///
/// Both envelopes are read: v2 `{"event": "case:status", "data": {…}}`, v1
/// `{"data": {…}, "event": "CHAT_ON_START"}` and v1's flat form with the fields beside
/// `event`. Unknown events and fields are kept, never an error.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    name: String,
    generation: Generation,
    data: Map<String, Value>,
    raw: String,
}

impl Event {
    /// Reads a webhook body. Only a body that is not a JSON object with a string
    /// `event` is an error.
    pub fn parse(body: &[u8]) -> Result<Event, WebhookError> {
        let invalid = |reason: String| WebhookError::InvalidPayload { reason };
        let text = std::str::from_utf8(body)
            .map_err(|_| invalid("the body is not UTF-8".into()))?
            .to_owned();
        let mut object = match crate::json_text::from_str(&text) {
            Ok(Value::Object(object)) => object,
            Ok(_) => return Err(invalid("the body is not a JSON object".into())),
            Err(e) => return Err(invalid(format!("the body is not JSON ({e})"))),
        };
        let name = match object.remove("event") {
            Some(Value::String(name)) => name,
            _ => return Err(invalid("there is no `event` name".into())),
        };
        let generation = if name.starts_with("CHAT_ON_") {
            Generation::V1
        } else {
            Generation::V2
        };
        let data = match object.get("data") {
            Some(Value::Object(data)) if generation == Generation::V2 || object.len() == 1 => {
                data.clone()
            }
            Some(Value::String(_)) if generation == Generation::V2 => {
                lenient::object(object.get("data")).unwrap_or_default()
            }
            _ if generation == Generation::V2 => Map::new(),
            // v1's flat form: every field but `event` is data.
            _ => object,
        };
        Ok(Event {
            name,
            generation,
            data,
            raw: text,
        })
    }

    /// The event name as sent (`case:status`, `CHAT_ON_MESSAGE`, …).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The event, when the SDK knows it.
    pub fn kind(&self) -> EventKind {
        EventKind::of(&self.name)
    }

    /// Which generation of webhooks sent it.
    pub fn generation(&self) -> Generation {
        self.generation
    }

    /// The event's data as sent (v1's flat fields gathered here too).
    pub fn data(&self) -> &Map<String, Value> {
        &self.data
    }

    /// The exact body.
    pub fn raw_json(&self) -> &str {
        &self.raw
    }

    /// The case (conversation) the event is about: v2 `caseId`, v1 the chat `id`.
    pub fn case_id(&self) -> Option<i64> {
        let keys: &[&str] = match self.generation {
            Generation::V2 => &["caseId", "case_id", "threadId"],
            // The docs' CHAT_ON_START sample spells it `" id"`.
            Generation::V1 => &["id", " id"],
        };
        keys.iter().find_map(|k| lenient::int(self.data.get(*k)))
    }

    /// The case's status (`active`, `pending`, `queue`, `closed`, …).
    pub fn status(&self) -> Option<String> {
        lenient::text(self.data.get("status"))
    }

    /// The customer: v2 `contact`, v1 `details` (CHAT_ON_START) or `users.visitor`.
    pub fn contact(&self) -> Option<WebhookContact> {
        let source = lenient::object(self.data.get("contact"))
            .or_else(|| lenient::object(self.data.get("details")))
            .or_else(|| {
                self.v1_users()
                    .and_then(|u| lenient::object(u.get("visitor")))
            })?;
        let fields = lenient::object(source.get("fields")).unwrap_or_default();
        let pick =
            |key: &str| lenient::text(source.get(key)).or_else(|| lenient::text(fields.get(key)));
        let mut all = source.clone();
        all.extend(fields.clone());
        Some(WebhookContact {
            id: lenient::int(source.get("id")),
            name: pick("name"),
            email: pick("email"),
            phone: pick("phone"),
            fields: all,
        })
    }

    /// The messages: v2 `messages` (or a single `message` object), v1 CHAT_ON_MESSAGE's
    /// `message` (an object or JSON text with `msg` and `user`).
    pub fn messages(&self) -> Vec<WebhookMessage> {
        let mut items = lenient::array(self.data.get("messages"));
        if items.is_empty()
            && let Some(one) = lenient::object(self.data.get("message"))
        {
            items.push(Value::Object(one));
        }
        items
            .iter()
            .filter_map(Value::as_object)
            .map(message)
            .collect()
    }

    /// The newest message sent by the customer, if any: what a reply bot answers.
    pub fn last_contact_message(&self) -> Option<WebhookMessage> {
        self.messages()
            .into_iter()
            .rev()
            .find(WebhookMessage::is_from_contact)
    }

    /// The agent of a v1 event: `user` (CHAT_ON_ACCEPT) or `users.agent` (CHAT_ON_CLOSE).
    pub fn user(&self) -> Option<WebhookUser> {
        lenient::object(self.data.get("user"))
            .or_else(|| {
                self.v1_users()
                    .and_then(|u| lenient::object(u.get("agent")))
            })
            .map(|u| user(&u))
    }

    fn v1_users(&self) -> Option<Map<String, Value>> {
        lenient::object(self.data.get("users"))
    }
}

fn user(fields: &Map<String, Value>) -> WebhookUser {
    WebhookUser {
        id: lenient::text(fields.get("id")),
        name: lenient::text(fields.get("name")),
        user_type: lenient::text(fields.get("type")),
        email: lenient::text(fields.get("email")),
    }
}

fn message(fields: &Map<String, Value>) -> WebhookMessage {
    let get = |key: &str| fields.get(key);
    WebhookMessage {
        id: lenient::int(get("id")),
        channel: lenient::text(get("channel")),
        sender_id: lenient::int(get("senderId")),
        sender_type: lenient::text(get("senderType")),
        message_type: lenient::text(get("type")),
        message: lenient::text(get("message")).or_else(|| lenient::text(get("msg"))),
        seen: lenient::flag(get("seen")),
        date_created: lenient::timestamp(get("dateCreated").or(get("date_created"))),
        user: lenient::object(get("user")).map(|u| user(&u)),
    }
}

/// The flat view bindings and the CLI print (camelCase JSON): every typed field beside
/// the data.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Summary<'a> {
    name: &'a str,
    kind: EventKind,
    generation: Generation,
    case_id: Option<i64>,
    status: Option<String>,
    contact: Option<WebhookContact>,
    user: Option<WebhookUser>,
    messages: Vec<WebhookMessage>,
    last_contact_message: Option<WebhookMessage>,
    data: &'a Map<String, Value>,
}

impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Summary {
            name: &self.name,
            kind: self.kind(),
            generation: self.generation,
            case_id: self.case_id(),
            status: self.status(),
            contact: self.contact(),
            user: self.user(),
            messages: self.messages(),
            last_contact_message: self.last_contact_message(),
            data: &self.data,
        }
        .serialize(serializer)
    }
}
