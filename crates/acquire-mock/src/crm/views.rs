//! How stored records are shown: a contact without its cases, the contact embedded in a
//! case, a case without its relations, a message without its case.

use serde_json::{Value, json};

use crate::world::World;

/// A contact as the contact endpoints show it (without its cases).
pub(crate) fn contact_row(contact: &Value) -> Value {
    let mut row = contact.clone();
    if let Some(map) = row.as_object_mut() {
        map.remove("cases");
        map.entry("fields").or_insert_with(|| json!({}));
    }
    row
}

/// The contact embedded in a case (the contact columns, no fields).
pub(crate) fn embedded_contact(contact: &Value) -> Value {
    let mut embedded = contact.clone();
    if let Some(map) = embedded.as_object_mut() {
        map.remove("fields");
        map.remove("cases");
    }
    embedded
}

pub(crate) fn cases_of(world: &World, contact_id: i64) -> impl Iterator<Item = &Value> {
    world
        .cases
        .values()
        .filter(move |c| c["contactId"].as_i64() == Some(contact_id))
}

/// A case row without its relations (what `relations=cases` of a contact shows).
pub(crate) fn strip_relations(case: &Value) -> Value {
    let mut row = case.clone();
    if let Some(map) = row.as_object_mut() {
        map.remove("contact");
    }
    row
}

/// A stored message as the message endpoints show it (without the nested case).
pub(crate) fn message_view(message: &Value) -> Value {
    let mut view = message.clone();
    if let Some(map) = view.as_object_mut() {
        map.remove("case");
    }
    view
}
