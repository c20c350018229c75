//! The contact endpoints: search (`POST /crm/contact/list`), list
//! (`GET /crm/objects/contact`), get (`GET /crm/objects/contact/{id}`) and create
//! (`POST /crm/objects/contact`).

use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::call::{Call, Method};
use crate::error::Effect;
use crate::page::{Page, Pages};
use crate::{Client, Contact, Error, RequestOptions, lenient};

/// The contact endpoints of a [`Client`] ([`Client::contacts`]).
#[derive(Debug, Clone, Copy)]
pub struct Contacts<'a> {
    pub(crate) client: &'a Client,
}

/// The `data` of the contact list and search: `{list, counts}`.
#[derive(Deserialize)]
pub(crate) struct ContactList {
    list: Vec<Contact>,
    #[serde(default)]
    counts: Counts,
}

/// `counts` of a contact list (`total`) or search (`filteredCount`).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Counts {
    #[serde(default, deserialize_with = "lenient::int")]
    total: Option<i64>,
    #[serde(default, deserialize_with = "lenient::int")]
    filtered_count: Option<i64>,
}

/// A contact to create: name, e-mail, phone and custom attributes.
///
/// ```
/// use acquire_core::NewContact;
///
/// let ann = NewContact::new().email("ann@example.com").name("Ann").field("plan", "gold");
/// assert_eq!(
///     ann.to_json().unwrap(),
///     r#"{"fields":{"email":"ann@example.com","name":"Ann","plan":"gold"}}"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewContact {
    fields: Map<String, Value>,
}

impl NewContact {
    /// A contact with no fields yet.
    pub fn new() -> Self {
        NewContact::default()
    }

    /// Sets the e-mail address.
    pub fn email(self, email: impl Into<String>) -> Self {
        self.field("email", email.into())
    }

    /// Sets the name.
    pub fn name(self, name: impl Into<String>) -> Self {
        self.field("name", name.into())
    }

    /// Sets the phone number.
    pub fn phone(self, phone: impl Into<String>) -> Self {
        self.field("phone", phone.into())
    }

    /// Sets any field: `city`, `countryId`, or a custom attribute key.
    pub fn field(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.fields.insert(key.into(), value.into());
        self
    }

    /// Checks the fields and returns the body that is sent, `{"fields": {…}}`.
    pub fn to_json(&self) -> Result<String, Error> {
        if self.fields.is_empty() {
            return Err(Error::invalid_request(
                "fields",
                "must not be empty: give at least an e-mail address, name or phone",
            ));
        }
        if let Some(email) = self.fields.get("email") {
            check_email(email.as_str().unwrap_or_default())?;
        }
        for (key, value) in &self.fields {
            if key.trim().is_empty() {
                return Err(Error::invalid_request("fields", "keys must not be empty"));
            }
            if matches!(value, Value::String(s) if s.trim().is_empty()) {
                return Err(Error::invalid_request(
                    key,
                    "must not be empty or only whitespace",
                ));
            }
        }
        Ok(json!({ "fields": self.fields }).to_string())
    }
}

/// Checks an e-mail address well enough to catch mistakes before any request: something
/// on both sides of one `@`, no spaces.
pub(crate) fn check_email(email: &str) -> Result<(), Error> {
    let ok = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && !domain.is_empty() && !domain.contains('@')
    }) && !email.chars().any(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(Error::invalid_request(
            "email",
            "must be an e-mail address such as ann@example.com",
        ))
    }
}

/// Checks an id taken from the caller.
pub(crate) fn check_id(field: &str, id: i64) -> Result<(), Error> {
    if id > 0 {
        Ok(())
    } else {
        Err(Error::invalid_request(field, "must be a positive integer"))
    }
}

