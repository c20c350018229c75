//! The read side for Python: contacts, cases, messages, find_case and send_to_contact.
//! Each function runs without the GIL with the call's options and returns the core's
//! models as `_native` classes; lists come a page at a time (`(items, next_page, total)`),
//! and the Python package turns them into generators. `spawn_call` runs any `_native`
//! function (these, `settle`, the sends) on the client's own threads for `AsyncClient`.

use acquire_core::{
    CaseListParams, CaseQuery, EditMessage, Error, FindCase, Invite, MessageOrder, NewContact,
    OpenCase, Page, RawRequest, RequestOptions, Snooze,
};
use chrono::{DateTime, Utc};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::client::{Client, Overrides, Parts, report};
use crate::json::ToPython;
use crate::models::{Case, Contact, Message};
use crate::{Failure, no_panic};

/// Runs `call` on the client, with the call's options, without the GIL; an exception on
/// failure.
pub(crate) fn run<T: Send>(
    py: Python<'_>,
    client: &Client,
    options: Option<Overrides>,
    call: impl FnOnce(&acquire_core::Client) -> Result<T, Error> + Send,
) -> PyResult<T> {
    let inner = client.inner.clone();
    py.detach(|| {
        no_panic(|| {
            let options = options.unwrap_or_default().to_options()?;
            call(&inner.with_options(&options)?)
        })
    })
    .map_err(|f| f.into_py(py))
}

/// A page as `(items, next_page, total)`.
type PyPage<T> = (Vec<T>, Option<u32>, Option<u64>);

fn page<C, T>(page: Page<C>, wrap: impl Fn(C) -> T) -> PyPage<T> {
    let (next, total) = (page.next_page, page.total);
    (page.items.into_iter().map(wrap).collect(), next, total)
}

fn contact(inner: acquire_core::Contact) -> Contact {
    Contact { inner }
}

fn case(inner: acquire_core::Case) -> Case {
    Case { inner }
}

/// `contacts.find_by_email`: the contacts with exactly this e-mail address.
#[pyfunction]
#[pyo3(signature = (client, email, options=None))]
pub(crate) fn contacts_find_by_email(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    email: String,
    options: Option<Overrides>,
) -> PyResult<Vec<Contact>> {
    let found = run(py, &client, options, |c| c.contacts().find_by_email(&email))?;
    Ok(found.into_iter().map(contact).collect())
}

/// Checks a contact search's text before the first page is asked for.
#[pyfunction]
pub(crate) fn contacts_search_check(py: Python<'_>, text: &str) -> PyResult<()> {
    acquire_core::internal::check_search(text).map_err(|e| Failure(e).into_py(py))
}

/// One page of a free-text contact search.
#[pyfunction]
#[pyo3(signature = (client, text, page, limit=None, options=None))]
pub(crate) fn contacts_search_page(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    text: String,
    page: u32,
    limit: Option<u32>,
    options: Option<Overrides>,
) -> PyResult<PyPage<Contact>> {
    let found = run(py, &client, options, |c| {
        c.contacts().search_page(&text, limit, page)
    })?;
    Ok(self::page(found, contact))
}

/// One page of the contact list.
#[pyfunction]
#[pyo3(signature = (client, page, limit=None, options=None))]
pub(crate) fn contacts_list_page(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    page: u32,
    limit: Option<u32>,
    options: Option<Overrides>,
) -> PyResult<PyPage<Contact>> {
    let found = run(py, &client, options, |c| {
        c.contacts().list_page(limit, page)
    })?;
    Ok(self::page(found, contact))
}

/// One contact with its cases.
#[pyfunction]
#[pyo3(signature = (client, contact_id, options=None))]
pub(crate) fn contacts_get(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    contact_id: i64,
    options: Option<Overrides>,
) -> PyResult<Contact> {
    run(py, &client, options, |c| c.contacts().get(contact_id)).map(contact)
}

/// Creates a contact from `(key, value)` fields (string values).
#[pyfunction]
#[pyo3(signature = (client, fields, options=None))]
pub(crate) fn contacts_create(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    fields: Vec<(String, String)>,
    options: Option<Overrides>,
) -> PyResult<Contact> {
    let new = fields
        .into_iter()
        .fold(NewContact::new(), |c, (k, v)| c.field(k, v));
    run(py, &client, options, |c| c.contacts().create(&new)).map(contact)
}

/// Merges `(key, value)` fields into a contact.
#[pyfunction]
#[pyo3(signature = (client, contact_id, fields, options=None))]
pub(crate) fn contacts_update(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    contact_id: i64,
    fields: Vec<(String, String)>,
    options: Option<Overrides>,
) -> PyResult<Contact> {
    let changes = fields
        .into_iter()
        .fold(NewContact::new(), |c, (k, v)| c.field(k, v));
    run(py, &client, options, |c| {
        c.contacts().update(contact_id, &changes)
    })
    .map(contact)
}

/// A case query as the Python layer passes it: contact id, status, conditions, select,
/// relations, limit.
type Query = (
    Option<i64>,
    Option<String>,
    Vec<String>,
    Vec<String>,
    Vec<String>,
    Option<u32>,
);

