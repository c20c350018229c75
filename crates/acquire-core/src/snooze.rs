//! Taking a case out of the active view until a time: Snooze (`POST /crm/follow-up/create`).
//! A snooze is a write: like a send, it is not retried once it may have arrived.
//!
//! The docs give `scheduleDate` as `YYYY-MM-DD HH:MM:SS` and leave its time zone open: the
//! SDK sends UTC, and takes either that form (read as UTC) or RFC 3339 with an offset.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use crate::call::Call;
use crate::contacts::check_id;
use crate::error::Effect;
use crate::lenient::value as lenient;
use crate::{Cases, Error, RequestOptions};

/// The `scheduleDate` format the docs give.
const SCHEDULE_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// A case to snooze until a time ([`Cases::snooze`]).
///
/// ```
/// use acquire_core::Snooze;
///
/// let snooze = Snooze::parse(28, "2099-01-02T09:30:00+01:00").unwrap().message("after the audit");
/// assert_eq!(
///     snooze.to_json().unwrap(),
///     r#"{"objectType":"case","caseId":28,"objectId":28,"scheduleDate":"2099-01-02 08:30:00","message":"after the audit"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snooze {
    case_id: i64,
    until: DateTime<Utc>,
    message: Option<String>,
}

impl Snooze {
    /// Snoozes this case until `until` (which must be in the future when it is sent).
    pub fn new(case_id: i64, until: DateTime<Utc>) -> Self {
        Snooze {
            case_id,
            until,
            message: None,
        }
    }

    /// Snoozes this case until a time written as `YYYY-MM-DD HH:MM:SS` (UTC) or RFC 3339
    /// (`2026-12-08T09:00:00+01:00`); anything else is an `InvalidRequest` naming
    /// `scheduleDate`.
    pub fn parse(case_id: i64, until: &str) -> Result<Self, Error> {
        Ok(Snooze::new(case_id, parse_time(until)?))
    }

    /// From plain values, as a language binding or command line takes them.
    pub fn from_fields(case_id: i64, until: &str, message: Option<String>) -> Result<Self, Error> {
        let mut snooze = Snooze::parse(case_id, until)?;
        snooze.message = message;
        Ok(snooze)
    }

    /// A note kept with the snooze (the agents see it when it elapses).
    pub fn message(mut self, text: impl Into<String>) -> Self {
        self.message = Some(text.into());
        self
    }

    /// When the snooze elapses.
    pub fn until(&self) -> DateTime<Utc> {
        self.until
    }

    /// Checks the fields and returns the body that is sent: a positive case id and a time
    /// in the future (`scheduleDate`).
    pub fn to_json(&self) -> Result<String, Error> {
        check_id("caseId", self.case_id)?;
        if self.until <= DateTime::<Utc>::from(std::time::SystemTime::now()) {
            return Err(Error::invalid_request(
                "scheduleDate",
                format!(
                    "{} UTC is in the past: a snooze ends in the future",
                    self.until.format(SCHEDULE_FORMAT)
                ),
            ));
        }
        let mut body = json!({
            "objectType": "case",
            "caseId": self.case_id,
            "objectId": self.case_id,
            "scheduleDate": self.until.format(SCHEDULE_FORMAT).to_string(),
        });
        if let Some(text) = &self.message {
            body["message"] = text.as_str().into();
        }
        Ok(body.to_string())
    }
}

/// `YYYY-MM-DD HH:MM:SS` (UTC) or RFC 3339.
fn parse_time(text: &str) -> Result<DateTime<Utc>, Error> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| NaiveDateTime::parse_from_str(text, SCHEDULE_FORMAT).map(|t| t.and_utc()))
        .map_err(|_| {
            Error::invalid_request(
                "scheduleDate",
                format!(
                    "`{text}` is not a time: write `YYYY-MM-DD HH:MM:SS` (UTC) or RFC 3339 such as `2026-12-08T09:00:00+01:00`"
                ),
            )
        })
}

/// What Snooze answered: the snooze that was created.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Snoozed {
    /// The snooze's id.
    pub id: Option<i64>,
    /// The snoozed case (`objectId`).
    pub case_id: Option<i64>,
    /// The case's contact, when the answer names it.
    pub contact_id: Option<i64>,
    /// When it elapses, as Acquire stored it (`scheduleDate`, read as UTC).
    pub until: Option<DateTime<Utc>>,
    /// The agent who snoozed it (the API key's).
    pub user_id: Option<i64>,
    /// The note kept with it.
    pub message: Option<String>,
    /// The answer's `data` as it came (`{success, message, data}`).
    pub raw: Value,
}

impl Snoozed {
    /// Reads the answer's `data`: `{success, message, data: {id, objectType, objectId, …}}`.
    pub(crate) fn from_data(raw: Value) -> Snoozed {
        let snooze = raw.get("data").unwrap_or(&Value::Null);
        let get = |name: &str| snooze.get(name);
        Snoozed {
            id: lenient::int(get("id")),
            case_id: lenient::int(get("objectId")).or_else(|| lenient::int(get("caseId"))),
            contact_id: lenient::int(get("contactId")),
            until: lenient::timestamp(get("scheduleDate")),
            user_id: lenient::int(get("userId")),
            message: lenient::text(get("message")),
            raw,
        }
    }
}

impl Cases<'_> {
    /// Snoozes a case: out of the active view until the time. Checked before any request
    /// (a malformed or past time is refused); not retried once it may have arrived.
    pub fn snooze(&self, snooze: &Snooze) -> Result<Snoozed, Error> {
        self.snooze_with(snooze, &RequestOptions::default())
    }

    /// [`Cases::snooze`] with per-call timeouts and retries.
    pub fn snooze_with(&self, snooze: &Snooze, options: &RequestOptions) -> Result<Snoozed, Error> {
        let body = snooze.to_json()?;
        let call = Call::post("/crm/follow-up/create".into(), body, Effect::Write);
        let raw: Value = self.client.request(
            &call,
            options,
            "{success, message, data: {id, objectType, objectId, scheduleDate}}",
        )?;
        Ok(Snoozed::from_data(raw))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_is_read_in_either_form_and_must_be_ahead() {
        let utc = Snooze::parse(28, "2099-01-02 08:30:00").unwrap();
        let offset = Snooze::parse(28, "2099-01-02T09:30:00+01:00").unwrap();
        assert_eq!(utc.until(), offset.until());
        for bad in ["tomorrow", "2099-13-01 00:00:00", ""] {
            let err = Snooze::parse(28, bad).unwrap_err();
            assert_eq!(err.fields().field.as_deref(), Some("scheduleDate"), "{bad}");
        }
        let past = Snooze::parse(28, "2020-05-28 12:30:00").unwrap();
        let err = past.to_json().unwrap_err();
        assert_eq!(err.fields().field.as_deref(), Some("scheduleDate"));
        assert!(err.to_string().contains("in the past"), "{err}");
    }

    #[test]
    fn the_documented_answer_is_read() {
        let raw = json!({"success": true, "message": "Snooze added successfully", "data": {
            "id": 3, "objectType": "case", "contactId": 53, "scheduleDate": "2020-05-28 12:30:00",
            "objectId": 53, "userId": 12, "message": "This is simple message", "users": []}});
        let snoozed = Snoozed::from_data(raw);
        assert_eq!(snoozed.id, Some(3));
        assert_eq!(snoozed.case_id, Some(53));
        assert_eq!(
            snoozed.until.unwrap().to_rfc3339(),
            "2020-05-28T12:30:00+00:00"
        );
        assert_eq!(snoozed.message.as_deref(), Some("This is simple message"));
    }
}
