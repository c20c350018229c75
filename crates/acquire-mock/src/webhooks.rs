//! Webhooks the server sends, like Acquire's v2 outbound webhooks: a signed
//! `case:message:new` when a message is stored as the contact, a signed `case:status` when
//! a case's status changes, a signed `user:case-invite` when an agent is invited into a
//! case; retried up to 5 more times until the endpoint answers 200.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use acquire_core::webhooks::{SIGNATURE_HEADER, sign};
use serde::Serialize;
use serde_json::{Value, json};
use tokio::sync::watch;

use acquire_core::internal::lock;

/// How many times a delivery is tried in all (the first try and 5 retries, as Acquire
/// documents).
pub const DELIVERY_ATTEMPTS: u32 = 6;

/// Where and how the server signs and sends webhooks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookTarget {
    /// The endpoint that receives the POSTs.
    pub url: String,
    /// The HMAC key the `x-acquire-signature` is computed with.
    pub secret: String,
}

/// One delivery attempt, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookDelivery {
    /// Which delivery this attempt belongs to (the attempts of one delivery share it).
    pub delivery: u64,
    /// The endpoint it went to.
    pub url: String,
    /// The event name (`case:message:new`, `case:status`).
    pub event: String,
    /// Which attempt this was (1 to 6).
    pub attempt: u32,
    /// The endpoint's status, or `None` when it could not be reached.
    pub status: Option<u16>,
    /// Why the endpoint could not be reached.
    pub error: Option<String>,
    /// When the attempt started (RFC 3339, UTC).
    pub time: String,
    /// How long the endpoint took to answer, in milliseconds.
    pub elapsed_ms: u64,
    /// The body sent.
    pub body: String,
    /// The `x-acquire-signature` sent.
    pub signature: String,
}

/// The record of delivery attempts, shared with the delivering threads.
pub(crate) type Deliveries = Arc<Mutex<Vec<WebhookDelivery>>>;

/// A date as JavaScript's `Date.toString()` writes it, as Acquire's v2 payloads do.
fn js_date(iso: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(iso)
        .map(|at| {
            at.format("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)")
                .to_string()
        })
        .unwrap_or_else(|_| iso.to_owned())
}

/// An id as the payloads carry it: a string.
fn id(value: &Value) -> Value {
    match value {
        Value::Number(n) => Value::String(n.to_string()),
        other => other.clone(),
    }
}

fn contact(case: &Value) -> Value {
    let contact = &case["contact"];
    json!({"id": id(&contact["id"]), "fields": contact.get("fields").cloned().unwrap_or(json!({}))})
}

fn message(stored: &Value) -> Value {
    json!({
        "id": id(&stored["id"]),
        "channel": stored["channel"],
        "senderId": id(&stored["senderId"]),
        "senderType": stored["senderType"],
        "type": stored["type"],
        "message": stored["message"],
        "seen": stored["seen"],
        "dateCreated": js_date(stored["dateCreated"].as_str().unwrap_or_default()),
    })
}

/// `case:message:new` for a message just stored in `case`.
pub(crate) fn message_event(case: &Value, stored: &Value) -> Value {
    json!({
        "event": "case:message:new",
        "data": {
            "caseId": id(&case["id"]),
            "status": case["status"],
            "contact": contact(case),
            "message": message(stored),
        }
    })
}

/// `case:status` for `case` (status already changed), with the case's messages.
pub(crate) fn status_event(case: &Value, messages: &[&Value]) -> Value {
    json!({
        "event": "case:status",
        "data": {
            "caseId": id(&case["id"]),
            "status": case["status"],
            "fields": {},
            "contact": contact(case),
            "messages": messages.iter().map(|m| message(m)).collect::<Vec<_>>(),
        }
    })
}

/// `user:case-invite` for `agent` (an agent fixture), just invited into `case`.
pub(crate) fn invite_event(case: &Value, agent: &Value) -> Value {
    json!({
        "event": "user:case-invite",
        "data": {
            "caseId": id(&case["id"]),
            "status": case["status"],
            "contact": contact(case),
            "user": {"id": id(&agent["id"]), "name": agent["name"], "email": agent["email"], "type": "user"},
        }
    })
}

/// A sample event as the server would send it for case `case_id` of contact 5:
/// `case:message:new` carrying `text` from the customer, or `case:status` with `status`.
/// `None` for another event name. (For `acquire webhooks trigger`.)
pub fn sample_event(event: &str, case_id: i64, text: &str, status: &str) -> Option<Value> {
    let case = json!({
        "id": case_id,
        "status": status,
        "contact": {"id": 5, "fields": {"name": "Jhon", "email": "jhone@test.com"}},
    });
    let stored = json!({
        "id": 330,
        "channel": "chat",
        "senderId": 5,
        "senderType": "contact",
        "type": "message",
        "message": text,
        "seen": "no",
        "dateCreated": crate::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    });
    match event {
        "case:message:new" => Some(message_event(&case, &stored)),
        "case:status" => Some(status_event(&case, &[&stored])),
        _ => None,
    }
}

/// Numbers deliveries, across servers of the process.
static NEXT_DELIVERY: AtomicU64 = AtomicU64::new(1);

/// Signs `payload` and POSTs it to the target on a thread of its own, retrying until a
/// 200 or [`DELIVERY_ATTEMPTS`] tries (100 ms × attempt apart), recording each try and
/// telling `changes`.
pub(crate) fn deliver(
    target: &WebhookTarget,
    payload: &Value,
    deliveries: &Deliveries,
    keep: usize,
    changes: &watch::Sender<u64>,
) {
    let body = payload.to_string();
    let signature = sign(body.as_bytes(), &target.secret);
    let event = payload["event"].as_str().unwrap_or_default().to_owned();
    let (url, deliveries, changes) = (target.url.clone(), deliveries.clone(), changes.clone());
    let delivery = NEXT_DELIVERY.fetch_add(1, Ordering::Relaxed);
    thread::spawn(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        for attempt in 1..=DELIVERY_ATTEMPTS {
            let time = crate::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            let started = Instant::now();
            let sent = agent
                .post(&url)
                .header("content-type", "application/json")
                .header(SIGNATURE_HEADER, &signature)
                .send(&body);
            let (status, error) = match sent {
                Ok(response) => (Some(response.status().as_u16()), None),
                Err(e) => (None, Some(e.to_string())),
            };
            let mut kept = lock(&deliveries);
            if kept.len() >= keep {
                kept.remove(0);
            }
            kept.push(WebhookDelivery {
                delivery,
                url: url.clone(),
                event: event.clone(),
                attempt,
                status,
                error,
                time,
                elapsed_ms: started.elapsed().as_millis() as u64,
                body: body.clone(),
                signature: signature.clone(),
            });
            drop(kept);
            changes.send_modify(|version| *version += 1);
            if status == Some(200) {
                return;
            }
            thread::sleep(Duration::from_millis(100 * u64::from(attempt)));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_like_javascript() {
        assert_eq!(
            js_date("2021-03-03T10:19:49.000Z"),
            "Wed Mar 03 2021 10:19:49 GMT+0000 (Coordinated Universal Time)"
        );
    }
}
