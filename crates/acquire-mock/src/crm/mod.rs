//! The contact, case and message endpoints on the same state as Send Message: contacts own
//! cases, cases belong to threads and hold messages. Envelopes, `where`/`select`/
//! `relations` and paging as `acquire-rest-api.md` documents them; unknown ids answer
//! 404 `ERROR_RECORD_NOT_FOUND`, bad input 400 `ERROR_INVALID_INPUT`. This file routes;
//! each resource has its own.

mod cases;
mod channels;
mod contacts;
mod endpoint;
mod messages;
mod query;
mod team;
mod views;

pub(crate) use cases::control_add_cases;
pub(crate) use contacts::control_add_contact;
pub(crate) use query::Params;

use crate::crm::cases::{close_case, get_case, list_cases, open_case};
use crate::crm::contacts::{
    create_contact, get_contact, list_contacts, search_contacts, update_contact,
};
use crate::crm::endpoint::Answer;
use crate::crm::messages::{delete_message, get_message, thread, update_message};
use crate::fixtures::ApiKeyFixture;
use crate::rejection::Rejection;
use crate::world::World;

/// A request below `/api/v1`, parsed.
pub(crate) struct Request<'a> {
    /// `GET`, `POST`, `DELETE`, ...
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub body: &'a [u8],
}

/// Whether `path` (below `/api/v1`) is one of these endpoints.
pub(crate) fn is_crm_path(path: &str) -> bool {
    path.starts_with("/crm/objects/")
        || path == "/crm/contact/list"
        || path == "/crm/messenger/chat/messages"
        || path == "/crm/messenger/chat/create"
        || path == "/crm/messenger/chat/close"
        || path.starts_with("/crm/messenger/chat/message/")
        || path == "/crm/messenger/agent/invite-agent"
        || path == "/crm/follow-up/create"
        || path == "/mail/add-message"
        || path == "/voip/send-sms"
}

/// Answers one request to these endpoints (authentication first).
pub(crate) fn handle(
    world: &mut World,
    authorization: Option<&str>,
    request: &Request<'_>,
) -> Result<Answer, Rejection> {
    let key = world.authorize(authorization)?.clone();
    let params = Params::parse(request.query);
    let segments: Vec<&str> = request.path.trim_start_matches('/').split('/').collect();
    match (request.method, segments.as_slice()) {
        ("GET", ["crm", "objects", "contact"]) => list_contacts(world, &params),
        ("GET", ["crm", "objects", "contact", id]) => get_contact(world, id, &params),
        ("POST", ["crm", "objects", "contact"]) => create_contact(world, request.body),
        ("PUT", ["crm", "objects", "contact", id]) => {
            writable(&key)?;
            update_contact(world, id, request.body)
        }
        ("POST", ["crm", "contact", "list"]) => search_contacts(world, request.body),
        ("GET", ["crm", "objects", "case"]) => list_cases(world, &params),
        ("GET", ["crm", "objects", "case", id]) => get_case(world, id, &params),
        ("POST", ["crm", "messenger", "chat", "create"]) => {
            writable(&key)?;
            open_case(world, &key, &params, request.body)
        }
        ("POST", ["crm", "messenger", "chat", "close"]) => {
            writable(&key)?;
            close_case(world, &key, request.body)
        }
        ("GET", ["crm", "messenger", "chat", "messages"]) => thread(world, &params),
        ("GET", ["crm", "objects", "case-message", id]) => get_message(world, id),
        ("POST", ["crm", "messenger", "chat", "message", id]) => {
            writable(&key)?;
            update_message(world, id, request.body)
        }
        ("DELETE", ["crm", "objects", "case-message", id]) => {
            writable(&key)?;
            delete_message(world, id)
        }
        ("POST", ["crm", "messenger", "agent", "invite-agent"]) => {
            writable(&key)?;
            crate::crm::team::invite(world, request.body)
        }
        ("POST", ["mail", "add-message"]) => {
            writable(&key)?;
            crate::crm::channels::send_mail(world, &key, request.body)
        }
        ("POST", ["voip", "send-sms"]) => {
            writable(&key)?;
            crate::crm::channels::send_sms(world, &key, request.body)
        }
        ("POST", ["crm", "follow-up", "create"]) => {
            writable(&key)?;
            crate::crm::team::snooze(world, &key, request.body)
        }
        _ => Err(Rejection::new(
            405,
            "ERROR_INVALID_INPUT",
            format!("method not allowed on {}", request.path),
        )),
    }
}

fn writable(key: &ApiKeyFixture) -> Result<(), Rejection> {
    if key.chat {
        Ok(())
    } else {
        Err(Rejection::new(
            403,
            "ERROR_UNAUTHORIZED_ACCESS",
            "this API key has no permission to change cases",
        ))
    }
}
