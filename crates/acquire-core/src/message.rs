use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::Error;
use crate::channel::MailFields;

/// What kind of entry a message is in the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MessageType {
    /// A chat message the customer sees (the default).
    #[default]
    Message,
    /// An internal note only agents see.
    Note,
    /// A timeline event.
    Event,
}

impl MessageType {
    /// The wire value: `message`, `note` or `event`.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageType::Message => "message",
            MessageType::Note => "note",
            MessageType::Event => "event",
        }
    }
}

impl fmt::Display for MessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MessageType {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "message" => Ok(MessageType::Message),
            "note" => Ok(MessageType::Note),
            "event" => Ok(MessageType::Event),
            _ => Err(Error::invalid_request(
                "type",
                "must be one of `message`, `note`, `event`",
            )),
        }
    }
}

/// Who the message is sent as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SendAs {
    /// The agent that owns the API key (`-x-user-type=user`), the default.
    #[default]
    Agent,
    /// The customer with this contact id (`-x-user-type=contact&contactId=N`).
    Contact(i64),
}

/// A message to send into a conversation ("case").
///
/// ```
/// use acquire_core::{MessageType, SendMessage};
///
/// let note = SendMessage::new(28, "VIP customer")
///     .message_type(MessageType::Note)
///     .translate_lang_key("fr");
/// assert_eq!(
///     note.to_json().unwrap(),
///     r#"{"message":{"type":"note","message":"VIP customer","translateLangKey":"fr"},"caseId":28}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SendMessage {
    case_id: i64,
    text: String,
    message_type: MessageType,
    translate_lang_key: Option<String>,
    channel: Option<String>,
    sender: SendAs,
    extra: Map<String, Value>,
    mail: MailFields,
}

/// The parts of a message with every option as a plain value, as a language binding, a
/// command line or a batch file gives them, for [`SendMessage::from_parts`] and
/// [`Client::send_to_contact_with`](crate::Client::send_to_contact_with). The case is not
/// among them: it is the send's target.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageParts {
    /// The text.
    pub text: String,
    /// `message`, `note` or `event` (default `message`).
    pub message_type: Option<String>,
    /// A language tag to translate into.
    pub translate_lang_key: Option<String>,
    /// The channel.
    pub channel: Option<String>,
    /// Send as this contact (the customer) instead of as the agent.
    pub as_contact_id: Option<i64>,
    /// Extra fields of the `message` object: a JSON object.
    pub extra: Option<Value>,
    /// The e-mail's fields, for channel `email`.
    pub mail: MailFields,
}

/// Keys of the `message` object that [`SendMessage::extra`] may not override.
const RESERVED_KEYS: [&str; 3] = ["type", "message", "translateLangKey"];

impl SendMessage {
    /// A chat message with `text`, sent as the agent into case `case_id`.
    pub fn new(case_id: i64, text: impl Into<String>) -> Self {
        SendMessage {
            case_id,
            text: text.into(),
            message_type: MessageType::Message,
            translate_lang_key: None,
            channel: None,
            sender: SendAs::Agent,
            extra: Map::new(),
            mail: MailFields::default(),
        }
    }

    /// Sets the kind of entry (chat message, internal note or event).
    pub fn message_type(mut self, message_type: MessageType) -> Self {
        self.message_type = message_type;
        self
    }

    /// Asks Acquire to translate the message into this language (`en`, `fr`, `pt-BR`, …).
    pub fn translate_lang_key(mut self, lang: impl Into<String>) -> Self {
        self.translate_lang_key = Some(lang.into());
        self
    }

    /// Sets the channel: `chat` (the default), `email` (Send Mail Message) or `sms` (Send
    /// SMS). An e-mail or SMS goes only into a case of that channel, which is read first.
    pub fn channel(mut self, channel: impl Into<String>) -> Self {
        self.channel = Some(channel.into());
        self
    }

    /// The e-mail's subject, recipients and HTML body (channel `email`).
    pub fn mail(mut self, mail: MailFields) -> Self {
        self.mail = mail;
        self
    }

    /// Sends the message as the customer with this contact id instead of as the agent.
    pub fn as_contact(mut self, contact_id: i64) -> Self {
        self.sender = SendAs::Contact(contact_id);
        self
    }

    /// Sets who the message is sent as.
    pub fn send_as(mut self, sender: SendAs) -> Self {
        self.sender = sender;
        self
    }

