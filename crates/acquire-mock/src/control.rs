//! The control endpoints under `/__mock/`: the request log, the script, webhooks, cases and
//! contacts, reset and export, and the inbox's live stream and views.

use hyper::{Method, Response};
use serde_json::{Value, json};

use acquire_core::internal::lock;

use crate::crm::Params;
use crate::rejection::Rejection;
use crate::script::Step;
use crate::shared::{Body, ReceivedRequest, Shared, bytes_response};
use crate::webhooks::WebhookTarget;
use crate::{live, ui};

/// How many logged requests the inbox's request view gets by default.
const DEFAULT_REQUESTS: usize = 200;
/// How many messages of a conversation the inbox gets by default.
const DEFAULT_PAGE: usize = 100;

/// Answers a request to `/__mock/…`; a change made tells the inbox.
pub(crate) fn endpoint(request: &ReceivedRequest, shared: &Shared) -> Response<Body> {
    let response = route(&request.path, &request.method, request, shared);
    if request.method == Method::POST && response.status().is_success() {
        shared.changed();
    }
    response
}

fn route(
    path: &str,
    method: &Method,
    request: &ReceivedRequest,
    shared: &Shared,
) -> Response<Body> {
    match (path, method) {
        ("/__mock/requests", &Method::GET) => {
            json_response(200, &json!(*lock(&shared.request_log)))
        }
        ("/__mock/messages", &Method::GET) => json_response(200, &json!(shared.world().messages())),
        ("/__mock/reset", &Method::POST) => {
            shared.reset();
            json_response(200, &json!({"reset": true}))
        }
        ("/__mock/script", &Method::POST) => match Step::parse_many(&request.body) {
            Ok(steps) => {
                let queued = steps.len();
                lock(&shared.script).extend(steps);
                json_response(200, &json!({"queued": queued}))
            }
            Err(e) => json_response(400, &json!({"message": format!("invalid script: {e}")})),
        },
        ("/__mock/script", &Method::GET) => json_response(200, &script(shared)),
        ("/__mock/stats", &Method::GET) => json_response(200, &json!(shared.stats())),
        ("/__mock/webhooks", &Method::GET) => json_response(200, &json!(*lock(&shared.deliveries))),
        ("/__mock/webhook", &Method::POST) => {
            let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
            let target = body["url"]
                .as_str()
                .filter(|url| !url.is_empty())
                .map(|url| WebhookTarget {
                    url: url.to_owned(),
                    secret: body["secret"].as_str().unwrap_or_default().to_owned(),
                });
            let sending = target.is_some();
            *lock(&shared.webhook) = target;
            json_response(200, &json!({"sending": sending}))
        }
        ("/__mock/webhook", &Method::GET) => {
            let target = lock(&shared.webhook).clone();
            let (url, secret) = target.map(|t| (t.url, t.secret)).unzip();
            json_response(200, &json!({"url": url, "secret": secret}))
        }
        ("/__mock/events", &Method::GET) => live::events(shared.changes.subscribe()),
        ("/__mock/export", &Method::GET) => {
            let mut response = json_response(200, &export(shared));
            response.headers_mut().insert(
                "content-disposition",
                hyper::header::HeaderValue::from_static(
                    "attachment; filename=\"acquire-mock-state.json\"",
                ),
            );
            response
        }
        ("/__mock/ui/conversations", &Method::GET) => {
            let query = query_value(&request.query, "q").unwrap_or_default();
            json_response(200, &ui::conversations(&shared.world(), &query))
        }
        ("/__mock/ui/requests", &Method::GET) => {
            let limit = query_number(&request.query, "limit").unwrap_or(DEFAULT_REQUESTS);
            json_response(200, &ui::requests(lock(&shared.request_log).iter(), limit))
        }
        ("/__mock/ui/webhooks", &Method::GET) => {
            json_response(200, &ui::deliveries(&lock(&shared.deliveries)))
        }
        (path, &Method::GET) if path.starts_with("/__mock/ui/cases/") => {
            let id = path.trim_start_matches("/__mock/ui/cases/");
            let before = query_number(&request.query, "before");
            let limit = query_number(&request.query, "limit").unwrap_or(DEFAULT_PAGE);
            let found = id
                .parse()
                .ok()
                .and_then(|id| ui::conversation(&shared.world(), id, before, limit));
            match found {
                Some(view) => json_response(200, &view),
                None => json_response(404, &json!({"message": format!("no case `{id}`")})),
            }
        }
        (path, &Method::POST) if path.starts_with("/__mock/webhooks/") => redeliver(path, shared),
        (
            "/__mock/requests" | "/__mock/messages" | "/__mock/reset" | "/__mock/script"
            | "/__mock/webhooks" | "/__mock/webhook",
            _,
        ) => json_response(405, &json!({"message": "method not allowed"})),
        (path, &Method::POST) if path.starts_with("/__mock/cases/") => {
            case_control(path, request, shared)
        }
        ("/__mock/contacts", &Method::POST) => {
            let added = crate::crm::control_add_contact(&mut shared.world(), &request.body);
            control_answer(added)
        }
        ("/__mock/cases", &Method::POST) => {
            let added = crate::crm::control_add_cases(&mut shared.world(), &request.body);
            control_answer(added)
        }
        _ => json_response(
            404,
            &json!({"message": format!("no control endpoint {path}")}),
        ),
    }
}

