//! Sending into an e-mail or SMS case: Send Mail Message (`POST /mail/add-message`) and Send
//! SMS (`POST /voip/send-sms`), chosen by a send's channel. The case is read first: a
//! channel it does not have, a missing sender (the client's `mail_from` / `sms_from`) or a
//! customer without an address or number is refused before anything is sent. Either answer
//! is read as a [`Message`] whose `id` is the stored case message.

use serde_json::{Map, Value, json};

use crate::call::Call;
use crate::error::Effect;
use crate::response::{decode_data, decode_error};
use crate::{
    Case, Client, Contact, ENV_MAIL_FROM, ENV_SMS_FROM, Error, Message, RequestOptions, SendAs,
    SendMessage,
};

/// An e-mail's fields beyond its text ([`SendMessage::mail`]): every one optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailFields {
    /// Recipients (default: the case's contact's e-mail address).
    pub to: Vec<String>,
    /// The subject (default: the case's title).
    pub subject: Option<String>,
    /// The HTML body (default: the text, HTML-escaped, lines joined by `<br>`).
    pub html_body: Option<String>,
    /// Copy to.
    pub cc: Vec<String>,
    /// Blind copy to.
    pub bcc: Vec<String>,
}

impl MailFields {
    /// The wire name of the first field that is set (for "this is an e-mail field").
    pub(crate) fn first_set(&self) -> Option<&'static str> {
        [
            ("to", !self.to.is_empty()),
            ("subject", self.subject.is_some()),
            ("htmlBody", self.html_body.is_some()),
            ("cc", !self.cc.is_empty()),
            ("bcc", !self.bcc.is_empty()),
        ]
        .into_iter()
        .find_map(|(name, set)| set.then_some(name))
    }
}

/// The channels that are not chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Channel {
    Email,
    Sms,
}

impl Channel {
    /// The channel a send goes by, when it is not chat.
    pub(crate) fn of(message: &SendMessage) -> Option<Channel> {
        match message.channel_name()? {
            "email" => Some(Channel::Email),
            "sms" => Some(Channel::Sms),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }
}

/// Text as HTML: escaped, lines joined by `<br>`.
fn html(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    escaped.lines().collect::<Vec<_>>().join("<br>")
}

/// A required setting or value, or `InvalidRequest` naming it.
fn required(
    value: Option<&str>,
    field: &str,
    why: impl FnOnce() -> String,
) -> Result<String, Error> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(str::to_owned)
        .ok_or_else(|| Error::invalid_request(field, why()))
}

impl Client {
    /// Sends `message` into its e-mail or SMS case (see the module docs); `None` for a chat
    /// message (any other channel), which [`Client::send_message_with`] sends itself.
    pub(crate) fn send_on_channel(
        &self,
        message: &SendMessage,
        options: &RequestOptions,
    ) -> Option<Result<Message, Error>> {
        let channel = Channel::of(message)?;
        Some(self.send_by(message, channel, options))
    }

    fn send_by(
        &self,
        message: &SendMessage,
        channel: Channel,
        options: &RequestOptions,
    ) -> Result<Message, Error> {
        if let SendAs::Contact(_) = message.sender() {
            return Err(Error::invalid_request(
                "contactId",
                "an e-mail or SMS is sent by the agent: do not send it as the contact",
            ));
        }
        let reader = self.with_options(options)?;
        let case = reader.cases().get(message.case_id())?;
        let has = case.channel.as_deref().unwrap_or("chat");
        if has != channel.name() {
            return Err(Error::invalid_request(
                "channel",
                format!(
                    "case {} is a `{has}` case, not `{}`: send with channel `{has}` (or send_to_contact, which follows the case)",
                    case.id,
                    channel.name()
                ),
            ));
        }
        let (path, body) = match channel {
            Channel::Email => {
                let from = self.sender(&self.senders().mail_from, "mailFrom")?;
                let mut to = message.mail_fields().to.clone();
                if to.is_empty() {
                    let email = reader.contact_field(&case, Contact::email)?;
                    to.push(required(email.as_deref(), "to", || {
                        format!(
                            "case {}'s contact has no e-mail address: give `to`",
                            case.id
                        )
                    })?);
                }
                ("/mail/add-message", mail_body(message, &case, from, to))
            }
            Channel::Sms => {
                let from = self.sender(&self.senders().sms_from, "smsFrom")?;
                let phone = reader.contact_field(&case, Contact::phone)?;
                let to = required(phone.as_deref(), "to", || {
                    format!("case {}'s contact has no phone number", case.id)
                })?;
                let body = sms_body(message, &case, from, to);
                ("/voip/send-sms?-x-user-type=user", body)
            }
        };
        let mut call = Call::post(path.into(), body.to_string(), Effect::Send);
        call.case_id = Some(case.id);
        self.execute(&call, options, |status, bytes| {
            read_answer(status, bytes, channel)
        })
    }

    /// The client's `mail_from` or `sms_from`, or `InvalidRequest` naming it.
    fn sender(&self, setting: &Option<String>, field: &str) -> Result<String, Error> {
        let (what, env) = match field {
            "mailFrom" => ("an e-mail: set the client's mail_from", ENV_MAIL_FROM),
            _ => ("an SMS: set the client's sms_from", ENV_SMS_FROM),
        };
        required(setting.as_deref(), field, || {
            format!("is needed to send {what} (or {env}) to an address or number of the account")
        })
    }

    /// A field of the case's contact (the case's embedded contact, else the contact read).
    fn contact_field(
        &self,
        case: &Case,
        field: impl Fn(&Contact) -> Option<&str>,
    ) -> Result<Option<String>, Error> {
        if let Some(value) = case.contact.as_ref().and_then(&field) {
            return Ok(Some(value.to_owned()));
        }
        let Some(contact_id) = case.contact_id.or(case.contact.as_ref().map(|c| c.id)) else {
            return Ok(None);
        };
        let contact = self.contacts().get(contact_id)?;
        Ok(field(&contact).map(str::to_owned))
    }
}