fn case_query((contact_id, status, conditions, select, relations, limit): Query) -> CaseQuery {
    CaseQuery::from(CaseListParams {
        contact_id,
        status,
        conditions,
        select,
        relations,
        limit,
    })
}

/// Checks a case query before the first page is asked for.
#[pyfunction]
pub(crate) fn cases_check(py: Python<'_>, query: Query) -> PyResult<()> {
    case_query(query)
        .to_query(0)
        .map(|_| ())
        .map_err(|e| Failure(e).into_py(py))
}

/// One page of the case list.
#[pyfunction]
#[pyo3(signature = (client, query, page, options=None))]
pub(crate) fn cases_list_page(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    query: Query,
    page: u32,
    options: Option<Overrides>,
) -> PyResult<PyPage<Case>> {
    let query = case_query(query);
    let found = run(py, &client, options, |c| c.cases().list_page(&query, page))?;
    Ok(self::page(found, case))
}

/// One case with its contact.
#[pyfunction]
#[pyo3(signature = (client, case_id, options=None))]
pub(crate) fn cases_get(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    case_id: i64,
    options: Option<Overrides>,
) -> PyResult<Case> {
    run(py, &client, options, |c| c.cases().get(case_id)).map(case)
}

/// Opens a case (reopens with `thread_id`).
#[pyfunction]
#[pyo3(signature = (client, contact_id, thread_id=None, message=None, title=None, channel=None, options=None))]
#[allow(clippy::too_many_arguments)] // one per Python argument
pub(crate) fn cases_open(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    contact_id: i64,
    thread_id: Option<i64>,
    message: Option<String>,
    title: Option<String>,
    channel: Option<String>,
    options: Option<Overrides>,
) -> PyResult<Case> {
    let open = OpenCase::from_fields(contact_id, thread_id, message, title, channel);
    run(py, &client, options, |c| c.cases().open(&open)).map(case)
}

/// A closed case as `(case_id, contact_id, user_id, raw)`.
type Closed<'py> = (i64, Option<i64>, Option<i64>, Bound<'py, PyAny>);

/// Closes a case: `(case_id, contact_id, user_id, raw)`.
#[pyfunction]
#[pyo3(signature = (client, case_id, options=None))]
pub(crate) fn cases_close<'py>(
    py: Python<'py>,
    client: PyRef<'_, Client>,
    case_id: i64,
    options: Option<Overrides>,
) -> PyResult<Closed<'py>> {
    let closed = run(py, &client, options, |c| c.cases().close(case_id))?;
    Ok((
        closed.case_id,
        closed.contact_id,
        closed.user_id,
        closed.raw.to_python(py)?,
    ))
}

/// An invitation's answer as `([(user_id, online, sent)], raw)`.
type Invited<'py> = (Vec<(i64, bool, bool)>, Bound<'py, PyAny>);

/// Invites agents and departments into a case: `([(user_id, online, sent)], raw)`.
#[pyfunction]
#[pyo3(signature = (client, case_id, agent_ids, department_ids, options=None))]
pub(crate) fn cases_invite<'py>(
    py: Python<'py>,
    client: PyRef<'_, Client>,
    case_id: i64,
    agent_ids: Vec<i64>,
    department_ids: Vec<i64>,
    options: Option<Overrides>,
) -> PyResult<Invited<'py>> {
    let invite = Invite::from_fields(case_id, agent_ids, department_ids);
    let invitation = run(py, &client, options, |c| c.cases().invite(&invite))?;
    let agents = invitation.agents.iter();
    let agents = agents.map(|a| (a.user_id, a.online, a.sent)).collect();
    Ok((agents, invitation.raw.to_python(py)?))
}

/// A snooze's answer as `(id, case_id, contact_id, until, user_id, message, raw)`.
type SnoozedTuple<'py> = (
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<DateTime<Utc>>,
    Option<i64>,
    Option<String>,
    Bound<'py, PyAny>,
);

/// Snoozes a case until a time (`YYYY-MM-DD HH:MM:SS` UTC or RFC 3339).
#[pyfunction]
#[pyo3(signature = (client, case_id, until, message=None, options=None))]
pub(crate) fn cases_snooze<'py>(
    py: Python<'py>,
    client: PyRef<'_, Client>,
    case_id: i64,
    until: String,
    message: Option<String>,
    options: Option<Overrides>,
) -> PyResult<SnoozedTuple<'py>> {
    let snoozed = run(py, &client, options, |c| {
        c.cases()
            .snooze(&Snooze::from_fields(case_id, &until, message)?)
    })?;
    Ok((
        snoozed.id,
        snoozed.case_id,
        snoozed.contact_id,
        snoozed.until,
        snoozed.user_id,
        snoozed.message,
        snoozed.raw.to_python(py)?,
    ))
}

