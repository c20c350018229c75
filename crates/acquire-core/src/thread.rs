//! The message endpoints: the thread listing (`GET /crm/messenger/chat/messages`) and one
//! message (`GET /crm/objects/case-message/{id}`).

use crate::client::Call;
use crate::contacts::check_id;
use crate::{Case, Client, Error, Message, RequestOptions, response};

/// The message endpoints of a [`Client`] ([`Client::messages`]).
#[derive(Debug, Clone, Copy)]
pub struct Messages<'a> {
    pub(crate) client: &'a Client,
}

impl Messages<'_> {
    /// The cases of a conversation thread, each with its newest message
    /// ([`Case::last_message`]): what Acquire's "Retrieve a list of messages" answers. The
    /// API does not page it.
    pub fn thread(&self, thread_id: i64, contact_id: i64) -> Result<Vec<Case>, Error> {
        check_id("threadId", thread_id)?;
        check_id("contactId", contact_id)?;
        let call = Call::get(format!(
            "/crm/messenger/chat/messages?threadId={thread_id}&contactId={contact_id}"
        ));
        self.client.read(&call, "[Case]")
    }

    /// One stored message, by id; its [`Message::raw_json`] is the response body.
    pub fn get(&self, message_id: i64) -> Result<Message, Error> {
        check_id("messageId", message_id)?;
        let call = Call::get(format!("/crm/objects/case-message/{message_id}"));
        let (message, body) =
            self.client
                .execute(&call, &RequestOptions::default(), |status, bytes| {
                    response::decode_data::<Message>(status, bytes, call.effect, "Message")
                })?;
        Ok(message.with_raw(body))
    }
}
