//! The durable record of a batch: an append-only JSON Lines file, so that a batch cut short
//! by a crash or a signal resumes without sending anything twice.
//!
//! ```text
//! {"journal":"acquire-batch","version":2,"input":"sha256:…","items":20000}
//! {"begin":"2026-12-03T09:00:00.123Z","items":[0,1,…,255]}   a window, synced before any of them is sent
//! {"i":0,"sent":{"data":{"id":329,…}}}                        the stored message's ids, once stored
//! {"i":1,"failed":"bad_request"}                              a definite failure (nothing stored)
//! ```
//!
//! One synced record begins a window of items before any of them leaves; outcomes are
//! written as they come and reach the disk with the next window's sync (or the run's end).
//! An item begun with no outcome on disk may have been stored: a resume settles it by
//! reading its case back (a lost outcome costs a read, never a second send). Version 1
//! journals (one `{"i", "begin"}` record per item) are still read. A run holds an exclusive
//! lock on the file while it is open, so a second run of the same journal is refused instead
//! of sending everything again. A torn last line (a crash mid-write) is dropped; any other
//! damage, or a header for another input, is refused.

use crate::internal::lock;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Error;

const KIND: &str = "acquire-batch";
const VERSION: u32 = 2;
/// The versions this SDK reads: 1 (a `begin` per item) and 2 (windows).
const READABLE: [u32; 2] = [1, 2];

/// What the journal knows of one item.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Recorded {
    /// Never started (or failed for sure): send it.
    Nothing,
    /// Started at this time with no outcome: may be stored.
    Begun(SystemTime),
    /// Stored: the message's summary (`{"data": {"id", "caseId", …}}`).
    Sent(String),
}

#[derive(Serialize, Deserialize)]
struct Header {
    journal: String,
    version: u32,
    input: String,
    items: usize,
}

#[derive(Serialize, Deserialize, Default)]
struct Record {
    #[serde(skip_serializing_if = "Option::is_none")]
    i: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    begin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    failed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<Vec<usize>>,
}

/// An open journal: appends are written and synced with group commit (one `fsync` covers
/// every record written before it).
pub(crate) struct Journal {
    path: PathBuf,
    writer: Mutex<Writer>,
    /// How many lines are on disk; held while syncing.
    synced: Mutex<u64>,
    /// The same file, for `fsync` outside the writer's lock.
    sync_handle: File,
}

struct Writer {
    /// Lines are buffered: they reach the file when a sync (a window, the run's end) asks.
    file: BufWriter<File>,
    written: u64,
    failed: Option<String>,
}

