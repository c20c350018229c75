//! The web inbox: its page (embedded in the binary: plain HTML, CSS and JavaScript, no
//! network) and the JSON views it reads — conversations by contact, one conversation a
//! page at a time, the request log newest first, webhook deliveries with their
//! attempts, and the whole state as one export.

use std::collections::BTreeMap;

use acquire_core::Contact;
use bytes::Bytes;
use hyper::Response;
use hyper::header::{CACHE_CONTROL, HeaderName, HeaderValue};
use serde_json::{Value, json};

use crate::request_log::LoggedRequest;
use crate::shared::{Body, bytes_response};
use crate::webhooks::WebhookDelivery;
use crate::world::World;

const INDEX_HTML: &str = include_str!("../ui/index.html");
const APP_JS: &str = include_str!("../ui/app.js");
const STYLE_CSS: &str = include_str!("../ui/style.css");

/// The most messages of a conversation one request returns.
const MAX_PAGE: usize = 500;

/// Whether `path` is the page or one of its files.
pub(crate) fn is_asset(path: &str) -> bool {
    asset(path).is_some()
}

fn asset(path: &str) -> Option<(&'static str, &'static str)> {
    match path {
        "/" | "/index.html" => Some(("text/html; charset=utf-8", INDEX_HTML)),
        "/ui/app.js" => Some(("text/javascript; charset=utf-8", APP_JS)),
        "/ui/style.css" => Some(("text/css; charset=utf-8", STYLE_CSS)),
        _ => None,
    }
}

