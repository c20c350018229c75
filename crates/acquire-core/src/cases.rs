//! The case endpoints: list (`GET /crm/objects/case`), get (`GET /crm/objects/case/{id}`),
//! create and reopen (`POST /crm/messenger/chat/create?contactId=`), close
//! (`POST /crm/messenger/chat/close`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::call::Call;
use crate::contacts::{as_id, check_id};
use crate::error::Effect;
use crate::page::{Page, Pages};
use crate::{Case, CaseQuery, Client, Error, RequestOptions, lenient};

/// The case endpoints of a [`Client`] ([`Client::cases`]).
#[derive(Debug, Clone, Copy)]
pub struct Cases<'a> {
    pub(crate) client: &'a Client,
}

/// The `data` of the case list: `{page, offset, limit, count, data}`.
#[derive(Deserialize)]
pub(crate) struct CaseList {
    #[serde(default, deserialize_with = "lenient::int")]
    offset: Option<i64>,
    #[serde(default, deserialize_with = "lenient::int")]
    count: Option<i64>,
    data: Vec<Case>,
}

/// A case to open for a contact ([`Cases::open`]): a new conversation, or, with
/// [`OpenCase::thread`], the continuation of an earlier one ("reopen": Acquire makes a
/// new case in that thread; the closed case keeps its id and status).
///
/// ```
/// use acquire_core::OpenCase;
///
/// let reopen = OpenCase::new(5).thread(29).message("We shipped your order");
/// assert_eq!(
///     reopen.to_json().unwrap(),
///     r#"{"channel":"chat","message":{"type":"message","message":"We shipped your order"},"threadId":29}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct OpenCase {
    contact_id: i64,
    thread_id: Option<i64>,
    message: Option<String>,
    title: Option<String>,
    channel: String,
}

impl OpenCase {
    /// A new chat case for this contact.
    pub fn new(contact_id: i64) -> Self {
        OpenCase {
            contact_id,
            thread_id: None,
            message: None,
            title: None,
            channel: "chat".into(),
        }
    }

    /// From plain values, as a language binding or command line takes them (`None`: the
    /// default).
    pub fn from_fields(
        contact_id: i64,
        thread_id: Option<i64>,
        message: Option<String>,
        title: Option<String>,
        channel: Option<String>,
    ) -> Self {
        let mut open = OpenCase::new(contact_id);
        open.thread_id = thread_id;
        open.message = message;
        open.title = title;
        if let Some(channel) = channel {
            open.channel = channel;
        }
        open
    }

    /// Continues this thread (the `threadId` of the contact's earlier case): reopen.
    pub fn thread(mut self, thread_id: i64) -> Self {
        self.thread_id = Some(thread_id);
        self
    }

    /// A first message, stored in the new case.
    pub fn message(mut self, text: impl Into<String>) -> Self {
        self.message = Some(text.into());
        self
    }

    /// The case title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The channel (default `chat`).
    pub fn channel(mut self, channel: impl Into<String>) -> Self {
        self.channel = channel.into();
        self
    }

    /// The contact the case is for.
    pub fn contact_id(&self) -> i64 {
        self.contact_id
    }

    /// Checks the fields and returns the body that is sent.
    pub fn to_json(&self) -> Result<String, Error> {
        check_id("contactId", self.contact_id)?;
        if let Some(thread) = self.thread_id {
            check_id("threadId", thread)?;
        }
        let mut body = Map::new();
        if let Some(title) = &self.title {
            if title.trim().is_empty() {
                return Err(Error::invalid_request("title", "must not be empty"));
            }
            body.insert("title".into(), title.as_str().into());
        }
        if self.channel.trim().is_empty() {
            return Err(Error::invalid_request("channel", "must not be empty"));
        }
        body.insert("channel".into(), self.channel.as_str().into());
        if let Some(text) = &self.message {
            if text.trim().is_empty() {
                return Err(Error::invalid_request(
                    "message",
                    "must not be empty or only whitespace",
                ));
            }
            body.insert(
                "message".into(),
                json!({"type": "message", "message": text}),
            );
        }
        if let Some(thread) = self.thread_id {
            body.insert("threadId".into(), thread.into());
        }
        Ok(Value::Object(body).to_string())
    }
}