    /// Adds a field to the `message` object, for fields the API adds later.
    pub fn extra(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.extra.insert(key.into(), value.into());
        self
    }

    /// Builds a message into case `case_id` from loosely typed parts, as a language
    /// binding or command line receives them: `message_type` is parsed, `extra` must be a
    /// JSON object.
    pub fn from_parts(case_id: i64, parts: MessageParts) -> Result<Self, Error> {
        let mut message = SendMessage::new(case_id, parts.text);
        if let Some(kind) = parts.message_type {
            message = message.message_type(kind.parse()?);
        }
        message.translate_lang_key = parts.translate_lang_key;
        message.channel = parts.channel;
        message.mail = parts.mail;
        if let Some(contact) = parts.as_contact_id {
            message = message.as_contact(contact);
        }
        match parts.extra {
            None => {}
            Some(Value::Object(map)) => message.extra.extend(map),
            Some(_) => return Err(Error::invalid_request("extra", "must be a JSON object")),
        }
        Ok(message)
    }

    /// Points the message at another case (for a send whose case is looked up).
    pub(crate) fn set_case_id(&mut self, case_id: i64) {
        self.case_id = case_id;
    }

    /// The case (conversation) id.
    pub fn case_id(&self) -> i64 {
        self.case_id
    }

    /// The kind of entry.
    pub fn kind(&self) -> MessageType {
        self.message_type
    }

    /// Who the message is sent as.
    pub fn sender(&self) -> SendAs {
        self.sender
    }

    /// The message text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The channel, when one is set.
    pub fn channel_name(&self) -> Option<&str> {
        self.channel.as_deref()
    }

    /// The e-mail's fields.
    pub(crate) fn mail_fields(&self) -> &MailFields {
        &self.mail
    }

    /// Checks every field; the error names the first field that breaks a rule.
    pub fn validate(&self) -> Result<(), Error> {
        if self.case_id <= 0 {
            return Err(Error::invalid_request(
                "caseId",
                "must be a positive integer",
            ));
        }
        self.validate_content()
    }

    /// Checks every field but the case id (for a send whose case is looked up).
    pub(crate) fn validate_content(&self) -> Result<(), Error> {
        if self.text.trim().is_empty() {
            return Err(Error::invalid_request(
                "message",
                "must not be empty or only whitespace",
            ));
        }
        if let Some(lang) = &self.translate_lang_key
            && !is_language_tag(lang)
        {
            return Err(Error::invalid_request(
                "translateLangKey",
                "must be a language tag such as `en`, `fr` or `pt-BR`",
            ));
        }
        if let Some(channel) = &self.channel
            && channel.trim().is_empty()
        {
            return Err(Error::invalid_request(
                "channel",
                "must not be empty or only whitespace",
            ));
        }
        if let SendAs::Contact(id) = self.sender
            && id <= 0
        {
            return Err(Error::invalid_request(
                "contactId",
                "must be a positive integer",
            ));
        }
        if self.channel.as_deref() != Some("email")
            && let Some(field) = self.mail.first_set()
        {
            return Err(Error::invalid_request(
                field,
                "is a field of an e-mail: set the channel to `email`",
            ));
        }
        if let Some(key) = RESERVED_KEYS.iter().find(|k| self.extra.contains_key(**k)) {
            return Err(Error::invalid_request(
                "extra",
                format!("must not set `{key}`: use the dedicated option"),
            ));
        }
        Ok(())
    }

    /// The query string after `?`: `-x-user-type=user` or
    /// `-x-user-type=contact&contactId=N`.
    pub fn query(&self) -> String {
        match self.sender {
            SendAs::Agent => "-x-user-type=user".to_owned(),
            SendAs::Contact(id) => format!("-x-user-type=contact&contactId={id}"),
        }
    }

    /// Validates the message and returns the exact compact JSON body that is sent.
    pub fn to_json(&self) -> Result<String, Error> {
        self.validate()?;
        let body = WireBody {
            message: WireMessage {
                kind: self.message_type.as_str(),
                message: &self.text,
                translate_lang_key: self.translate_lang_key.as_deref(),
                extra: &self.extra,
            },
            case_id: self.case_id,
            channel: self.channel.as_deref(),
        };
        serde_json::to_string(&body)
            .map_err(|e| Error::invalid_request("extra", format!("cannot be serialized: {e}")))
    }
}

#[derive(Serialize)]
struct WireBody<'a> {
    message: WireMessage<'a>,
    #[serde(rename = "caseId")]
    case_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<&'a str>,
}

