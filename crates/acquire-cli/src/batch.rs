//! `acquire send --batch FILE`: send every message of a JSON Lines file, report each
//! failure with its line number, then a summary.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;
use std::process::ExitCode;

use acquire_core::{BatchOptions, Error, Message, MessageParts, SendMessage};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::args::SendArgs;
use crate::progress::Progress;
use crate::{exit, send};

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
    #[serde(alias = "contactId")]
    contact_id: Option<i64>,
    extra: Option<Map<String, Value>>,
}

impl Line {
    fn into_message(self) -> Result<SendMessage, Error> {
        SendMessage::from_parts(MessageParts {
            case_id: self.case_id,
            text: self.message,
            message_type: self.message_type,
            translate_lang_key: self.translate_lang_key,
            channel: self.channel,
            contact_id: self.contact_id,
            extra_json: self.extra.map(|extra| Value::Object(extra).to_string()),
        })
    }
}

/// A result as `--json` prints it.
#[derive(Serialize)]
#[serde(untagged)]
enum JsonResult<'a> {
    Sent {
        line: usize,
        ok: bool,
        message: &'a Message,
    },
    Failed {
        line: usize,
        ok: bool,
        error: Box<acquire_core::ErrorFields>,
    },
}

/// Runs a batch send and returns the exit code.
pub fn run(args: &SendArgs) -> ExitCode {
    let client = match send::client(&args.connection) {
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
    let progress = Progress::new(items.len());
    let options = BatchOptions {
        concurrency: usize::from(args.concurrency),
        ..BatchOptions::default()
    };
    let results = client.send_batch(items, &options, |_, result| {
        progress.finished(result.is_ok())
    });
    progress.clear();
    report(&lines, &results, args.json)
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

/// Prints each failure (and with `json` every result), then the summary; the exit code.
fn report(lines: &[usize], results: &[Result<Message, Error>], json: bool) -> ExitCode {
    let mut stdout = io::stdout().lock();
    let mut failed_by_code: BTreeMap<&str, usize> = BTreeMap::new();
    let mut maybe_delivered = 0;
    for (&line, result) in lines.iter().zip(results) {
        if json {
            let shown = match result {
                Ok(message) => JsonResult::Sent {
                    line,
                    ok: true,
                    message,
                },
                Err(err) => JsonResult::Failed {
                    line,
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
            maybe_delivered += usize::from(err.may_have_been_delivered());
            eprintln!("line {line}: error: {err}\n  {}", exit::advice(err));
        }
    }
    let failed: usize = failed_by_code.values().sum();
    let summary = summary(results.len() - failed, &failed_by_code, maybe_delivered);
    if json {
        eprintln!("{summary}");
    } else {
        let _ = writeln!(stdout, "{summary}");
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(exit::BATCH_FAILURES)
    }
}

/// `sent 998, failed 2 (bad_request 1, timeout 1), 1 may have been delivered`.
fn summary(sent: usize, failed_by_code: &BTreeMap<&str, usize>, maybe_delivered: usize) -> String {
    let failed: usize = failed_by_code.values().sum();
    let mut line = format!("sent {sent}, failed {failed}");
    if failed > 0 {
        let kinds: Vec<String> = failed_by_code
            .iter()
            .map(|(code, n)| format!("{code} {n}"))
            .collect();
        line.push_str(&format!(
            " ({}), {maybe_delivered} of them may have been delivered",
            kinds.join(", ")
        ));
    }
    line
}