/// What Close Case answered: the closed case and who closed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ClosedCase {
    /// The case that was closed.
    pub case_id: i64,
    /// Its contact, when the answer names it.
    pub contact_id: Option<i64>,
    /// The user who closed it (the API key's agent).
    pub user_id: Option<i64>,
    /// The answer's `data` as it came.
    pub raw: Value,
}

impl Cases<'_> {
    /// Every case `query` selects, a page (one request) at a time. The query is checked
    /// first: a bad condition or page size fails before any request.
    pub fn list(&self, query: &CaseQuery) -> Result<Pages<Case>, Error> {
        query.to_query(0)?;
        let (client, query) = (self.client.clone(), query.clone());
        Ok(Pages::new(move |page| {
            client.cases().list_page(&query, page)
        }))
    }

    /// One page (0-based) of [`Cases::list`].
    pub fn list_page(&self, query: &CaseQuery, page: u32) -> Result<Page<Case>, Error> {
        let size = query.size()?;
        let call = Call::get(format!("/crm/objects/case?{}", query.to_query(page)?));
        let list: CaseList = self
            .client
            .read(&call, "{page, offset, limit, count, data: [Case]}")?;
        let first = list
            .offset
            .map(|o| o.max(0) as u64)
            .unwrap_or(u64::from(page) * u64::from(size));
        let total = list.count.map(|n| n.max(0) as u64);
        Ok(Page::new(list.data, page, size, first, total))
    }

    /// One case with its contact (`relations=contact`).
    pub fn get(&self, case_id: i64) -> Result<Case, Error> {
        check_id("caseId", case_id)?;
        let call = Call::get(format!("/crm/objects/case/{case_id}?relations=contact"));
        self.client.read(&call, "Case")
    }

    /// Opens a case for a contact (a new one, or a reopened thread) and returns it: send
    /// into its `id`. Like a send, it is not retried once it may have reached the server.
    pub fn open(&self, case: &OpenCase) -> Result<Case, Error> {
        self.open_with(case, &RequestOptions::default())
    }

    /// [`Cases::open`] with per-call timeouts and retries.
    pub fn open_with(&self, case: &OpenCase, options: &RequestOptions) -> Result<Case, Error> {
        let body = case.to_json()?;
        let path = format!("/crm/messenger/chat/create?contactId={}", case.contact_id);
        let call = Call::post(path, body, Effect::Write);
        self.client.request(&call, options, "Case")
    }

    /// Closes a case; messages can no longer be sent into it (reopen its thread with
    /// [`OpenCase::thread`]).
    pub fn close(&self, case_id: i64) -> Result<ClosedCase, Error> {
        self.close_with(case_id, &RequestOptions::default())
    }

    /// [`Cases::close`] with per-call timeouts and retries.
    pub fn close_with(&self, case_id: i64, options: &RequestOptions) -> Result<ClosedCase, Error> {
        check_id("caseId", case_id)?;
        let body = json!({"caseId": case_id}).to_string();
        let call = Call::post("/crm/messenger/chat/close".into(), body, Effect::Write);
        let raw: Value = self.client.request(&call, options, "{\"0\": {caseId}}")?;
        // `data["0"]` is an object key, not an array index.
        let closed = raw.get("0").unwrap_or(&Value::Null);
        Ok(ClosedCase {
            case_id: closed.get("caseId").and_then(as_id).unwrap_or(case_id),
            contact_id: closed.get("contactId").and_then(as_id),
            user_id: raw.get("userId").and_then(as_id),
            raw,
        })
    }
}
