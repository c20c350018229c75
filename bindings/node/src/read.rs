//! The read side for Node: contacts, cases, messages, findCase and sendToContact on the
//! client's own threads, each with the call's options. Each resolves to JSON text of the
//! core's models (the JS layer parses it); lists come a page at a time (`{items, nextPage,
//! total}`) and the JS layer turns them into async iterators.

use acquire_core::{
    CaseListParams, CaseQuery, EditMessage, Error, FindCase, Invite, MessageOrder, NewContact,
    OpenCase, Page, RawRequest, Snooze,
};
use napi::Env;
use napi::bindgen_prelude::Object;
use napi_derive::napi;
use serde::Serialize;
use serde_json::{Value, json};

use crate::client::{CallOptions, NativeClient, SendInput, call_options, resolve, to_parts};
use crate::failure::{no_panic, to_js};

/// A case query: contact, status, conditions (`column|operator|value`), columns,
/// relations, page size.
#[napi(object)]
pub struct CaseQueryInput {
    /// Only this contact's cases.
    pub contact_id: Option<i64>,
    /// Only cases with this status.
    pub status: Option<String>,
    /// `where` conditions.
    pub conditions: Vec<String>,
    /// Columns to select.
    pub select: Vec<String>,
    /// Relations to include.
    pub relations: Vec<String>,
    /// Items per request.
    pub limit: Option<u32>,
}

impl CaseQueryInput {
    fn to_query(&self) -> CaseQuery {
        CaseQuery::from(CaseListParams {
            contact_id: self.contact_id,
            status: self.status.clone(),
            conditions: self.conditions.clone(),
            select: self.select.clone(),
            relations: self.relations.clone(),
            limit: self.limit,
        })
    }
}

/// A case to open.
#[napi(object)]
pub struct OpenCaseInput {
    /// The contact.
    pub contact_id: i64,
    /// The thread to continue (reopen).
    pub thread_id: Option<i64>,
    /// A first message.
    pub message: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The channel.
    pub channel: Option<String>,
}

/// A message's new content.
#[napi(object)]
pub struct EditInput {
    /// The message to correct.
    pub message_id: i64,
    /// The new text.
    pub message: String,
    /// `message`, `note` or `event` (default `message`).
    #[napi(js_name = "type")]
    pub message_type: Option<String>,
    /// A language tag to translate into.
    pub translate_lang_key: Option<String>,
}

/// A raw request.
#[napi(object)]
pub struct RawInput {
    /// GET, POST, PUT or DELETE.
    pub method: String,
    /// The path below `/api/v1`.
    pub path: String,
    /// Query parameters as `[name, value]` pairs.
    pub query: Option<Vec<Vec<String>>>,
    /// The body as JSON text.
    pub body_json: Option<String>,
    /// Whether a write may be repeated.
    pub idempotent: Option<bool>,
}

/// Who to find a case for.
#[napi(object)]
pub struct FindInput {
    /// The contact's e-mail address.
    pub email: Option<String>,
    /// Or the contact id.
    pub contact_id: Option<i64>,
    /// Create the contact and a case when there are none.
    pub create: Option<bool>,
    /// Reopen the latest thread when no case is active (default true).
    pub reopen: Option<bool>,
}

impl FindInput {
    fn into_find(self) -> Result<FindCase, Error> {
        FindCase::from_fields(
            self.email,
            self.contact_id,
            self.create.unwrap_or(false),
            self.reopen.unwrap_or(true),
        )
    }
}

/// A contact's fields from a JSON object's text.
fn new_contact(fields_json: &str) -> Result<NewContact, Error> {
    let fields: serde_json::Map<String, Value> =
        serde_json::from_str(fields_json).map_err(|_| Error::InvalidRequest {
            field: "fields".into(),
            reason: "must be an object".into(),
        })?;
    Ok(fields
        .into_iter()
        .fold(NewContact::new(), |n, (k, v)| n.field(k, v)))
}

/// A page as JSON: `{items, nextPage, total}`.
fn page<T: Serialize>(page: Page<T>) -> Value {
    json!({"items": page.items, "nextPage": page.next_page, "total": page.total})
}

impl NativeClient {
    /// Runs `call` on the client's threads with the call's options and settles the
    /// promise with `[JSON text]`.
    pub(crate) fn run<'env, T: Serialize>(
        &self,
        env: &'env Env,
        options: Option<CallOptions>,
        call: impl FnOnce(&acquire_core::Client) -> Result<T, Error> + Send + 'static,
    ) -> napi::Result<Object<'env>> {
        let (deferred, promise) = env.create_deferred()?;
        let client = self.inner.clone();
        self.spawn(move || {
            let outcome = no_panic(|| {
                let value = call_options(options.as_ref())
                    .and_then(|options| client.with_options(&options))
                    .and_then(|client| call(&client))
                    .map_err(|e| to_js(&e))?;
                Ok(vec![serde_json::to_string(&value).unwrap_or_default()])
            });
            resolve(deferred, outcome);
        });
        Ok(promise)
    }
}