/// The page or one of its files (`path` passed [`is_asset`]), with `cookie` set when the
/// page was opened with its token.
pub(crate) fn page(path: &str, cookie: Option<String>) -> Response<Body> {
    let (content_type, text) = asset(path).unwrap_or(("text/plain", ""));
    let mut response = bytes_response(200, content_type, Bytes::from_static(text.as_bytes()));
    let headers = response.headers_mut();
    if let Some(value) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        headers.insert(hyper::header::SET_COOKIE, value);
    }
    // Only the page's own files run: no inline script, no other origin, no framing.
    headers.insert(
        HeaderName::from_static("content-security-policy"),
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
             img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        HeaderName::from_static("x-content-type-options"),
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        HeaderName::from_static("referrer-policy"),
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A contact as the page shows it.
fn person(world: &World, contact_id: i64) -> Value {
    // Read as the SDK reads it: `fields` as a map or as a list of records.
    let contact: Option<Contact> = world
        .contacts
        .get(&contact_id)
        .and_then(|c| serde_json::from_value(c.clone()).ok());
    let name = contact.as_ref().and_then(Contact::name);
    json!({
        "id": contact_id,
        "name": name.map_or_else(|| format!("Contact #{contact_id}"), str::to_owned),
        "email": contact.as_ref().and_then(Contact::email),
    })
}

/// A stored message as the page shows it.
fn entry(message: &Value) -> Value {
    json!({
        "id": message["id"],
        "type": message["type"],
        "senderType": message["senderType"],
        "senderId": message["senderId"],
        "sender": message["sender"]["name"],
        "text": message["message"],
        "translateLangKey": message["translateLangKey"],
        "channel": message["channel"],
        "time": message["dateCreated"],
        "edited": message["dateUpdated"],
        "subject": message["meta"]["subject"],
    })
}

/// The agents taking part in a case (`users` of type `user`), named from the account's
/// agents, with their role (`owner`, `invited`).
fn agents_of(world: &World, case: &Value) -> Vec<Value> {
    let users = case["users"].as_array().into_iter().flatten();
    users
        .filter(|u| u["type"] == "user")
        .map(|u| {
            let id = u["userId"].as_i64().unwrap_or_default();
            let name = world.agents.get(&id).map(|a| a["name"].clone());
            json!({"id": id, "name": name.unwrap_or_else(|| format!("agent {id}").into()), "role": u["role"]})
        })
        .collect()
}

/// How recent a case is: its last activity's time, then its last message's id (for
/// sends within one millisecond).
type Recency = (String, i64);

/// Cases grouped by contact, the most recently active first, each with its last message
/// and count; `query` keeps the cases whose id is it, whose contact's e-mail or name
/// holds it, or one of whose messages holds it (ignoring case).
pub(crate) fn conversations(world: &World, query: &str) -> Value {
    let needle = query.trim().to_lowercase();
    let mut counts: BTreeMap<i64, (usize, Option<&Value>, bool)> = BTreeMap::new();
    for message in &world.messages {
        let Some(case_id) = message["caseId"].as_i64() else {
            continue;
        };
        let slot = counts.entry(case_id).or_insert((0, None, false));
        slot.0 += 1;
        slot.1 = Some(message);
        if !needle.is_empty() && !slot.2 {
            slot.2 = message["message"]
                .as_str()
                .is_some_and(|t| t.to_lowercase().contains(&needle));
        }
    }
    let mut by_contact: BTreeMap<i64, Vec<(Recency, Value)>> = BTreeMap::new();
    for (case_id, case) in &world.cases {
        let contact_id = case["contactId"].as_i64().unwrap_or_default();
        let who = person(world, contact_id);
        let (count, last, text_matches) = counts.get(case_id).copied().unwrap_or_default();
        let matches = needle.is_empty()
            || text_matches
            || case_id.to_string() == needle
            || [&who["email"], &who["name"]].iter().any(|v| {
                v.as_str()
                    .is_some_and(|s| s.to_lowercase().contains(&needle))
            });
        if !matches {
            continue;
        }
        let last = last.map(entry);
        let active = last
            .as_ref()
            .and_then(|m| m["time"].as_str())
            .or(case["dateUpdated"].as_str())
            .unwrap_or_default()
            .to_owned();
        let order = (
            active.clone(),
            last.as_ref().and_then(|m| m["id"].as_i64()).unwrap_or(0),
        );
        let summary = json!({
            "id": case_id,
            "status": case["status"],
            "channel": case["channel"],
            "threadId": case["threadId"],
            "title": case["title"],
            "messages": count,
            "last": last,
            "active": active,
        });
        by_contact
            .entry(contact_id)
            .or_default()
            .push((order, summary));
    }
    let mut groups: Vec<(Recency, Value)> = by_contact
        .into_iter()
        .map(|(contact_id, mut cases)| {
            cases.sort_by(|a, b| b.0.cmp(&a.0));
            let newest = cases[0].0.clone();
            let mut group = person(world, contact_id);
            group["cases"] = cases.into_iter().map(|(_, c)| c).collect();
            (newest, group)
        })
        .collect();
    groups.sort_by(|a, b| b.0.cmp(&a.0));
    let contacts: Vec<Value> = groups.into_iter().map(|(_, g)| g).collect();
    // Contacts without a case can be given one from the page.
    let caseless: Vec<Value> = world
        .contacts
        .keys()
        .filter(|id| !world.cases.values().any(|c| c["contactId"] == **id))
        .map(|id| person(world, *id))
        .collect();
    json!({"contacts": contacts, "caseless": if needle.is_empty() { caseless } else { Vec::new() }})
}

/// One conversation: the case, its contact, and `limit` messages ending before index
/// `before` (default: the newest), oldest first; `earlier` says how many come before them.
pub(crate) fn conversation(
    world: &World,
    case_id: i64,
    before: Option<usize>,
    limit: usize,
) -> Option<Value> {
    let case = world.cases.get(&case_id)?;
    let messages: Vec<&Value> = world
        .messages
        .iter()
        .filter(|m| m["caseId"].as_i64() == Some(case_id))
        .collect();
    let end = before.unwrap_or(messages.len()).min(messages.len());
    let start = end.saturating_sub(limit.clamp(1, MAX_PAGE));
    let contact_id = case["contactId"].as_i64().unwrap_or_default();
    Some(json!({
        "case": {
            "id": case_id,
            "status": case["status"],
            "channel": case["channel"],
            "threadId": case["threadId"],
            "title": case["title"],
            "snooze": case.get("snooze"),
            "agents": agents_of(world, case),
        },
        "contact": person(world, contact_id),
        "messages": messages[start..end].iter().map(|m| entry(m)).collect::<Vec<_>>(),
        "earlier": start,
        "total": messages.len(),
    }))
}

/// The newest `limit` logged requests, newest first.
pub(crate) fn requests<'a>(
    log: impl DoubleEndedIterator<Item = &'a LoggedRequest>,
    limit: usize,
) -> Value {
    Value::Array(log.rev().take(limit).map(|e| json!(e)).collect())
}

/// Webhook deliveries, newest first, each with its attempts in order.
pub(crate) fn deliveries(attempts: &[WebhookDelivery]) -> Value {
    let mut grouped: BTreeMap<u64, Vec<&WebhookDelivery>> = BTreeMap::new();
    for attempt in attempts {
        grouped.entry(attempt.delivery).or_default().push(attempt);
    }
    Value::Array(
        grouped
            .into_iter()
            .rev()
            .map(|(delivery, attempts)| {
                let first = attempts[0];
                json!({
                    "delivery": delivery,
                    "event": first.event,
                    "url": first.url,
                    "body": first.body,
                    "signature": first.signature,
                    "delivered": attempts.iter().any(|a| a.status == Some(200)),
                    "attempts": attempts.iter().map(|a| json!({
                        "attempt": a.attempt,
                        "status": a.status,
                        "error": a.error,
                        "time": a.time,
                        "elapsedMs": a.elapsed_ms,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}
