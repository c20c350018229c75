//! `acquire send --batch FILE`: send every message of a JSON Lines file, report each
//! failure with its line number, then a summary.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use acquire_core::{
    BatchItem, BatchOptions, Error, ItemSource, Message, MessageParts, SendMessage,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::flag;

use crate::args::SendArgs;
use crate::progress::Progress;
use crate::{connect, exit};

/// One line of a batch file: the fields of a single send (snake_case or camelCase).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    #[serde(alias = "caseId")]
    case_id: i64,
    message: String,
    #[serde(rename = "type")]
    message_type: Option<String>,
    #[serde(alias = "translateLangKey")]
    translate_lang_key: Option<String>,
    channel: Option<String>,
    #[serde(alias = "asContactId")]
    as_contact_id: Option<i64>,
    extra: Option<Map<String, Value>>,
}

impl Line {
    fn into_message(self) -> Result<SendMessage, Error> {
        let parts = MessageParts {
            text: self.message,
            message_type: self.message_type,
            translate_lang_key: self.translate_lang_key,
            channel: self.channel,
            as_contact_id: self.as_contact_id,
            extra: self.extra.map(Value::Object),
            ..MessageParts::default()
        };
        SendMessage::from_parts(self.case_id, parts)
    }
}

/// A result as `--json` prints it: the shape of a batch result in every front end (index
/// and source, the message or the error) with the file's line number.
#[derive(Serialize)]
#[serde(untagged)]
enum JsonResult<'a> {
    Sent {
        line: usize,
        index: usize,
        source: &'static str,
        ok: bool,
        message: &'a Message,
    },
    Failed {
        line: usize,
        index: usize,
        source: &'static str,
        ok: bool,
        error: Box<acquire_core::ErrorFields>,
    },
}

/// Runs a batch send and returns the exit code.
pub fn run(args: &SendArgs) -> ExitCode {
    let client = match connect::client(&args.connection) {
        Ok(client) => client,
        Err(err) => {
            eprintln!("error: {err}\n  {}", exit::advice(&err));
            return ExitCode::from(exit::code(&err));
        }
    };
    let path = args.batch.as_deref().unwrap_or(Path::new("-"));
    let (lines, items) = match read(path) {
        Ok(read) => read,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            return ExitCode::from(exit::INVALID);
        }
    };
    let signals = match Signals::watch() {
        Ok(signals) => signals,
        Err(e) => {
            eprintln!("error: cannot watch for signals: {e}");
            return ExitCode::from(exit::INVALID);
        }
    };
    let progress = Progress::new(items.len());
    let options = BatchOptions {
        concurrency: usize::from(args.concurrency),
        journal: args.journal.clone(),
        stop: Some(signals.stop.clone()),
        ..BatchOptions::default()
    };
    let results = client.send_batch_items(items, &options, |_, item| {
        progress.finished(item.result.is_ok())
    });
    progress.clear();
    let results = match results {
        Ok(results) => results,
        Err(err) => {
            eprintln!("error: {err}\n  {}", exit::advice(&err));
            return ExitCode::from(exit::code(&err));
        }
    };
    let code = report(&lines, &results, args.json);
    signals.exit_code().map(ExitCode::from).unwrap_or(code)
}

/// SIGINT and SIGTERM: the first stops the batch (no new line starts), a second exits
/// at once with 130/143.
struct Signals {
    stop: Arc<AtomicBool>,
    term: Arc<AtomicBool>,
}

impl Signals {
    fn watch() -> io::Result<Signals> {
        let signals = Signals {
            stop: Arc::new(AtomicBool::new(false)),
            term: Arc::new(AtomicBool::new(false)),
        };
        for (signal, code) in [(SIGINT, 130), (SIGTERM, 143)] {
            // Registered first, so it sees the flag as the earlier signal left it.
            flag::register_conditional_shutdown(signal, code, signals.stop.clone())?;
            flag::register(signal, signals.stop.clone())?;
        }
        flag::register(SIGTERM, signals.term.clone())?;
        Ok(signals)
    }

    /// 143 after SIGTERM, 130 after SIGINT, `None` without a signal.
    fn exit_code(&self) -> Option<u8> {
        if self.term.load(Ordering::SeqCst) {
            Some(143)
        } else if self.stop.load(Ordering::SeqCst) {
            Some(130)
        } else {
            None
        }
    }
}