/// The queued steps and how many were taken.
fn script(shared: &Shared) -> Value {
    let queued: Vec<Step> = lock(&shared.script).iter().cloned().collect();
    let consumed = shared.consumed.load(std::sync::atomic::Ordering::Relaxed);
    json!({"queued": queued, "consumed": consumed})
}

/// Everything the server holds, as one JSON document.
fn export(shared: &Shared) -> Value {
    let (stats, script) = (shared.stats(), script(shared)); // before the world is locked
    let world = shared.world();
    json!({
        "contacts": world.contacts.values().collect::<Vec<_>>(),
        "cases": world.cases.values().collect::<Vec<_>>(),
        "messages": world.messages,
        "requests": *lock(&shared.request_log),
        "webhooks": *lock(&shared.deliveries),
        "script": script,
        "stats": stats,
    })
}

/// `POST /__mock/webhooks/{delivery}/redeliver`: sends that delivery's payload again (a
/// new delivery, signed with the current secret, to the current URL).
fn redeliver(path: &str, shared: &Shared) -> Response<Body> {
    let rest = path.trim_start_matches("/__mock/webhooks/");
    let Some(Ok(delivery)) = rest.strip_suffix("/redeliver").map(str::parse::<u64>) else {
        return json_response(
            404,
            &json!({"message": format!("no control endpoint {path}")}),
        );
    };
    let body = lock(&shared.deliveries)
        .iter()
        .find(|attempt| attempt.delivery == delivery)
        .map(|attempt| attempt.body.clone());
    let Some(payload) = body.and_then(|b| serde_json::from_str::<Value>(&b).ok()) else {
        return json_response(404, &json!({"message": format!("no delivery {delivery}")}));
    };
    if lock(&shared.webhook).is_none() {
        return json_response(409, &json!({"message": "no webhook URL is set"}));
    }
    shared.notify(&payload);
    json_response(200, &json!({"redelivered": delivery}))
}

/// `POST /__mock/cases/{id}/contact-message` `{"text"}` and
/// `POST /__mock/cases/{id}/status` `{"status"}`.
fn case_control(path: &str, request: &ReceivedRequest, shared: &Shared) -> Response<Body> {
    let rest = path.trim_start_matches("/__mock/cases/");
    let (id, action) = rest.split_once('/').unwrap_or((rest, ""));
    let Ok(case_id) = id.parse::<i64>() else {
        return json_response(404, &json!({"message": format!("no case `{id}`")}));
    };
    let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
    let field = |name: &str| body[name].as_str().map(str::to_owned);
    let result = match (action, field("text"), field("status")) {
        ("contact-message", Some(text), _) => shared.contact_message(case_id, &text),
        ("status", _, Some(status)) => shared.set_case_status(case_id, &status),
        ("contact-message", None, _) => {
            return json_response(400, &json!({"message": "send {\"text\": \"…\"}"}));
        }
        ("status", _, None) => {
            return json_response(400, &json!({"message": "send {\"status\": \"closed\"}"}));
        }
        _ => {
            return json_response(
                404,
                &json!({"message": format!("no control endpoint {path}")}),
            );
        }
    };
    control_answer(result)
}

/// The answer of a control endpoint: `{"data": …}` or the rejection's message.
fn control_answer(result: Result<Value, Rejection>) -> Response<Body> {
    match result {
        Ok(value) => json_response(200, &json!({ "data": value })),
        Err(rejection) => json_response(rejection.status, &json!({"message": rejection.message})),
    }
}

/// A JSON answer.
pub(crate) fn json_response(status: u16, value: &Value) -> Response<Body> {
    bytes_response(status, "application/json", value.to_string().into())
}

/// The value of `name` in a query string, percent-decoded.
fn query_value(query: &str, name: &str) -> Option<String> {
    Params::parse(query).get(name).map(str::to_owned)
}

/// A whole number in the query string.
fn query_number(query: &str, name: &str) -> Option<usize> {
    query_value(query, name)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_decoded() {
        assert_eq!(
            query_value("q=ann%40example.com&x=1", "q").as_deref(),
            Some("ann@example.com")
        );
        assert_eq!(
            query_value("a=1&q=two+words", "q").as_deref(),
            Some("two words")
        );
        assert_eq!(query_value("q=%E2%9C%93", "q").as_deref(), Some("✓"));
        assert_eq!(query_value("qq=1", "q"), None);
        assert_eq!(query_number("limit=20", "limit"), Some(20));
    }
}
