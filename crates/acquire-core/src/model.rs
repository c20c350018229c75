//! The typed objects of the API: a stored [`Message`] with its [`Case`], [`Contact`],
//! case [`Participant`]s and [`Sender`]. Send Message, the case and contact endpoints
//! and the message endpoints all answer with these shapes.
//!
//! Only ids are required; every other field is optional because the API omits or nulls
//! them at times. Fields this crate does not know are kept in each object's `extra`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::Error;
use crate::lenient;

/// A message stored in a conversation, as returned by Send Message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Message {
    /// The message id.
    #[serde(deserialize_with = "lenient::id")]
    pub id: i64,
    /// The case (conversation) the message belongs to.
    #[serde(deserialize_with = "lenient::id")]
    pub case_id: i64,
    /// The thread id (usually equal to the case id).
    #[serde(default, deserialize_with = "lenient::int")]
    pub thread_id: Option<i64>,
    /// The contact of the conversation.
    #[serde(default, deserialize_with = "lenient::int")]
    pub contact_id: Option<i64>,
    /// The channel, such as `chat`.
    #[serde(default)]
    pub channel: Option<String>,
    /// `user` (an agent) or `contact` (the customer).
    #[serde(default)]
    pub sender_type: Option<String>,
    /// The id of the agent or contact that sent the message.
    #[serde(default, deserialize_with = "lenient::int")]
    pub sender_id: Option<i64>,
    /// `message`, `note` or `event`.
    #[serde(default, rename = "type")]
    pub message_type: Option<String>,
    /// Whether the other side has seen it (the API's `"yes"`/`"no"`).
    #[serde(default, deserialize_with = "lenient::flag")]
    pub seen: Option<bool>,
    /// The text.
    #[serde(default)]
    pub message: Option<String>,
    /// Free-form metadata.
    #[serde(default)]
    pub meta: Option<Value>,
    /// When the message was created.
    #[serde(default, deserialize_with = "lenient::timestamp")]
    pub date_created: Option<DateTime<Utc>>,
    /// When the message was last updated.
    #[serde(default, deserialize_with = "lenient::timestamp")]
    pub date_updated: Option<DateTime<Utc>>,
    /// The conversation, with its contact and participants.
    #[serde(default)]
    pub case: Option<Case>,
    /// Who sent the message.
    #[serde(default)]
    pub sender: Option<Sender>,
    /// Fields not modelled above, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// The HTTP response body this message was read from.
    #[serde(skip)]
    raw: Option<Box<str>>,
}

impl Message {
    /// The exact body of the HTTP response this message was read from
    /// (`{"data": {…}}`), or `None` for a message built another way.
    pub fn raw_json(&self) -> Option<&str> {
        self.raw.as_deref()
    }

    /// Reads a Send Message response body (`{"data": {…}}`) as the client does, keeping
    /// it as [`Message::raw_json`]: for answers stored elsewhere, or to rebuild a message
    /// from its raw JSON.
    pub fn from_response_body(body: &str) -> Result<Message, Error> {
        crate::response::decode_success(200, body.as_bytes().to_vec())
    }

    pub(crate) fn with_raw(mut self, raw: String) -> Self {
        self.raw = Some(raw.into_boxed_str());
        self
    }
}

