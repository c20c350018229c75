//! The message endpoints: a conversation's messages (the case's `messages` relation), the
//! thread listing (`GET /crm/messenger/chat/messages`) and one message (`GET
//! /crm/objects/case-message/{id}`).

use serde::Deserialize;

use crate::call::Call;
use crate::contacts::check_id;
use crate::{Case, Client, Error, Message, RequestOptions, response};

/// A case read with its `messages` relation.
#[derive(Deserialize)]
pub(crate) struct CaseMessages {
    #[serde(default)]
    messages: Option<Vec<Message>>,
}

/// Which end of a conversation [`Messages::list`] starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MessageOrder {
    /// The newest first: what an agent (or a reply bot) reads.
    #[default]
    NewestFirst,
    /// The oldest first: a transcript.
    OldestFirst,
}

impl MessageOrder {
    /// `newest` or `oldest`.
    pub fn as_str(self) -> &'static str {
        match self {
            MessageOrder::NewestFirst => "newest",
            MessageOrder::OldestFirst => "oldest",
        }
    }
}

impl std::str::FromStr for MessageOrder {
    type Err = Error;

    /// `newest` or `oldest` (else `InvalidRequest` naming `order`).
    fn from_str(text: &str) -> Result<Self, Error> {
        match text {
            "newest" => Ok(MessageOrder::NewestFirst),
            "oldest" => Ok(MessageOrder::OldestFirst),
            _ => Err(Error::invalid_request(
                "order",
                "must be `newest` or `oldest`",
            )),
        }
    }
}

/// The message endpoints of a [`Client`] ([`Client::messages`]).
#[derive(Debug, Clone, Copy)]
pub struct Messages<'a> {
    pub(crate) client: &'a Client,
}

impl Messages<'_> {
    /// Every message of a conversation (a case), agent messages, the customer's, notes and
    /// events alike, in `order` by creation time (then id), at most `limit` of them (all
    /// when `None`). Acquire gives a case's whole history in one answer (the case's
    /// `messages` relation; the API documents no message listing with paging), so this is
    /// one request.
    ///
    /// ```no_run
    /// # use acquire_core::{Client, MessageOrder};
    /// # let client = Client::from_env()?;
    /// for message in client.messages().list(28, MessageOrder::OldestFirst, None)? {
    ///     println!("{:?}: {:?}", message.sender_type, message.message);
    /// }
    /// # Ok::<(), acquire_core::Error>(())
    /// ```
    pub fn list(
        &self,
        case_id: i64,
        order: MessageOrder,
        limit: Option<u32>,
    ) -> Result<Vec<Message>, Error> {
        check_id("caseId", case_id)?;
        if limit == Some(0) {
            return Err(Error::invalid_request("limit", "must be at least 1"));
        }
        let mut messages = self.history(case_id)?.unwrap_or_default();
        messages.sort_by_key(|m| (m.date_created, m.id));
        if order == MessageOrder::NewestFirst {
            messages.reverse();
        }
        if let Some(limit) = limit {
            messages.truncate(limit as usize);
        }
        Ok(messages)
    }

    /// A case's `messages` relation as the API orders it; `None` when the answer has none.
    pub(crate) fn history(&self, case_id: i64) -> Result<Option<Vec<Message>>, Error> {
        let call = Call::get(format!("/crm/objects/case/{case_id}?relations=messages"));
        let case: CaseMessages = self.client.read(&call, "Case with messages")?;
        Ok(case.messages)
    }

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
        self.message(&call)
    }

    /// Runs a call that answers `{"data": Message}`; the message keeps the body as its raw
    /// JSON.
    pub(crate) fn message(&self, call: &Call) -> Result<Message, Error> {
        let (message, body) =
            self.client
                .execute(call, &RequestOptions::default(), |status, bytes| {
                    response::decode_data::<Message>(status, bytes, call.effect, "Message")
                })?;
        Ok(message.with_raw(body))
    }
}