/// Send Mail Message's body.
fn mail_body(message: &SendMessage, case: &Case, from: String, to: Vec<String>) -> Value {
    let mail = message.mail_fields();
    let subject = mail.subject.clone().or_else(|| case.title.clone());
    let mut data = json!({
        "caseId": case.id,
        "contactId": case.contact_id.or(case.contact.as_ref().map(|c| c.id)),
        "to": to,
        "from": from,
        "cc": mail.cc,
        "bcc": mail.bcc,
        "type": message.kind().as_str(),
        "htmlBody": mail.html_body.clone().unwrap_or_else(|| html(message.text())),
    });
    if let Some(subject) = subject {
        data["subject"] = subject.into();
    }
    json!({ "data": data })
}

/// Send SMS's body.
fn sms_body(message: &SendMessage, case: &Case, from: String, to: String) -> Value {
    json!({
        "Body": message.text(),
        "From": from,
        "To": to,
        "contactId": case.contact_id.or(case.contact.as_ref().map(|c| c.id)),
        "threadId": case.thread_id.unwrap_or(case.id),
        "timelineId": case.id,
        "message": message.text(),
        "msgType": "message",
    })
}

/// Reads a mail answer (`{data: {id, caseMessageId, caseId, textBody, htmlBody, …}}`) or an
/// SMS answer (`{data: {cas: Case, data: {id, message, msgType, status, …}}}`) as the stored
/// message, keeping every field it came with.
pub(crate) fn read_answer(status: u16, bytes: Vec<u8>, channel: Channel) -> Result<Message, Error> {
    let expected = match channel {
        Channel::Email => "{id, caseMessageId, caseId, htmlBody, …}",
        Channel::Sms => "{cas: Case, data: {id, message, …}}",
    };
    let (data, text) = decode_data::<Value>(status, bytes, Effect::Send, expected)?;
    let fail = |why: &str| decode_error(status, Effect::Send, why.to_owned(), text.as_bytes());
    let mut message: Map<String, Value> = match channel {
        Channel::Email => data.as_object().cloned(),
        Channel::Sms => data.get("data").and_then(Value::as_object).cloned(),
    }
    .ok_or_else(|| fail(&format!("expected {{\"data\": {expected}}}")))?;
    if let Some(id) = message.get("caseMessageId").cloned() {
        message.insert("id".into(), id);
    }
    if !message.contains_key("message") {
        let body = ["textBody", "htmlBody", "Body"]
            .iter()
            .find_map(|k| message.get(*k).cloned());
        message.insert("message".into(), body.unwrap_or(Value::Null));
    }
    if let Some(case_id) = data.pointer("/cas/id").cloned() {
        message.entry("caseId").or_insert(case_id);
    }
    message
        .entry("channel")
        .or_insert_with(|| channel.name().into());
    serde_json::from_value::<Message>(Value::Object(message))
        .map(|m| m.with_raw(text.clone()))
        .map_err(|e| fail(&format!("expected {{\"data\": {expected}}}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs_request(name: &str) -> Value {
        let path = format!(
            "{}/../../tests/vectors/rest/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn case(value: Value) -> Case {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn the_mail_body_is_the_docs_example_for_the_same_values() {
        let case = case(json!({"id": 575, "contactId": 597632, "channel": "email"}));
        let mail = MailFields {
            subject: Some("test".into()),
            html_body: Some("This is the message body".into()),
            ..MailFields::default()
        };
        let message = SendMessage::new(575, "This is the message body")
            .channel("email")
            .mail(mail);
        let to = vec!["test@gmail.com".to_owned()];
        let body = mail_body(&message, &case, "user@acquire.io".into(), to);
        assert_eq!(body, docs_request("send-mail.request.json"));
    }

    #[test]
    fn the_sms_body_has_the_docs_fields_and_values() {
        let docs = docs_request("send-sms.request.json");
        let case =
            case(json!({"id": 2219, "contactId": 751069, "threadId": 2219, "channel": "sms"}));
        let message = SendMessage::new(2219, "hi").channel("sms");
        let body = sms_body(
            &message,
            &case,
            "+12513188609".into(),
            "+919666929552".into(),
        );
        for (key, value) in body.as_object().unwrap() {
            // The docs do not say what a timeline is: the SDK sends the case id.
            if key != "timelineId" {
                assert_eq!(Some(value), docs.get(key), "{key}");
            }
        }
    }

    #[test]
    fn answers_of_either_shape_read_as_the_stored_message() {
        let mail = json!({"data": {"id": 9, "caseMessageId": 331, "caseId": 575, "htmlBody": "<b>hi</b>", "textBody": "hi"}});
        let read = read_answer(200, mail.to_string().into_bytes(), Channel::Email).unwrap();
        assert_eq!(
            (read.id, read.case_id, read.message.as_deref()),
            (331, 575, Some("hi"))
        );
        assert_eq!(read.channel.as_deref(), Some("email"));
        let sms = json!({"data": {"cas": {"id": 2219}, "data": {"id": 332, "message": "hi", "msgType": "sms", "status": "sent"}}});
        let read = read_answer(200, sms.to_string().into_bytes(), Channel::Sms).unwrap();
        assert_eq!((read.id, read.case_id), (332, 2219));
        let err = read_answer(200, b"{\"data\": 1}".to_vec(), Channel::Sms).unwrap_err();
        assert!(err.may_have_been_delivered(), "{err}");
    }
}