/// The line numbers of the non-blank lines, and each one's message (or why it is not one).
type Batch = (Vec<usize>, Vec<Result<SendMessage, Error>>);

/// Reads the batch file (`-`: standard input).
fn read(path: &Path) -> io::Result<Batch> {
    let input: Box<dyn BufRead> = if path == Path::new("-") {
        Box::new(io::stdin().lock())
    } else {
        Box::new(BufReader::new(File::open(path)?))
    };
    let mut numbers = Vec::new();
    let mut items = Vec::new();
    for (index, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        numbers.push(index + 1);
        items.push(parse(&line));
    }
    Ok((numbers, items))
}

fn parse(line: &str) -> Result<SendMessage, Error> {
    match serde_json::from_str::<Line>(line) {
        Ok(line) => line.into_message(),
        Err(e) => Err(Error::InvalidRequest {
            field: "line".into(),
            reason: format!("is not a message object: {e}"),
        }),
    }
}

/// Prints each failure (and with `json` every finished result), then the summary; the
/// exit code.
fn report(lines: &[usize], items: &[BatchItem], json: bool) -> ExitCode {
    let mut stdout = io::stdout().lock();
    let mut failed_by_code: BTreeMap<&str, usize> = BTreeMap::new();
    let mut counts = Counts::default();
    for (&line, item) in lines.iter().zip(items) {
        let result = &item.result;
        match (item.source, result) {
            (_, Err(Error::Cancelled)) => {
                counts.stopped += 1;
                continue;
            }
            (ItemSource::Recorded, Ok(_)) => counts.skipped += 1,
            (ItemSource::Settled, Ok(_)) => counts.settled += 1,
            (_, Ok(_)) => counts.sent += 1,
            (_, Err(err)) => counts.maybe_delivered += usize::from(err.may_have_been_delivered()),
        }
        if json {
            let shown = match result {
                Ok(message) => JsonResult::Sent {
                    line,
                    index: item.index,
                    source: item.source.as_str(),
                    ok: true,
                    message,
                },
                Err(err) => JsonResult::Failed {
                    line,
                    index: item.index,
                    source: item.source.as_str(),
                    ok: false,
                    error: Box::new(err.fields()),
                },
            };
            let _ = writeln!(
                stdout,
                "{}",
                serde_json::to_string(&shown).unwrap_or_default()
            );
        }
        if let Err(err) = result {
            *failed_by_code.entry(err.code()).or_default() += 1;
            eprintln!("line {line}: error: {err}\n  {}", exit::advice(err));
        }
    }
    let failed: usize = failed_by_code.values().sum();
    let summary = summary(&counts, &failed_by_code);
    if json {
        eprintln!("{summary}");
    } else {
        let _ = writeln!(stdout, "{summary}");
    }
    if failed == 0 && counts.stopped == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(exit::BATCH_FAILURES)
    }
}

/// How the items of a batch ended.
#[derive(Default)]
struct Counts {
    sent: usize,
    skipped: usize,
    settled: usize,
    stopped: usize,
    maybe_delivered: usize,
}

/// `sent 998, failed 2 (bad_request 1, timeout 1), 1 of them may have been delivered`, with
/// `skipped N (stored by an earlier run)`, `settled N (found stored)` and `not sent N (stopped)`
/// when there are any.
fn summary(counts: &Counts, failed_by_code: &BTreeMap<&str, usize>) -> String {
    let failed: usize = failed_by_code.values().sum();
    let mut line = format!("sent {}", counts.sent);
    if counts.skipped > 0 {
        line.push_str(&format!(
            ", skipped {} (stored by an earlier run)",
            counts.skipped
        ));
    }
    if counts.settled > 0 {
        line.push_str(&format!(
            ", settled {} (an earlier run's send, found stored)",
            counts.settled
        ));
    }
    line.push_str(&format!(", failed {failed}"));
    if failed > 0 {
        let kinds: Vec<String> = failed_by_code
            .iter()
            .map(|(code, n)| format!("{code} {n}"))
            .collect();
        line.push_str(&format!(
            " ({}), {} of them may have been delivered",
            kinds.join(", "),
            counts.maybe_delivered
        ));
    }
    if counts.stopped > 0 {
        line.push_str(&format!(
            ", not sent {} (stopped: run again to send them)",
            counts.stopped
        ));
    }
    line
}
