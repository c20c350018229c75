//! What the fuzz targets (fuzz/fuzz_targets) run, here so that a plain `cargo test` replays
//! their seeds (the bodies in tests/vectors) through the same code: each takes any bytes and
//! must answer a value or an error, never panic.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::cases::CaseList;
use crate::channel::{Channel, read_answer};
use crate::contacts::ContactList;
use crate::edit::Deleted;
use crate::error::Effect;
use crate::messages::CaseMessages;
use crate::response::decode_data;
use crate::{Case, Contact, Invitation, Message, Snoozed};

/// The `type` and `message` an error body names.
pub fn error_fields(body: &str) -> (Option<String>, Option<String>) {
    crate::response::error_fields(body)
}

/// Reads a batch journal's bytes as the journal of a 50-item batch of input
/// `sha256:fuzz`: what it records, or why it is refused.
pub fn journal(content: &[u8]) -> Result<usize, String> {
    crate::journal::read(content, "sha256:fuzz", 50).map(|(recorded, _)| recorded.len())
}

/// `{"data": T}` from the bytes, as a 200 answer of a read; a decoded value is written
/// back out (its `Serialize` must not panic either).
fn decode<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    decode_data::<T>(200, body.to_vec(), Effect::Read, "fuzz")
        .ok()
        .map(|(value, _)| value)
}

/// A read-side answer decoded as every model the read side reads: a case, a contact, a
/// message, the case list, the contact list and search, a thread, a conversation's
/// messages. Answers how many of them decoded.
pub fn read_models(body: &[u8]) -> usize {
    let mut decoded = 0;
    let mut count = |ok: bool| decoded += usize::from(ok);
    count(
        decode::<Case>(body)
            .map(|c| serde_json::to_string(&c))
            .is_some(),
    );
    count(
        decode::<Contact>(body)
            .map(|c| serde_json::to_string(&c))
            .is_some(),
    );
    count(
        decode::<Message>(body)
            .map(|m| serde_json::to_string(&m))
            .is_some(),
    );
    count(decode::<CaseList>(body).is_some());
    count(decode::<ContactList>(body).is_some());
    count(decode::<Vec<Case>>(body).is_some());
    count(decode::<CaseMessages>(body).is_some());
    decoded
}

/// An answer of the writes decoded as each: a mail and an SMS send, an invitation, a
/// snooze, a deletion. Answers how many decoded.
pub fn write_answers(body: &[u8]) -> usize {
    let sent = [Channel::Email, Channel::Sms]
        .into_iter()
        .filter(|channel| read_answer(200, body.to_vec(), *channel).is_ok())
        .count();
    let Some(data) = decode::<Value>(body) else {
        return sent;
    };
    let invitation = Invitation::from_data(data.clone());
    let snoozed = Snoozed::from_data(data);
    let _ = (
        serde_json::to_string(&invitation),
        serde_json::to_string(&snoozed),
    );
    sent + 1 + usize::from(decode::<Deleted>(body).is_some())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn vectors() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
    }

    /// The seeds `scripts/fuzz_seeds.py` gives `read_models` and `write_answers`: every
    /// docs example in rest/ and every inline answer of read-side.json.
    fn seeds() -> Vec<Vec<u8>> {
        let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(vectors().join("rest"))
            .unwrap()
            .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
            .collect();
        let spec: Value =
            serde_json::from_slice(&std::fs::read(vectors().join("read-side.json")).unwrap())
                .unwrap();
        for case in spec["cases"].as_array().unwrap() {
            if let Some(body) = case["answer"]["body"].as_str() {
                seeds.push(body.as_bytes().to_vec());
            }
        }
        seeds
    }

    #[test]
    fn the_read_and_write_targets_take_their_seeds() {
        let seeds = seeds();
        let read: usize = seeds.iter().map(|s| read_models(s)).sum();
        let written: usize = seeds.iter().map(|s| write_answers(s)).sum();
        assert!(seeds.len() >= 20, "{} seeds", seeds.len());
        // The docs' examples decode (all but the invalid ones and the request bodies).
        assert!(read >= 15, "{read} read models decoded");
        assert!(written >= 15, "{written} write answers decoded");
        let invite = std::fs::read(vectors().join("rest/invite-agent.fixed.json")).unwrap();
        assert_eq!(write_answers(&invite), 1);
        let deleted = std::fs::read(vectors().join("rest/delete-message.json")).unwrap();
        assert_eq!(write_answers(&deleted), 2);
        // An e-mail answer reads as a message (and as the other shapes' loose reads).
        let mail = br#"{"data": {"id": 9, "caseMessageId": 331, "caseId": 575}}"#;
        assert_eq!(write_answers(mail), 2);
    }
}