#[napi]
impl NativeClient {
    /// The contacts with exactly this e-mail address: `[Contact]`.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn contacts_find_by_email<'env>(
        &self,
        env: &'env Env,
        email: String,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| c.contacts().find_by_email(&email))
    }

    /// Checks a contact search's text (throws the core's error) before the first page.
    #[napi]
    pub fn contacts_search_check(&self, text: String) -> napi::Result<()> {
        no_panic(|| acquire_core::internal::check_search(&text).map_err(|e| to_js(&e)))
    }

    /// One page of a free-text contact search: `{items, nextPage, total}`.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn contacts_search_page<'env>(
        &self,
        env: &'env Env,
        text: String,
        page: u32,
        limit: Option<u32>,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| {
            c.contacts().search_page(&text, limit, page).map(self::page)
        })
    }

    /// One page of the contact list: `{items, nextPage, total}`.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn contacts_list_page<'env>(
        &self,
        env: &'env Env,
        page: u32,
        limit: Option<u32>,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| {
            c.contacts().list_page(limit, page).map(self::page)
        })
    }

    /// One contact with its cases.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn contacts_get<'env>(
        &self,
        env: &'env Env,
        contact_id: i64,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| c.contacts().get(contact_id))
    }

    /// Creates a contact from a JSON object of fields.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn contacts_create<'env>(
        &self,
        env: &'env Env,
        fields_json: String,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| {
            c.contacts().create(&new_contact(&fields_json)?)
        })
    }

    /// Merges a JSON object of fields into a contact.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn contacts_update<'env>(
        &self,
        env: &'env Env,
        contact_id: i64,
        fields_json: String,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| {
            c.contacts().update(contact_id, &new_contact(&fields_json)?)
        })
    }

    /// Checks a case query (throws the core's error) before the first page.
    #[napi]
    pub fn cases_check(&self, query: CaseQueryInput) -> napi::Result<()> {
        no_panic(|| {
            query
                .to_query()
                .to_query(0)
                .map(|_| ())
                .map_err(|e| to_js(&e))
        })
    }

    /// One page of the case list: `{items, nextPage, total}`.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn cases_list_page<'env>(
        &self,
        env: &'env Env,
        query: CaseQueryInput,
        page: u32,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        let query = query.to_query();
        self.run(env, options, move |c| {
            c.cases().list_page(&query, page).map(self::page)
        })
    }

    /// One case with its contact.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn cases_get<'env>(
        &self,
        env: &'env Env,
        case_id: i64,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| c.cases().get(case_id))
    }

    /// Opens a case (reopens with `threadId`).
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn cases_open<'env>(
        &self,
        env: &'env Env,
        input: OpenCaseInput,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        let open = OpenCase::from_fields(
            input.contact_id,
            input.thread_id,
            input.message,
            input.title,
            input.channel,
        );
        self.run(env, options, move |c| c.cases().open(&open))
    }

    /// Closes a case: `{caseId, contactId, userId, raw}`.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn cases_close<'env>(
        &self,
        env: &'env Env,
        case_id: i64,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| c.cases().close(case_id))
    }

    /// Invites agents and departments into a case: `{agents: [{userId, online, sent}], raw}`.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn cases_invite<'env>(
        &self,
        env: &'env Env,
        case_id: i64,
        agent_ids: Vec<i64>,
        department_ids: Vec<i64>,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        let invite = Invite::from_fields(case_id, agent_ids, department_ids);
        self.run(env, options, move |c| c.cases().invite(&invite))
    }

    /// Snoozes a case until a time (`YYYY-MM-DD HH:MM:SS` UTC or RFC 3339).
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn cases_snooze<'env>(
        &self,
        env: &'env Env,
        case_id: i64,
        until: String,
        message: Option<String>,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| {
            c.cases()
                .snooze(&Snooze::from_fields(case_id, &until, message)?)
        })
    }

    /// The cases of a thread with their last message.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn messages_thread<'env>(
        &self,
        env: &'env Env,
        thread_id: i64,
        contact_id: i64,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| {
            c.messages().thread(thread_id, contact_id)
        })
    }

    /// A conversation's messages in `order` (`newest` or `oldest`), at most `limit`.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn messages_list<'env>(
        &self,
        env: &'env Env,
        case_id: i64,
        order: String,
        limit: Option<u32>,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| {
            c.messages()
                .list(case_id, order.parse::<MessageOrder>()?, limit)
        })
    }

    /// Corrects a sent message; the stored message answers.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn messages_update<'env>(
        &self,
        env: &'env Env,
        input: EditInput,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| {
            let edit = EditMessage::from_fields(
                input.message,
                input.message_type.as_deref(),
                input.translate_lang_key,
            )?;
            let edited = c.messages().update(input.message_id, &edit)?;
            Ok(json!({"message": edited, "raw": edited.raw_json()}))
        })
    }

    /// Deletes a message: how many were deleted.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn messages_delete<'env>(
        &self,
        env: &'env Env,
        message_id: i64,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| c.messages().delete(message_id))
    }

    /// One stored message.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn messages_get<'env>(
        &self,
        env: &'env Env,
        message_id: i64,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| c.messages().get(message_id))
    }

    /// A raw request: the response's JSON. `query` holds `[name, value]` pairs; `body_json`
    /// is JSON text (`JSON.stringify` in the JS layer).
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn raw_request<'env>(
        &self,
        env: &'env Env,
        input: RawInput,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| {
            let query = input
                .query
                .unwrap_or_default()
                .into_iter()
                .filter_map(|pair| match <[String; 2]>::try_from(pair) {
                    Ok([name, value]) => Some((name, value)),
                    Err(_) => None,
                })
                .collect();
            let request = RawRequest::from_fields(
                input.method,
                input.path,
                query,
                input.body_json.as_deref(),
                input.idempotent.unwrap_or(false),
            )?;
            c.raw_request(&request)
        })
    }

    /// The case to write into: `{case, contactId, source, contactCreated}`.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn find_case<'env>(
        &self,
        env: &'env Env,
        who: FindInput,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| c.find_case(&who.into_find()?))
    }

    /// Finds the contact's case and sends into it: `{message, raw}`.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn send_to_contact<'env>(
        &self,
        env: &'env Env,
        who: FindInput,
        input: SendInput,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| {
            let parts = to_parts(input)?;
            let sent = c.send_to_contact_with(&who.into_find()?, parts, &Default::default())?;
            Ok(json!({"message": sent, "raw": sent.raw_json()}))
        })
    }
}