/// A conversation ("case").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Case {
    /// The case id.
    #[serde(deserialize_with = "lenient::id")]
    pub id: i64,
    /// The thread id.
    #[serde(default, deserialize_with = "lenient::int")]
    pub thread_id: Option<i64>,
    /// The visit that started the case.
    #[serde(default, deserialize_with = "lenient::int")]
    pub visit_id: Option<i64>,
    /// The title, such as `#5 has just started a chat`.
    #[serde(default)]
    pub title: Option<String>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// The channel, such as `chat`.
    #[serde(default)]
    pub channel: Option<String>,
    /// `active`, `pending`, `queue`, `closed`, …
    #[serde(default)]
    pub status: Option<String>,
    /// How the case was or will be closed, such as `handled`.
    #[serde(default)]
    pub closing_state: Option<String>,
    /// The user who closed the case.
    #[serde(default, deserialize_with = "lenient::int")]
    pub closed_by: Option<i64>,
    /// The queue the case waits in.
    #[serde(default, deserialize_with = "lenient::int")]
    pub queue_id: Option<i64>,
    /// The position in the queue.
    #[serde(default, deserialize_with = "lenient::int")]
    pub queue_order: Option<i64>,
    /// The parent case.
    #[serde(default, deserialize_with = "lenient::int")]
    pub parent_id: Option<i64>,
    /// The assigned user.
    #[serde(default, deserialize_with = "lenient::int")]
    pub user_id: Option<i64>,
    /// Seconds the customer waited.
    #[serde(default, deserialize_with = "lenient::int")]
    pub wait_time: Option<i64>,
    /// Free-form metadata.
    #[serde(default)]
    pub meta: Option<Value>,
    /// When the case was created.
    #[serde(default, deserialize_with = "lenient::timestamp")]
    pub date_created: Option<DateTime<Utc>>,
    /// When the case was last updated.
    #[serde(default, deserialize_with = "lenient::timestamp")]
    pub date_updated: Option<DateTime<Utc>>,
    /// When the case entered the queue.
    #[serde(default, deserialize_with = "lenient::timestamp")]
    pub date_queue: Option<DateTime<Utc>>,
    /// When the case became pending.
    #[serde(default, deserialize_with = "lenient::timestamp")]
    pub date_pending: Option<DateTime<Utc>>,
    /// When the case became active.
    #[serde(default, deserialize_with = "lenient::timestamp")]
    pub date_active: Option<DateTime<Utc>>,
    /// When the case was closed.
    #[serde(default, deserialize_with = "lenient::timestamp")]
    pub date_closed: Option<DateTime<Utc>>,
    /// The customer's contact id (when the case is listed with this column).
    #[serde(default, deserialize_with = "lenient::int")]
    pub contact_id: Option<i64>,
    /// The customer (when the case is read with the `contact` relation).
    #[serde(default)]
    pub contact: Option<Contact>,
    /// The newest message of the case (in the thread listing of
    /// [`Messages::thread`](crate::Messages::thread)).
    #[serde(default)]
    pub last_message: Option<Box<Message>>,
    /// The agents and contacts taking part in the case.
    #[serde(default, deserialize_with = "nullable_list")]
    pub users: Vec<Participant>,
    /// Fields not modelled above, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The customer of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Contact {
    /// The contact id.
    #[serde(deserialize_with = "lenient::id")]
    pub id: i64,
    /// `web`, …
    #[serde(default)]
    pub client_type: Option<String>,
    /// The browser or app, such as `Chrome`.
    #[serde(default)]
    pub client_name: Option<String>,
    /// Its version.
    #[serde(default, deserialize_with = "lenient::text")]
    pub client_version: Option<String>,
    /// The operating system.
    #[serde(default)]
    pub client_os_name: Option<String>,
    /// Its version.
    #[serde(default, deserialize_with = "lenient::text")]
    pub client_os_version: Option<String>,
    /// `Desktop`, `Mobile`, …
    #[serde(default)]
    pub client_device_type: Option<String>,
    /// The device vendor.
    #[serde(default)]
    pub client_device_vendor: Option<String>,
    /// The device model.
    #[serde(default)]
    pub client_device_model: Option<String>,
    /// Free-form client details (user agent, engine, network).
    #[serde(default)]
    pub client_details: Option<Value>,
    /// Free-form metadata.
    #[serde(default)]
    pub meta: Option<Value>,
    /// Whether the contact is archived (the API's `"yes"`/`"no"`).
    #[serde(default, deserialize_with = "lenient::flag")]
    pub archive: Option<bool>,
    /// The contact's company.
    #[serde(default, deserialize_with = "lenient::int")]
    pub company_id: Option<i64>,
    /// Name, e-mail, phone and custom attributes: a map (`{"email": …}`) from the contact
    /// endpoints, a list of field records (`[{"value", "field": {"key"}}]`) inside a new
    /// case. Read them with [`Contact::email`], [`Contact::name`], [`Contact::field`].
    #[serde(default)]
    pub fields: Option<Value>,
    /// The contact's cases, oldest first as the API lists them (read with the `cases`
    /// relation, as [`Contacts::get`](crate::Contacts::get) does).
    #[serde(default, deserialize_with = "nullable_list")]
    pub cases: Vec<Case>,
    /// When the contact was created.
    #[serde(default, deserialize_with = "lenient::timestamp")]
    pub date_created: Option<DateTime<Utc>>,
    /// When the contact was last updated.
    #[serde(default, deserialize_with = "lenient::timestamp")]
    pub date_updated: Option<DateTime<Utc>>,
    /// Fields not modelled above, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Contact {
    /// The text of one of the contact's fields (`email`, `name`, `phone`, a custom
    /// attribute key), from either shape of [`Contact::fields`]; `None` when absent or
    /// empty.
    pub fn field(&self, key: &str) -> Option<&str> {
        let value = match self.fields.as_ref()? {
            Value::Object(map) => map.get(key)?,
            Value::Array(records) => records
                .iter()
                .find(|r| r["field"]["key"] == key || r["key"] == key)
                .map(|r| &r["value"])?,
            _ => return None,
        };
        value.as_str().filter(|s| !s.is_empty())
    }

    /// The e-mail address, if the contact has one.
    pub fn email(&self) -> Option<&str> {
        self.field("email")
    }

    /// The name, if the contact has one.
    pub fn name(&self) -> Option<&str> {
        self.field("name")
    }

    /// The phone number, if the contact has one.
    pub fn phone(&self) -> Option<&str> {
        self.field("phone")
    }
}

