//! From a customer to a case that accepts messages: [`Client::find_case`] and
//! [`Client::send_to_contact`].

use serde::Serialize;

use crate::contacts::{check_email, check_id};
use crate::{
    Case, Client, Error, Message, MessageParts, NewContact, OpenCase, RequestOptions, SendMessage,
};

/// Who to find a case for, and what may be done when there is none
/// ([`Client::find_case`]).
///
/// ```
/// use acquire_core::FindCase;
///
/// let ann = FindCase::email("ann@example.com").create(true);
/// let five = FindCase::contact(5).reopen(false);
/// # let _ = (ann, five);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindCase {
    who: Who,
    create: bool,
    reopen: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Who {
    Email(String),
    Contact(i64),
}

impl FindCase {
    /// The contact with this e-mail address (exactly one must have it).
    pub fn email(email: impl Into<String>) -> Self {
        FindCase {
            who: Who::Email(email.into()),
            create: false,
            reopen: true,
        }
    }

    /// The contact with this id.
    pub fn contact(contact_id: i64) -> Self {
        FindCase {
            who: Who::Contact(contact_id),
            create: false,
            reopen: true,
        }
    }

    /// When nothing exists to write into, create it: the contact (for an e-mail address
    /// no contact has) and a new case (for a contact with no case). Off by default: then
    /// those end in [`Error::ContactNotFound`] / [`Error::CaseNotFound`].
    pub fn create(mut self, create: bool) -> Self {
        self.create = create;
        self
    }

    /// When the contact has cases but none is active, reopen the latest one's thread so
    /// the conversation continues (the default). Off: treat the contact as having no case.
    pub fn reopen(mut self, reopen: bool) -> Self {
        self.reopen = reopen;
        self
    }

    /// From plain values, as a language binding or command line takes them: exactly one
    /// of `email` and `contact_id` (else `InvalidRequest` naming `contactId`).
    pub fn from_fields(
        email: Option<String>,
        contact_id: Option<i64>,
        create: bool,
        reopen: bool,
    ) -> Result<Self, Error> {
        let find = match (email, contact_id) {
            (Some(email), None) => FindCase::email(email),
            (None, Some(id)) => FindCase::contact(id),
            _ => {
                return Err(Error::invalid_request(
                    "contactId",
                    "pass exactly one of an e-mail address and a contact id",
                ));
            }
        };
        Ok(find.create(create).reopen(reopen))
    }

    fn check(&self) -> Result<(), Error> {
        match &self.who {
            Who::Email(email) => check_email(email),
            Who::Contact(id) => check_id("contactId", *id),
        }
    }
}

/// How [`Client::find_case`] came to its case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum CaseSource {
    /// The contact's active case (the newest, if several).
    Active,
    /// A new case in the thread of the contact's latest case, which was not active.
    Reopened,
    /// A new case (and thread), as `create` allowed.
    Created,
}

impl CaseSource {
    /// `active`, `reopened` or `created`.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseSource::Active => "active",
            CaseSource::Reopened => "reopened",
            CaseSource::Created => "created",
        }
    }
}

/// The case [`Client::find_case`] found or opened (as JSON: `case`, `contactId`, `source`,
/// `contactCreated`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FoundCase {
    /// The case: send into `case.id`.
    pub case: Case,
    /// The contact it belongs to.
    pub contact_id: i64,
    /// How the case was found.
    pub source: CaseSource,
    /// Whether the contact was created by this call.
    pub contact_created: bool,
}

impl Client {
    /// The case to write into for a contact, found by e-mail address or id: the active
    /// case (the newest by `dateActive`, then id); else, with a case history, a new case
    /// in the latest case's thread (reopen); else, with `create`, a new case (and a new
    /// contact for an unknown address). Fails with [`Error::ContactNotFound`],
    /// [`Error::AmbiguousContact`] (several contacts share the address) or
    /// [`Error::CaseNotFound`] before changing anything.
    pub fn find_case(&self, find: &FindCase) -> Result<FoundCase, Error> {
        self.find_case_with(find, &RequestOptions::default())
    }