#[derive(Serialize)]
struct WireMessage<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    message: &'a str,
    #[serde(rename = "translateLangKey", skip_serializing_if = "Option::is_none")]
    translate_lang_key: Option<&'a str>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

/// A BCP 47-style tag: a 2–3 letter language, then `-` subtags of 2–8 letters or digits.
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::field_of;

    #[test]
    fn seed_body_is_exact() {
        let body = SendMessage::new(28, "this is test message")
            .to_json()
            .unwrap();
        assert_eq!(
            body,
            r#"{"message":{"type":"message","message":"this is test message"},"caseId":28}"#
        );
    }

    #[test]
    fn every_option_lands_in_order() {
        let msg = SendMessage::new(7, "hi")
            .message_type(MessageType::Event)
            .translate_lang_key("pt-BR")
            .channel("chat")
            .as_contact(5)
            .extra("z", 1)
            .extra("a", true);
        assert_eq!(
            msg.to_json().unwrap(),
            r#"{"message":{"type":"event","message":"hi","translateLangKey":"pt-BR","z":1,"a":true},"caseId":7,"channel":"chat"}"#
        );
        assert_eq!(msg.query(), "-x-user-type=contact&contactId=5");
        assert_eq!(SendMessage::new(7, "hi").query(), "-x-user-type=user");
    }

    #[test]
    fn bad_fields_are_named() {
        assert_eq!(
            field_of(SendMessage::new(0, "x").validate().unwrap_err()),
            "caseId"
        );
        assert_eq!(
            field_of(SendMessage::new(1, " \n").validate().unwrap_err()),
            "message"
        );
        for bad in ["", "e", "english", "en_US", "en-", "fr-x"] {
            let err = SendMessage::new(1, "x")
                .translate_lang_key(bad)
                .validate()
                .unwrap_err();
            assert_eq!(field_of(err), "translateLangKey", "{bad}");
        }
        for good in ["en", "fr", "pt-BR", "zh-Hant-TW"] {
            assert!(
                SendMessage::new(1, "x")
                    .translate_lang_key(good)
                    .validate()
                    .is_ok(),
                "{good}"
            );
        }
        let err = SendMessage::new(1, "x")
            .as_contact(-3)
            .validate()
            .unwrap_err();
        assert_eq!(field_of(err), "contactId");
        let err = SendMessage::new(1, "x")
            .extra("type", "note")
            .validate()
            .unwrap_err();
        assert_eq!(field_of(err), "extra");
        let err = SendMessage::new(1, "x").channel("").validate().unwrap_err();
        assert_eq!(field_of(err), "channel");
    }

    #[test]
    fn parts_build_the_same_message() {
        let parts = MessageParts {
            text: "hi".into(),
            message_type: Some("note".into()),
            translate_lang_key: Some("fr".into()),
            channel: Some("chat".into()),
            as_contact_id: Some(5),
            extra: Some(serde_json::json!({"a": 1})),
            mail: MailFields::default(),
        };
        let built = SendMessage::new(28, "hi")
            .message_type(MessageType::Note)
            .translate_lang_key("fr")
            .channel("chat")
            .as_contact(5)
            .extra("a", 1);
        assert_eq!(SendMessage::from_parts(28, parts.clone()).unwrap(), built);
        let bad_type = MessageParts {
            message_type: Some("sms".into()),
            ..parts.clone()
        };
        assert_eq!(
            field_of(SendMessage::from_parts(28, bad_type).unwrap_err()),
            "type"
        );
        let bad_extra = MessageParts {
            extra: Some(serde_json::json!([1])),
            ..parts
        };
        assert_eq!(
            field_of(SendMessage::from_parts(28, bad_extra).unwrap_err()),
            "extra"
        );
    }

    #[test]
    fn an_e_mail_field_needs_the_email_channel() {
        let mail = MailFields {
            subject: Some("Your order".into()),
            ..MailFields::default()
        };
        let chat = SendMessage::new(28, "hi").mail(mail.clone());
        assert_eq!(field_of(chat.validate().unwrap_err()), "subject");
        let email = SendMessage::new(28, "hi").channel("email").mail(mail);
        assert!(email.validate().is_ok());
    }

    #[test]
    fn message_type_parses() {
        assert_eq!("note".parse::<MessageType>().unwrap(), MessageType::Note);
        assert_eq!(field_of("Note".parse::<MessageType>().unwrap_err()), "type");
    }
}