/// An agent or contact taking part in a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Participant {
    /// The participation id.
    #[serde(deserialize_with = "lenient::id")]
    pub id: i64,
    /// The case.
    #[serde(default, deserialize_with = "lenient::int")]
    pub case_id: Option<i64>,
    /// `user` (an agent) or `contact`.
    #[serde(default, rename = "type")]
    pub participant_type: Option<String>,
    /// The agent's user id or the contact id, following `type`.
    #[serde(default, deserialize_with = "lenient::int")]
    pub user_id: Option<i64>,
    /// `owner`, …
    #[serde(default)]
    pub role: Option<String>,
    /// `active`, …
    #[serde(default)]
    pub status: Option<String>,
    /// Whether this participation is closed (the API's `"yes"`/`"no"`).
    #[serde(default, deserialize_with = "lenient::flag")]
    pub closed: Option<bool>,
    /// Free-form metadata.
    #[serde(default)]
    pub meta: Option<Value>,
    /// When the participant joined.
    #[serde(default, deserialize_with = "lenient::timestamp")]
    pub date_created: Option<DateTime<Utc>>,
    /// When the case was last assigned to the participant.
    #[serde(default, deserialize_with = "lenient::timestamp")]
    pub date_last_assigned: Option<DateTime<Utc>>,
    /// Fields not modelled above (such as a nested `user`), kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The agent or contact that sent a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Sender {
    /// The sender's id.
    #[serde(deserialize_with = "lenient::id")]
    pub id: i64,
    /// The display name.
    #[serde(default)]
    pub name: Option<String>,
    /// The first name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// The last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// A photo URL.
    #[serde(default)]
    pub photo: Option<String>,
    /// The e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// The client id.
    #[serde(default, deserialize_with = "lenient::text")]
    pub client_id: Option<String>,
    /// The parent user.
    #[serde(default, deserialize_with = "lenient::int")]
    pub parent_id: Option<i64>,
    /// `user` or `contact` (`type` on the wire; `senderType` in this model's JSON, as the
    /// message's own `senderType`).
    #[serde(default, rename(serialize = "senderType", deserialize = "type"))]
    pub sender_type: Option<String>,
    /// The access level.
    #[serde(default)]
    pub access_level: Option<Value>,
    /// The departments the agent belongs to.
    #[serde(default, deserialize_with = "nullable_list")]
    pub departments: Vec<Value>,
    /// The agent's roles.
    #[serde(default, deserialize_with = "nullable_list")]
    pub roles: Vec<Value>,
    /// Free-form details (`isBotClient`, `label`, …).
    #[serde(default)]
    pub meta_details: Option<Value>,
    /// Fields not modelled above, kept as they came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A list that may come as `null`.
fn nullable_list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}
