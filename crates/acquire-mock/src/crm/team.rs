//! Handing a case on: Invite agent (`POST /crm/messenger/agent/invite-agent`) and Snooze
//! (`POST /crm/follow-up/create`), on the cases of the shared state.
//!
//! Where the docs are silent, this server chooses: an unknown case, agent or department is
//! 404 `ERROR_RECORD_NOT_FOUND` and invites nobody; a closed case takes no invitation or
//! snooze (400 `ERROR_INVALID_INPUT`); an invited agent joins the case's `users` once (as
//! `role: "invited"`) and `user:case-invite` is sent for each new one; a department invites
//! its agents, who are listed in the answer too. A snooze's `scheduleDate` is UTC, written
//! `YYYY-MM-DD HH:MM:SS` or ISO 8601, and must be in the future; the case keeps the latest
//! as `snooze` (`{id, scheduleDate, userId, message}`).

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{Map, Value, json};

use crate::crm::endpoint::{Answer, body_object, not_found};
use crate::fixtures::ApiKeyFixture;
use crate::rejection::Rejection;
use crate::world::{World, now_iso};

/// A positive id from a number or a numeric string.
fn positive_id(value: &Value) -> Option<i64> {
    value
        .as_i64()
        .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
        .filter(|id| *id > 0)
}

/// A required positive id field of the body.
fn required_id(body: &Map<String, Value>, name: &str) -> Result<i64, Rejection> {
    match body.get(name) {
        None | Some(Value::Null) => Err(Rejection::invalid(format!("{name} is required"))),
        Some(v) => positive_id(v)
            .ok_or_else(|| Rejection::invalid(format!("{name} must be a positive integer"))),
    }
}

/// An optional array of positive ids.
fn id_list(body: &Map<String, Value>, name: &str) -> Result<Vec<i64>, Rejection> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                positive_id(v).ok_or_else(|| {
                    Rejection::invalid(format!("{name} must be an array of positive integers"))
                })
            })
            .collect(),
        Some(_) => Err(Rejection::invalid(format!("{name} must be an array"))),
    }
}

/// The case, which must exist and not be closed.
fn open_case(world: &World, case_id: i64) -> Result<&Value, Rejection> {
    let case = world
        .cases
        .get(&case_id)
        .ok_or_else(|| not_found("case", case_id))?;
    if case["status"] == "closed" {
        return Err(Rejection::invalid(format!("case {case_id} is closed")));
    }
    Ok(case)
}

/// Invite agent: the agents named and every agent of the departments named.
pub(crate) fn invite(world: &mut World, body: &[u8]) -> Result<Answer, Rejection> {
    let body = body_object(body, true)?;
    let case_id = required_id(&body, "caseId")?;
    let agent_ids = id_list(&body, "agentIds")?;
    let department_ids = id_list(&body, "department")?;
    if agent_ids.is_empty() && department_ids.is_empty() {
        return Err(Rejection::invalid(
            "agentIds or department must name at least one agent or department",
        ));
    }
    open_case(world, case_id)?;
    let mut invited: Vec<i64> = Vec::new();
    for id in &agent_ids {
        if !world.agents.contains_key(id) {
            return Err(not_found("agent", *id));
        }
        invited.push(*id);
    }
    for id in &department_ids {
        let department = world
            .departments
            .get(id)
            .ok_or_else(|| not_found("department", *id))?;
        invited.extend(
            department["agents"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_i64),
        );
    }
    invited.sort_unstable();
    invited.dedup();
    let now = now_iso();
    let mut answer = Map::new();
    let mut joined = Vec::new();
    for id in invited {
        let agent = world
            .agents
            .get(&id)
            .cloned()
            .unwrap_or_else(|| json!({"id": id}));
        let online = agent["online"].as_bool().unwrap_or(false);
        answer.insert(
            id.to_string(),
            json!({"userId": id, "online": online, "sent": online}),
        );
        let record_id = world.next_record_id;
        let case = world.cases.get_mut(&case_id).expect("checked above");
        let users = case["users"].as_array().cloned().unwrap_or_default();
        let present = users
            .iter()
            .any(|u| u["type"] == "user" && u["userId"].as_i64() == Some(id));
        if !present {
            let mut users = users;
            users.push(json!({
                "id": record_id, "caseId": case_id, "type": "user", "userId": id,
                "role": "invited", "status": "invited", "dateCreated": now,
                "dateLastAssigned": null, "closed": "no", "meta": null,
            }));
            case["users"] = users.into();
            case["dateUpdated"] = now.clone().into();
            world.next_record_id += 1;
            joined.push(agent);
        }
    }
    let case = &world.cases[&case_id];
    let notify = joined
        .iter()
        .map(|agent| crate::webhooks::invite_event(case, agent))
        .collect();
    Ok(Answer {
        body: json!({ "data": answer }),
        status_changed: None,
        notify,
    })
}

/// A `scheduleDate`: `YYYY-MM-DD HH:MM:SS` or ISO 8601, UTC unless it says otherwise.
fn schedule_date(value: Option<&Value>) -> Result<DateTime<Utc>, Rejection> {
    let text = value
        .and_then(Value::as_str)
        .ok_or_else(|| Rejection::invalid("scheduleDate is required (YYYY-MM-DD HH:MM:SS)"))?;
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| {
            ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%.f"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
                .map(|t| t.and_utc())
                .ok_or(())
        })
        .map_err(|()| {
            Rejection::invalid(format!("scheduleDate `{text}` is not YYYY-MM-DD HH:MM:SS"))
        })
}

/// Snooze: the case leaves the active view until `scheduleDate`.
pub(crate) fn snooze(
    world: &mut World,
    key: &ApiKeyFixture,
    body: &[u8],
) -> Result<Answer, Rejection> {
    let body = body_object(body, true)?;
    let object_type = body
        .get("objectType")
        .and_then(Value::as_str)
        .unwrap_or("case");
    if object_type != "case" {
        return Err(Rejection::invalid(format!(
            "objectType `{object_type}`: this server snoozes cases (\"case\")"
        )));
    }
    let case_id = match (body.get("caseId"), body.get("objectId")) {
        (Some(v), _) if !v.is_null() => required_id(&body, "caseId")?,
        (_, Some(v)) if !v.is_null() => required_id(&body, "objectId")?,
        _ => return Err(Rejection::invalid("caseId is required")),
    };
    let until = schedule_date(body.get("scheduleDate"))?;
    if until <= crate::now() {
        return Err(Rejection::invalid("scheduleDate must be in the future"));
    }
    let message = body
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let contact_id = open_case(world, case_id)?["contactId"].clone();
    let agent = &key.sender;
    let id = world.next_record_id;
    world.next_record_id += 1;
    let schedule = until.format("%Y-%m-%d %H:%M:%S").to_string();
    let case = world.cases.get_mut(&case_id).expect("checked above");
    case["snooze"] =
        json!({"id": id, "scheduleDate": schedule, "userId": agent["id"], "message": message});
    case["dateUpdated"] = now_iso().into();
    let owner = json!({ agent["id"].to_string(): {"id": agent["id"], "email": agent["email"], "name": agent["name"]} });
    Answer::data(json!({
        "success": true,
        "message": "Snooze added successfully",
        "data": {
            "id": id, "objectType": "case", "contactId": contact_id, "scheduleDate": schedule,
            "objectId": case_id, "userId": agent["id"], "message": message, "users": [owner],
        }
    }))
}