/// The fingerprint of a batch's input: SHA-256 over each item's wire form.
pub(crate) fn fingerprint<'a>(items: impl Iterator<Item = String> + 'a) -> String {
    let mut hash = Sha256::new();
    for item in items {
        hash.update(item.as_bytes());
        hash.update(b"\n");
    }
    let digest = hash.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

fn journal_error(path: &Path, reason: impl Into<String>) -> Error {
    Error::Journal {
        path: path.display().to_string(),
        reason: reason.into(),
        may_have_been_delivered: false,
    }
}

/// What a journal's bytes record of each item, and where its last good line ends (a
/// torn last line — a crash mid-write — is dropped). The file is untrusted input: anything
/// else that is not a well-formed record of this batch is refused with its line number,
/// before anything is sent.
pub(crate) fn read(
    content: &[u8],
    input: &str,
    items: usize,
) -> Result<(Vec<Recorded>, u64), String> {
    let mut recorded = vec![Recorded::Nothing; items];
    let mut good_end = 0u64;
    let lines: Vec<&[u8]> = content.split_inclusive(|b| *b == b'\n').collect();
    for (index, line) in lines.iter().enumerate() {
        let number = index + 1;
        if !line.ends_with(b"\n") && number == lines.len() {
            break; // a torn last line: dropped
        }
        let text = std::str::from_utf8(line)
            .map_err(|_| format!("is corrupt at line {number}: not UTF-8"))?
            .trim_end();
        if number == 1 {
            check_header(text, input, items)?;
        } else {
            let (named, slot) =
                record(text, items).map_err(|why| format!("is corrupt at line {number}: {why}"))?;
            for i in named {
                recorded[i] = slot.clone();
            }
        }
        good_end += line.len() as u64;
    }
    Ok((recorded, good_end))
}

/// Checks the first line: this kind of journal, a version this SDK reads, this input.
fn check_header(text: &str, input: &str, items: usize) -> Result<(), String> {
    let Ok(header) = serde_json::from_str::<Header>(text) else {
        return Err("is not an acquire batch journal".into());
    };
    if header.journal != KIND {
        return Err("is not an acquire batch journal".into());
    }
    if !READABLE.contains(&header.version) {
        return Err(format!(
            "is corrupt at line 1: journal version {} is unknown (this SDK reads versions 1 and {VERSION})",
            header.version
        ));
    }
    if header.input != input || header.items != items {
        return Err(format!(
            "belongs to another input ({} items, {}; this one: {items} items, {input}): use a new journal file",
            header.items, header.input
        ));
    }
    Ok(())
}

/// One record line: the items it names (inside the batch) and what it says of them — one
/// item (`i`), or a window (`items`, begun only).
fn record(text: &str, items: usize) -> Result<(Vec<usize>, Recorded), String> {
    let record: WireRecord =
        serde_json::from_str(text).map_err(|_| "not a journal record".to_owned())?;
    let inside = |raw: i64| {
        usize::try_from(raw)
            .ok()
            .filter(|i| *i < items)
            .ok_or_else(|| format!("item {raw} is outside this {items}-item batch"))
    };
    let named: Vec<usize> = match (record.i, &record.items) {
        (Some(i), None) => vec![inside(i)?],
        (None, Some(window)) if !window.is_empty() && record.begin.is_some() => window
            .iter()
            .map(|raw| inside(*raw))
            .collect::<Result<_, _>>()?,
        (None, Some(_)) => return Err("a window must name items and begin them".into()),
        _ => return Err("a record must name one item (i) or a window (items)".into()),
    };
    let first = named[0];
    let slot = match (record.begin, record.sent, record.failed) {
        (Some(at), None, None) => {
            let at = DateTime::parse_from_rfc3339(&at)
                .map_err(|_| format!("item {first}'s begin `{at}` is not an RFC 3339 time"))?;
            Recorded::Begun(at.into())
        }
        (None, Some(sent), None) => {
            let body = match sent {
                serde_json::Value::String(text) => text,
                object => object.to_string(),
            };
            crate::Message::from_response_body(&body)
                .map_err(|_| format!("item {first}'s sent record is not a stored message"))?;
            Recorded::Sent(body)
        }
        (None, None, Some(_)) => Recorded::Nothing,
        _ => {
            return Err(format!(
                "item {first}'s record must say one of begin, sent or failed"
            ));
        }
    };
    Ok((named, slot))
}

/// A record as read: the item number as any integer, so that a negative or too large one
/// is reported as such.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireRecord {
    i: Option<i64>,
    items: Option<Vec<i64>>,
    begin: Option<String>,
    /// The summary as an object (version 2) or as JSON text (version 1).
    sent: Option<serde_json::Value>,
    failed: Option<String>,
}