    /// [`Client::find_case`] with per-call timeouts and retries (for every request it
    /// makes).
    pub fn find_case_with(
        &self,
        find: &FindCase,
        options: &RequestOptions,
    ) -> Result<FoundCase, Error> {
        find.check()?;
        // The lookups run under the call's options too (the bindings' clients already do).
        let reader = self.with_options(options)?;
        let contact_id = match &find.who {
            Who::Contact(id) => *id,
            Who::Email(email) => match reader.contacts().find_by_email(email)?.as_slice() {
                [one] => one.id,
                [] if find.create => {
                    let created = NewContact::new().email(email.trim());
                    let contact = self.contacts().create_with(&created, options)?;
                    let case = self
                        .cases()
                        .open_with(&OpenCase::new(contact.id), options)?;
                    return Ok(FoundCase {
                        case,
                        contact_id: contact.id,
                        source: CaseSource::Created,
                        contact_created: true,
                    });
                }
                [] => {
                    return Err(Error::ContactNotFound {
                        query: email.clone(),
                    });
                }
                many => {
                    return Err(Error::AmbiguousContact {
                        email: email.clone(),
                        contact_ids: many.iter().map(|c| c.id).collect(),
                    });
                }
            },
        };
        let contact = reader
            .contacts()
            .get(contact_id)
            .map_err(|err| match &err {
                Error::Api(api) if api.is_not_found() => Error::ContactNotFound {
                    query: format!("contact {contact_id}"),
                },
                _ => err,
            })?;
        let found = |case, source| FoundCase {
            case,
            contact_id,
            source,
            contact_created: false,
        };
        let newest_active = contact
            .cases
            .iter()
            .filter(|c| c.status.as_deref() == Some("active"))
            .max_by_key(|c| (c.date_active, c.id));
        if let Some(case) = newest_active {
            return Ok(found(case.clone(), CaseSource::Active));
        }
        let latest = contact.cases.iter().max_by_key(|c| (c.date_created, c.id));
        let open = OpenCase::new(contact_id);
        match latest {
            Some(case) if find.reopen => {
                let thread = case.thread_id.unwrap_or(case.id);
                // The conversation continues on its channel (an e-mail thread by e-mail).
                let channel = case.channel.as_deref().unwrap_or("chat");
                let open = open.thread(thread).channel(channel);
                let case = self.cases().open_with(&open, options)?;
                Ok(found(case, CaseSource::Reopened))
            }
            _ if find.create => {
                let case = self.cases().open_with(&open, options)?;
                Ok(found(case, CaseSource::Created))
            }
            _ => Err(Error::CaseNotFound { contact_id }),
        }
    }

    /// Sends `text` to a contact found by e-mail address or id: [`Client::find_case`],
    /// then a send into that case.
    ///
    /// ```no_run
    /// use acquire_core::{Client, FindCase};
    ///
    /// let client = Client::from_env()?;
    /// let sent = client.send_to_contact(&FindCase::email("ann@example.com"), "Your order shipped")?;
    /// println!("message {} in case {}", sent.id, sent.case_id);
    /// # Ok::<(), acquire_core::Error>(())
    /// ```
    pub fn send_to_contact(&self, find: &FindCase, text: &str) -> Result<Message, Error> {
        let parts = MessageParts {
            text: text.to_owned(),
            ..MessageParts::default()
        };
        self.send_to_contact_with(find, parts, &RequestOptions::default())
    }

    /// [`Client::send_to_contact`] with every option of a send (type, translation,
    /// channel, extra fields, an e-mail's fields) and per-call options. The message is
    /// checked before any request. Without a channel it follows the found case's: an
    /// e-mail case gets an e-mail, an SMS case an SMS, any other a chat message.
    pub fn send_to_contact_with(
        &self,
        find: &FindCase,
        message: MessageParts,
        options: &RequestOptions,
    ) -> Result<Message, Error> {
        // The case is found below; until then the message has none.
        let mut message = SendMessage::from_parts(0, message)?;
        message.validate_content()?;
        let found = self.find_case_with(find, options)?;
        message.set_case_id(found.case.id);
        // The customer is reached however they wrote in: by the case's channel.
        if message.channel_name().is_none()
            && let Some(channel @ ("email" | "sms")) = found.case.channel.as_deref()
        {
            message = message.channel(channel);
        }
        self.send_message_with(&message, options)
    }
}