/// The cases of a thread with their last message.
#[pyfunction]
#[pyo3(signature = (client, thread_id, contact_id, options=None))]
pub(crate) fn messages_thread(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    thread_id: i64,
    contact_id: i64,
    options: Option<Overrides>,
) -> PyResult<Vec<Case>> {
    let cases = run(py, &client, options, |c| {
        c.messages().thread(thread_id, contact_id)
    })?;
    Ok(cases.into_iter().map(case).collect())
}

/// A conversation's messages in `order` (`newest` or `oldest`), at most `limit`.
#[pyfunction]
#[pyo3(signature = (client, case_id, order, limit=None, options=None))]
pub(crate) fn messages_list(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    case_id: i64,
    order: &str,
    limit: Option<u32>,
    options: Option<Overrides>,
) -> PyResult<Vec<Message>> {
    let order = order.parse::<MessageOrder>();
    let messages = run(py, &client, options, |c| {
        c.messages().list(case_id, order?, limit)
    })?;
    Ok(messages
        .into_iter()
        .map(|inner| Message { inner })
        .collect())
}

/// Corrects a sent message; the stored message answers.
#[pyfunction]
#[pyo3(signature = (client, message_id, message, message_type, translate_lang_key=None, options=None))]
pub(crate) fn messages_update(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    message_id: i64,
    message: String,
    message_type: &str,
    translate_lang_key: Option<String>,
    options: Option<Overrides>,
) -> PyResult<Message> {
    let edit = EditMessage::from_fields(message, Some(message_type), translate_lang_key);
    run(py, &client, options, |c| {
        c.messages().update(message_id, &edit?)
    })
    .map(|inner| Message { inner })
}

/// Deletes a message: how many were deleted.
#[pyfunction]
#[pyo3(signature = (client, message_id, options=None))]
pub(crate) fn messages_delete(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    message_id: i64,
    options: Option<Overrides>,
) -> PyResult<u64> {
    run(py, &client, options, |c| c.messages().delete(message_id))
}

/// One stored message.
#[pyfunction]
#[pyo3(signature = (client, message_id, options=None))]
pub(crate) fn messages_get(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    message_id: i64,
    options: Option<Overrides>,
) -> PyResult<Message> {
    run(py, &client, options, |c| c.messages().get(message_id)).map(|inner| Message { inner })
}

/// `(case, contact_id, source, contact_created)`.
#[pyfunction]
#[pyo3(signature = (client, email, contact_id, create, reopen, options=None))]
pub(crate) fn find_case(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    email: Option<String>,
    contact_id: Option<i64>,
    create: bool,
    reopen: bool,
    options: Option<Overrides>,
) -> PyResult<(Case, i64, &'static str, bool)> {
    let find = FindCase::from_fields(email, contact_id, create, reopen);
    let found = run(py, &client, options, |c| c.find_case(&find?))?;
    Ok((
        case(found.case),
        found.contact_id,
        found.source.as_str(),
        found.contact_created,
    ))
}

/// Finds the contact's case and sends `parts` into it.
#[pyfunction]
#[pyo3(signature = (client, email, contact_id, create, reopen, parts, options=None))]
#[allow(clippy::too_many_arguments)] // one per Python argument
pub(crate) fn send_to_contact(
    py: Python<'_>,
    client: PyRef<'_, Client>,
    email: Option<String>,
    contact_id: Option<i64>,
    create: bool,
    reopen: bool,
    parts: Parts,
    options: Option<Overrides>,
) -> PyResult<Message> {
    let find = FindCase::from_fields(email, contact_id, create, reopen);
    let sent = run(py, &client, options, |c| {
        c.send_to_contact_with(&find?, parts.into_parts(), &RequestOptions::default())
    })?;
    Ok(Message { inner: sent })
}

/// A raw request: the response's JSON as Python objects.
#[pyfunction]
#[pyo3(signature = (client, method, path, query, body, idempotent, options=None))]
#[allow(clippy::too_many_arguments)] // one per Python argument
pub(crate) fn raw_request<'py>(
    py: Python<'py>,
    client: PyRef<'_, Client>,
    method: String,
    path: String,
    query: Vec<(String, String)>,
    body: Option<crate::json::Json>,
    idempotent: bool,
    options: Option<Overrides>,
) -> PyResult<Bound<'py, PyAny>> {
    // The body is Python data, converted to JSON by the binding (not JSON text).
    let request =
        RawRequest::from_fields(method, path, query, None, idempotent).map(|request| match body {
            Some(body) => request.body(body.0),
            None => request,
        });
    run(py, &client, options, |c| c.raw_request(&request?))?.to_python(py)
}

/// Calls `func(*args)` on one of the client's own threads and then `callback(ok, value)`
/// there: the async twin of any function above (each releases the GIL while it waits).
#[pyfunction]
pub(crate) fn spawn_call(
    client: PyRef<'_, Client>,
    callback: Py<PyAny>,
    func: Py<PyAny>,
    args: Py<PyTuple>,
) {
    client.inner.spawn(move || {
        report(callback, |py| {
            Ok(match func.call1(py, args.bind(py)) {
                Ok(value) => (true, value.into_bound(py)),
                Err(err) => (false, err.into_value(py).into_bound(py).into_any()),
            })
        });
    });
}
