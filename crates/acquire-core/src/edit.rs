//! Correcting and withdrawing a sent message: Update message (`POST
//! /crm/messenger/chat/message/{id}`) and Delete message (`DELETE
//! /crm/objects/case-message/{id}`). Both are idempotent: repeating one does it once, so
//! every retryable failure is retried.

use serde_json::json;

use crate::call::Call;
use crate::contacts::check_id;
use crate::error::Effect;
use crate::message::is_language_tag;
use crate::{Error, Message, MessageType, Messages, RequestOptions};

/// A message's new content, for [`Messages::update`].
///
/// ```
/// use acquire_core::EditMessage;
///
/// let fix = EditMessage::new("Your order ships on Monday").translate_lang_key("fr");
/// assert_eq!(
///     fix.to_json().unwrap(),
///     r#"{"message":{"type":"message","message":"Your order ships on Monday","translateLangKey":"fr"}}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditMessage {
    text: String,
    message_type: MessageType,
    translate_lang_key: Option<String>,
}

impl EditMessage {
    /// The new text (a chat message the customer sees, unless [`EditMessage::message_type`]).
    pub fn new(text: impl Into<String>) -> Self {
        EditMessage {
            text: text.into(),
            message_type: MessageType::Message,
            translate_lang_key: None,
        }
    }

    /// From plain values, as a language binding or command line takes them: `message_type`
    /// is parsed (`message` when `None`; else `InvalidRequest` naming `type`).
    pub fn from_fields(
        text: String,
        message_type: Option<&str>,
        translate_lang_key: Option<String>,
    ) -> Result<Self, Error> {
        let message_type = message_type.map_or(Ok(MessageType::Message), str::parse)?;
        Ok(EditMessage {
            text,
            message_type,
            translate_lang_key,
        })
    }

    /// The kind of entry (the API sends `type` with every edit).
    pub fn message_type(mut self, message_type: MessageType) -> Self {
        self.message_type = message_type;
        self
    }

    /// Asks Acquire to translate the new text into this language.
    pub fn translate_lang_key(mut self, lang: impl Into<String>) -> Self {
        self.translate_lang_key = Some(lang.into());
        self
    }

    /// Checks the fields and returns the body that is sent: an empty text is refused
    /// (`message`), as is a malformed language tag (`translateLangKey`).
    pub fn to_json(&self) -> Result<String, Error> {
        if self.text.trim().is_empty() {
            return Err(Error::invalid_request(
                "message",
                "must not be empty or only whitespace",
            ));
        }
        let mut message = json!({"type": self.message_type.as_str(), "message": self.text});
        if let Some(lang) = &self.translate_lang_key {
            if !is_language_tag(lang) {
                return Err(Error::invalid_request(
                    "translateLangKey",
                    "must be a language tag such as `en`, `fr` or `pt-BR`",
                ));
            }
            message["translateLangKey"] = lang.as_str().into();
        }
        Ok(json!({ "message": message }).to_string())
    }
}

impl Messages<'_> {
    /// Replaces a sent message's text (and type, translation): the stored message answers,
    /// with `date_updated` set. Checked before any request; retried like a read.
    pub fn update(&self, message_id: i64, edit: &EditMessage) -> Result<Message, Error> {
        check_id("messageId", message_id)?;
        let call = Call::post(
            format!("/crm/messenger/chat/message/{message_id}"),
            edit.to_json()?,
            Effect::Write,
        )
        .idempotent();
        self.message(&call)
    }

    /// Deletes a message (this cannot be undone); answers how many were deleted (1).
    /// Retried like a read: deleting twice deletes once.
    pub fn delete(&self, message_id: i64) -> Result<u64, Error> {
        check_id("messageId", message_id)?;
        let call = Call::delete(format!("/crm/objects/case-message/{message_id}"));
        let deleted: Deleted =
            self.client
                .request(&call, &RequestOptions::default(), "{deleted: number}")?;
        Ok(deleted.deleted.max(0).unsigned_abs())
    }
}

/// Delete message's answer.
#[derive(serde::Deserialize)]
pub(crate) struct Deleted {
    #[serde(deserialize_with = "crate::lenient::id")]
    deleted: i64,
}