impl Contacts<'_> {
    /// Every contact whose name, e-mail, phone or other field matches `text`, as Acquire's
    /// contact search finds them (one row per matching field, so a contact can come more
    /// than once; see [`Contacts::find_by_email`] for exact e-mail matches).
    pub fn search(&self, text: &str, limit: Option<u32>) -> Result<Pages<Contact>, Error> {
        crate::page::check_search(text, limit)?;
        let (client, text) = (self.client.clone(), text.to_owned());
        Ok(Pages::new(move |page| {
            client.contacts().search_page(&text, limit, page)
        }))
    }

    /// One page (0-based) of [`Contacts::search`]: one request. The checks of the input
    /// run first; an empty `text` is refused.
    pub fn search_page(
        &self,
        text: &str,
        limit: Option<u32>,
        page: u32,
    ) -> Result<Page<Contact>, Error> {
        let size = crate::page::check_search(text, limit)?;
        let body = json!({"payload": {}, "page": page, "limit": size, "search": text});
        let call = Call::post("/crm/contact/list".into(), body.to_string(), Effect::Read);
        let list: ContactList = self.client.read(&call, "{list: [Contact], counts}")?;
        let mut contacts = list.list;
        for contact in &mut contacts {
            // A row is a matching field of a contact: `contactId` names the contact.
            if let Some(id) = contact.extra.get("contactId").and_then(as_id) {
                contact.id = id;
            }
        }
        let total = list.counts.filtered_count.map(|n| n.max(0) as u64);
        let first = u64::from(page) * u64::from(size);
        Ok(Page::new(contacts, page, size, first, total))
    }

    /// The contacts whose e-mail address is exactly `email` (ignoring case), each once,
    /// in ascending id order. Acquire lets several contacts share an address.
    pub fn find_by_email(&self, email: &str) -> Result<Vec<Contact>, Error> {
        check_email(email)?;
        let mut found: Vec<Contact> = Vec::new();
        for contact in self.search(email, Some(crate::MAX_PAGE_SIZE))? {
            let contact = contact?;
            let matches = contact
                .email()
                .is_some_and(|e| e.trim().eq_ignore_ascii_case(email.trim()))
                || (contact.extra.get("key") == Some(&Value::from("email"))
                    && contact
                        .extra
                        .get("value")
                        .and_then(Value::as_str)
                        .is_some_and(|v| v.trim().eq_ignore_ascii_case(email.trim())));
            if matches && !found.iter().any(|c| c.id == contact.id) {
                found.push(contact);
            }
        }
        found.sort_by_key(|c| c.id);
        Ok(found)
    }

    /// Every contact of the account, a page (one request) at a time.
    pub fn list(&self, limit: Option<u32>) -> Result<Pages<Contact>, Error> {
        crate::page::page_size(limit)?;
        let client = self.client.clone();
        Ok(Pages::new(move |page| {
            client.contacts().list_page(limit, page)
        }))
    }

    /// One page (0-based) of [`Contacts::list`].
    pub fn list_page(&self, limit: Option<u32>, page: u32) -> Result<Page<Contact>, Error> {
        let size = crate::page::page_size(limit)?;
        let call = Call::get(format!("/crm/objects/contact?page={page}&limit={size}"));
        let list: ContactList = self.client.read(&call, "{list: [Contact], counts}")?;
        let total = list.counts.total.map(|n| n.max(0) as u64);
        let first = u64::from(page) * u64::from(size);
        Ok(Page::new(list.list, page, size, first, total))
    }

    /// One contact with its fields and cases (`relations=cases|fields`).
    pub fn get(&self, contact_id: i64) -> Result<Contact, Error> {
        check_id("contactId", contact_id)?;
        let call = Call::get(format!(
            "/crm/objects/contact/{contact_id}?relations=cases%7Cfields"
        ));
        self.client.read(&call, "Contact")
    }

    /// Creates a contact and returns it with its new id. Acquire allows several contacts
    /// with one e-mail address, so this never fails for a duplicate: look first with
    /// [`Contacts::find_by_email`]. Like a send, it is not retried once it may have
    /// reached the server.
    pub fn create(&self, contact: &NewContact) -> Result<Contact, Error> {
        self.create_with(contact, &RequestOptions::default())
    }

    /// Changes a contact: the given fields (e-mail, name, phone, custom attributes) are
    /// merged into its fields, the others kept (as the local server does; the docs leave
    /// merge vs replace open). Idempotent, so retried like a read; an empty change is
    /// refused before sending.
    pub fn update(&self, contact_id: i64, changes: &NewContact) -> Result<Contact, Error> {
        check_id("contactId", contact_id)?;
        let call = Call::new(
            Method::Put,
            format!("/crm/objects/contact/{contact_id}"),
            Some(changes.to_json()?),
            Effect::Write,
        )
        .idempotent_if(true);
        self.client
            .request(&call, &RequestOptions::default(), "Contact")
    }

    /// [`Contacts::create`] with per-call timeouts and retries.
    pub fn create_with(
        &self,
        contact: &NewContact,
        options: &RequestOptions,
    ) -> Result<Contact, Error> {
        let call = Call::post(
            "/crm/objects/contact".into(),
            contact.to_json()?,
            Effect::Write,
        );
        self.client.request(&call, options, "Contact")
    }
}

/// An id from a number or a numeric string.
pub(crate) fn as_id(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