impl Journal {
    /// Opens (or creates) the journal at `path` for an input with this fingerprint and
    /// number of items; returns it with what it recorded of each item.
    pub(crate) fn open(
        path: &Path,
        input: &str,
        items: usize,
    ) -> Result<(Journal, Vec<Recorded>), Error> {
        let fail = |e: std::io::Error| journal_error(path, e.to_string());
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(fail)?;
        // Before anything is read or truncated: two runs of one journal would each send
        // what the other has not recorded yet. The kernel drops the lock with the process.
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(Error::JournalInUse {
                    path: path.display().to_string(),
                });
            }
            Err(TryLockError::Error(e)) => {
                return Err(journal_error(path, format!("cannot be locked: {e}")));
            }
        }
        let mut content = Vec::new();
        file.read_to_end(&mut content).map_err(fail)?;
        let (recorded, good_end) =
            read(&content, input, items).map_err(|reason| journal_error(path, reason))?;
        file.set_len(good_end).map_err(fail)?;
        file.seek(SeekFrom::End(0)).map_err(fail)?;
        let sync_handle = file.try_clone().map_err(fail)?;
        let journal = Journal {
            path: path.to_owned(),
            writer: Mutex::new(Writer {
                file: BufWriter::with_capacity(64 * 1024, file),
                written: 0,
                failed: None,
            }),
            synced: Mutex::new(0),
            sync_handle,
        };
        if good_end == 0 {
            let header = Header {
                journal: KIND.into(),
                version: VERSION,
                input: input.into(),
                items,
            };
            journal.write(&serde_json::to_string(&header).unwrap_or_default())?;
            journal.sync()?;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                // The new file's name must survive a crash too.
                let _ = File::open(dir).and_then(|d| d.sync_all());
            }
        }
        Ok((journal, recorded))
    }

    /// Durably records that these items are about to be sent (a window): returns once the
    /// record, and every outcome written before it, is on disk.
    pub(crate) fn begin(&self, items: &[usize], at: SystemTime) -> Result<(), Error> {
        let at = DateTime::<Utc>::from(at).to_rfc3339_opts(SecondsFormat::Millis, true);
        let line = self.line(Record {
            begin: Some(at),
            items: Some(items.to_vec()),
            ..Record::default()
        });
        self.write(&line)?;
        self.sync()
    }

    /// Records that item `i` is stored, with the message's summary (on disk with the next
    /// sync: until then a resume settles it by reading back).
    /// `body` is the summary as compact JSON (`{"data": {…}}`, written in as an object).
    pub(crate) fn sent(&self, i: usize, body: &str) -> Result<(), Error> {
        self.write(&format!("{{\"i\":{i},\"sent\":{body}}}"))
    }

    /// Records that item `i` surely failed (nothing stored), on disk with the next sync.
    pub(crate) fn failed(&self, i: usize, code: &str) -> Result<(), Error> {
        self.write(&self.line(Record {
            i: Some(i),
            failed: Some(code.to_owned()),
            ..Record::default()
        }))
    }

    /// Puts every record written so far on disk (at the end of a run, so that a rerun of a
    /// finished batch reads every outcome instead of settling them).
    pub(crate) fn flush(&self) -> Result<(), Error> {
        self.sync()
    }

    fn line(&self, record: Record) -> String {
        serde_json::to_string(&record).unwrap_or_default()
    }

    /// Writes one line (not yet synced). After one failure every write fails: the file may
    /// end in a torn line.
    fn write(&self, line: &str) -> Result<(), Error> {
        let mut writer = lock(&self.writer);
        if let Some(reason) = &writer.failed {
            return Err(journal_error(&self.path, reason.clone()));
        }
        let mut bytes = line.as_bytes().to_vec();
        bytes.push(b'\n');
        if let Err(e) = writer.file.write_all(&bytes) {
            let reason = format!("cannot be written: {e}");
            writer.failed = Some(reason.clone());
            return Err(journal_error(&self.path, reason));
        }
        writer.written += 1;
        Ok(())
    }

    /// Returns once every line written before the call is on disk (group commit: the
    /// buffer goes to the file, then one `fsync` covers the lines of every thread that wrote
    /// before it).
    fn sync(&self) -> Result<(), Error> {
        let target = {
            let mut writer = lock(&self.writer);
            if let Some(reason) = &writer.failed {
                return Err(journal_error(&self.path, reason.clone()));
            }
            if let Err(e) = writer.file.flush() {
                let reason = format!("cannot be written: {e}");
                writer.failed = Some(reason.clone());
                return Err(journal_error(&self.path, reason));
            }
            writer.written
        };
        let mut synced = lock(&self.synced);
        if *synced >= target {
            return Ok(()); // another thread's sync covered these lines
        }
        match self.sync_handle.sync_data() {
            Ok(()) => {
                *synced = target;
                Ok(())
            }
            Err(e) => {
                let reason = format!("cannot be synced to disk: {e}");
                lock(&self.writer).failed = Some(reason.clone());
                Err(journal_error(&self.path, reason))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A vector's bytes: its lines, each with a newline, then its torn line.
    fn content(case: &serde_json::Value) -> Vec<u8> {
        let mut text = String::new();
        for line in case["lines"].as_array().unwrap() {
            text.push_str(line.as_str().unwrap());
            text.push('\n');
        }
        text.push_str(case["torn"].as_str().unwrap_or_default());
        text.into_bytes()
    }

    #[test]
    fn the_journal_vectors_are_read_or_refused_as_they_say() {
        let vectors: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/vectors/journals.json")).unwrap();
        for case in vectors["cases"].as_array().unwrap() {
            let bytes = content(case);
            let got = read(&bytes, "sha256:fuzz", 50);
            match case["expect"].as_str().unwrap() {
                "ok" => {
                    let (recorded, end) = got.unwrap_or_else(|e| panic!("{}: {e}", case["name"]));
                    let torn = case["torn"].as_str().unwrap_or_default().len();
                    assert_eq!(end as usize, bytes.len() - torn, "{}", case["name"]);
                    assert!(matches!(&recorded[3], Recorded::Sent(b) if b.contains("329")));
                }
                reason => assert_eq!(got.unwrap_err(), reason, "{}", case["name"]),
            }
        }
        assert_eq!(
            read(b"", "sha256:fuzz", 50).unwrap(),
            (vec![Recorded::Nothing; 50], 0)
        );
    }
}
