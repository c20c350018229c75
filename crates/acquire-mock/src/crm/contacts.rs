//! The contact endpoints: list, get, create, update, search.

use serde_json::{Map, Value, json};

use crate::crm::endpoint::{Answer, body_object, not_found, parse_id};
use crate::crm::query::{MAX_LIMIT, Params, as_text};
use crate::crm::views::{cases_of, contact_row, strip_relations};
use crate::rejection::Rejection;
use crate::world::{World, now_iso};

pub(crate) fn list_contacts(world: &World, params: &Params) -> Result<Answer, Rejection> {
    let (_, offset, limit) = params.paging()?;
    let list: Vec<Value> = world
        .contacts
        .values()
        .rev()
        .skip(offset)
        .take(limit)
        .map(|contact| {
            let mut row = contact_row(contact);
            let id = contact["id"].as_i64().unwrap_or_default();
            let cases: Vec<&Value> = cases_of(world, id).collect();
            if let Some(latest) = cases.last() {
                row["latestObjectType"] = "case".into();
                row["caseId"] = as_text(&latest["id"]).into(); // a string, as documented
                for column in ["title", "description", "channel", "status"] {
                    row[column] = latest[column].clone();
                }
            } else {
                row["latestObjectType"] = Value::Null;
                row["status"] = Value::Null;
            }
            row["totalCase"] = cases.len().into();
            row
        })
        .collect();
    let active = world
        .cases
        .values()
        .filter(|c| c["status"] == "active")
        .count();
    Answer::data(json!({
        "list": list,
        "counts": {"total": world.contacts.len(), "records": list.len(), "pending": 0, "active": active},
    }))
}

pub(crate) fn get_contact(world: &World, id: &str, params: &Params) -> Result<Answer, Rejection> {
    let id = parse_id("contactId", id)?;
    let contact = world
        .contacts
        .get(&id)
        .ok_or_else(|| not_found("contact", id))?;
    let mut answer = contact_row(contact);
    let relations = params.list("relations");
    if relations.contains(&"cases") {
        answer["cases"] = cases_of(world, id).map(strip_relations).collect();
    }
    if !relations.contains(&"fields")
        && let Some(map) = answer.as_object_mut()
    {
        map.remove("fields");
    }
    Answer::data(answer)
}

pub(crate) fn create_contact(world: &mut World, body: &[u8]) -> Result<Answer, Rejection> {
    let body = body_object(body, true)?;
    let mut fields = match body.get("fields") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(fields)) => fields.clone(),
        Some(_) => return Err(Rejection::invalid("fields must be an object")),
    };
    for name in ["name", "email", "phone"] {
        if let Some(value) = body.get(name) {
            fields.entry(name).or_insert(value.clone());
        }
    }
    if !fields
        .values()
        .any(|v| v.as_str().is_some_and(|s| !s.trim().is_empty()))
    {
        return Err(Rejection::invalid(
            "a contact needs at least one field (name, email, phone, …)",
        ));
    }
    let id = world.next_contact_id;
    world.next_contact_id += 1;
    let now = now_iso();
    let contact = json!({
        "dateCreated": now, "dateUpdated": now, "clientType": body.get("clientType").cloned().unwrap_or(Value::Null),
        "clientName": null, "clientVersion": null, "clientOsName": null, "clientOsVersion": null,
        "clientDeviceType": null, "clientDeviceVendor": null, "clientDeviceModel": null,
        "clientDetails": {}, "archive": "no", "companyId": null, "id": id, "fields": fields,
    });
    world.contacts.insert(id, contact.clone());
    Answer::data(contact)
}

/// Update contact: the given fields are merged into the contact's (the docs leave merge vs
/// replace open; the rest doc advises a mock to merge), `dateUpdated` set; the contact
/// answers with its fields.
pub(crate) fn update_contact(
    world: &mut World,
    id: &str,
    body: &[u8],
) -> Result<Answer, Rejection> {
    let id = parse_id("contactId", id)?;
    let body = body_object(body, true)?;
    let mut changes = match body.get("fields") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(fields)) => fields.clone(),
        Some(_) => return Err(Rejection::invalid("fields must be an object")),
    };
    for name in ["name", "email", "phone"] {
        if let Some(value) = body.get(name) {
            changes.insert(name.into(), value.clone());
        }
    }
    if changes.is_empty() {
        return Err(Rejection::invalid("an update needs at least one field"));
    }
    let contact = world
        .contacts
        .get_mut(&id)
        .ok_or_else(|| not_found("contact", id))?;
    if let Some(fields) = contact["fields"].as_object_mut() {
        fields.extend(changes);
    } else {
        contact["fields"] = Value::Object(changes);
    }
    contact["dateUpdated"] = now_iso().into();
    Answer::data(contact.clone())
}

pub(crate) fn search_contacts(world: &World, body: &[u8]) -> Result<Answer, Rejection> {
    let body = body_object(body, true)?;
    let search = match body.get("search") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_lowercase(),
        _ => return Err(Rejection::invalid("search must be a non-empty string")),
    };
    let number = |name: &str| body.get(name).and_then(Value::as_u64).unwrap_or(0) as usize;
    let (page, limit) = (number("page"), number("limit"));
    let rows = world.contacts.values().flat_map(|contact| {
        let fields = contact["fields"].as_object().cloned().unwrap_or_default();
        fields
            .into_iter()
            .filter(|(_, v)| {
                v.as_str()
                    .is_some_and(|s| s.to_lowercase().contains(&search))
            })
            .map(|(key, value)| {
                let mut row = contact_row(contact);
                let id = contact["id"].clone();
                row["contactId"] = id.clone();
                row["mainContactId"] = id;
                row["key"] = key.into();
                row["value"] = value;
                row["owner"] = "contact".into();
                row["object"] = "contact".into();
                row
            })
            .collect::<Vec<_>>()
    });
    let all: Vec<Value> = rows.collect();
    let count = all.len();
    // `limit: 0`, as in the docs' example, means every match.
    let list: Vec<Value> = if limit == 0 {
        all
    } else {
        all.into_iter()
            .skip(page.saturating_mul(limit))
            .take(limit.min(MAX_LIMIT))
            .collect()
    };
    Answer::data(json!({"list": list, "counts": {"filteredCount": count}}))
}

/// `POST /__mock/contacts`: adds a contact (`{"fields": {…}}`, as the API takes it).
pub(crate) fn control_add_contact(world: &mut World, body: &[u8]) -> Result<Value, Rejection> {
    create_contact(world, body).map(|a| a.body["data"].clone())
}
