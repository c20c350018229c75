//! Durable batches through the built `acquire` binary: SIGKILL at random points and
//! resume, SIGTERM, and journals that must be refused.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use acquire_mock::{Fault, MockServer, Step};

/// A scratch folder removed at the end of the test.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir =
            std::env::temp_dir().join(format!("acquire-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A batch file of `count` messages to case 28, each with its own text.
fn batch_file(path: &Path, count: usize) {
    let mut file = std::fs::File::create(path).unwrap();
    for i in 0..count {
        writeln!(file, r#"{{"case_id": 28, "message": "item {i}"}}"#).unwrap();
    }
}

fn command(server: &MockServer, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_acquire"));
    command
        .args(args)
        .env_clear()
        .env("ACQUIRE_API_KEY", "mock-key")
        .env("ACQUIRE_BASE_URL", server.url())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn spawn(server: &MockServer, batch: &Path, journal: &Path) -> Child {
    let (batch, journal) = (batch.to_str().unwrap(), journal.to_str().unwrap());
    let args = [
        "send",
        "--batch",
        batch,
        "--journal",
        journal,
        "--concurrency",
        "8",
        "--timeout",
        "2",
    ];
    command(server, &args).spawn().unwrap()
}

fn run(server: &MockServer, batch: &Path, journal: &Path) -> Output {
    spawn(server, batch, journal).wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// How many times each text was stored.
fn stored_texts(server: &MockServer) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for message in server.messages() {
        *counts
            .entry(message["message"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    counts
}

/// A small deterministic generator (the seed is printed, so a failure can be replayed).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn killed_twenty_times_and_resumed_every_item_is_stored_exactly_once() {
    let seed = std::env::var("ACQUIRE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_secs()
        });
    println!("crash test seed: {seed} (replay with ACQUIRE_CRASH_SEED={seed})");
    let mut random = Lcg(seed);
    let scratch = Scratch::new("crash");
    let (batch, journal) = (scratch.path("batch.jsonl"), scratch.path("journal.jsonl"));
    let total = 2_000;
    batch_file(&batch, total);
    let server = MockServer::start().unwrap();
    // Uncertain sends that did store: a reset after the write, a 500 after storing, a
    // stall past the timeout. A resume must settle them by reading the case back.
    let mut faults = Vec::new();
    for i in 0..10 {
        let text = |k: u64| format!("item {}", (k * 197 + i * 13) % total as u64);
        faults.push(Step::fault(Fault::Reset).for_text(&text(1)));
        faults.push(Step::status(500).store(true).for_text(&text(2)));
        faults.push(Step::fault(Fault::Stall).for_text(&text(3)));
    }
    server.script(faults);
    for round in 0..20 {
        let mut child = spawn(&server, &batch, &journal);
        std::thread::sleep(Duration::from_millis(30 + random.below(400)));
        child.kill().unwrap(); // SIGKILL
        let _ = child.wait();
        let doubled: Vec<_> = stored_texts(&server)
            .into_iter()
            .filter(|(_, n)| *n > 1)
            .collect();
        assert!(
            doubled.is_empty(),
            "round {round} (seed {seed}): stored twice: {doubled:?}"
        );
    }
    let mut last = None;
    for _ in 0..4 {
        let output = run(&server, &batch, &journal);
        println!(
            "resume: exit {:?}, {}",
            output.status.code(),
            text(&output.stdout).trim()
        );
        let done = output.status.code() == Some(0);
        last = Some(output);
        if done {
            break;
        }
    }
    let last = last.unwrap();
    println!("final run: {}", text(&last.stdout).trim());
    assert_eq!(
        last.status.code(),
        Some(0),
        "seed {seed}: {}",
        text(&last.stderr)
    );
    let counts = stored_texts(&server);
    assert_eq!(counts.len(), total, "seed {seed}: every item stored");
    assert!(counts.values().all(|&n| n == 1), "seed {seed}: none twice");
    // A run after completion sends nothing: everything is recorded.
    let again = run(&server, &batch, &journal);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        text(&again.stdout).starts_with(&format!("sent 0, skipped {total}")),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(server.stats().stored, total as u64);
}

#[test]
fn killed_while_a_resume_settles_an_open_window_nothing_is_sent_twice() {
    let scratch = Scratch::new("settling");
    let (batch, journal) = (scratch.path("batch.jsonl"), scratch.path("journal.jsonl"));
    let total = 600;
    batch_file(&batch, total);
    let server = MockServer::start().unwrap();
    // Killed once some are stored: the windows then open are begun, without outcomes.
    let mut child = spawn(&server, &batch, &journal);
    while server.stats().stored < 100 {
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    let _ = child.wait();
    // What was on the wire when it died is stored (or not) by now.
    std::thread::sleep(Duration::from_millis(200));
    let stored_before = server.stats().stored;
    // The resume reads case 28 back first; slow those reads and kill it while it does.
    let slow = Step {
        delay_ms: 300,
        for_path: Some("/crm/objects/case/28".into()),
        ..Step::default()
    };
    server.script(vec![slow; 4]);
    let reads_before = server.requests().len();
    let mut child = spawn(&server, &batch, &journal);
    std::thread::sleep(Duration::from_millis(450));
    child.kill().unwrap();
    let _ = child.wait();
    let settling: Vec<_> = server.requests()[reads_before..]
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect();
    assert!(
        settling
            .iter()
            .any(|(m, p)| m == "GET" && p.starts_with("/api/v1/crm/objects/case/28")),
        "the resume was settling: {settling:?}"
    );
    assert_eq!(
        server.stats().stored,
        stored_before,
        "nothing sent while settling"
    );
    let output = run(&server, &batch, &journal);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let counts = stored_texts(&server);
    assert_eq!(counts.len(), total, "every item stored");
    assert!(counts.values().all(|&n| n == 1), "none twice");
    assert!(
        text(&output.stdout).contains("failed 0"),
        "no window item is left unknown: {}",
        text(&output.stdout)
    );
}

#[test]
fn sigterm_stops_with_a_summary_and_the_resume_sends_exactly_the_rest() {
    let scratch = Scratch::new("sigterm");
    let (batch, journal) = (scratch.path("batch.jsonl"), scratch.path("journal.jsonl"));
    batch_file(&batch, 3_000);
    let server = MockServer::start().unwrap();
    server.script((0..3_000).map(|_| Step::default().delay_ms(2)));
    let child = spawn(&server, &batch, &journal);
    std::thread::sleep(Duration::from_millis(400));
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(143), "{}", text(&output.stderr));
    let summary = text(&output.stdout);
    assert!(
        summary.contains("(stopped: run again to send them)"),
        "{summary}"
    );
    let stored_first = server.stats().stored as usize;
    assert!(stored_first > 0 && stored_first < 3_000, "{stored_first}");
    assert!(
        summary.starts_with(&format!(
            "sent {stored_first}, failed 0, not sent {}",
            3_000 - stored_first
        )),
        "{summary}"
    );
    let resumed = run(&server, &batch, &journal);
    assert_eq!(resumed.status.code(), Some(0), "{}", text(&resumed.stderr));
    assert!(
        text(&resumed.stdout).starts_with(&format!(
            "sent {}, skipped {stored_first}",
            3_000 - stored_first
        )),
        "{}",
        text(&resumed.stdout)
    );
    let counts = stored_texts(&server);
    assert_eq!(counts.len(), 3_000);
    assert!(counts.values().all(|&n| n == 1));
}

#[test]
fn two_runs_of_one_journal_at_once_send_nothing_twice_and_one_is_refused() {
    let scratch = Scratch::new("two-runs");
    let (batch, journal) = (scratch.path("batch.jsonl"), scratch.path("journal.jsonl"));
    batch_file(&batch, 2_000);
    let server = MockServer::start().unwrap();
    // 2 ms per answer keeps the first run busy for a while (2,000 / 8 × 2 ms ≥ 0.5 s).
    server.script((0..2_000).map(|_| Step::default().delay_ms(2)));
    let first = spawn(&server, &batch, &journal);
    let second = spawn(&server, &batch, &journal);
    let outputs = [
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    ];
    let mut codes: Vec<_> = outputs.iter().map(|o| o.status.code()).collect();
    codes.sort();
    assert_eq!(codes, [Some(0), Some(11)], "exit codes");
    let refused = outputs
        .iter()
        .find(|o| o.status.code() == Some(11))
        .unwrap();
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains(&format!(
            "journal {} is in use by another run",
            journal.display()
        )) && stderr.contains("nothing was sent"),
        "{stderr}"
    );
    assert!(text(&refused.stdout).is_empty(), "no summary: nothing ran");
    let counts = stored_texts(&server);
    assert_eq!(counts.len(), 2_000);
    assert!(counts.values().all(|&n| n == 1), "none twice");
    // Once the first run has ended the journal is free again: a rerun skips everything.
    let again = run(&server, &batch, &journal);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert!(text(&again.stdout).starts_with("sent 0, skipped 2000"));
}

#[test]
fn a_journal_of_another_input_or_a_damaged_one_is_refused_before_sending() {
    let scratch = Scratch::new("refused");
    let (batch, journal) = (scratch.path("batch.jsonl"), scratch.path("journal.jsonl"));
    batch_file(&batch, 5);
    let server = MockServer::start().unwrap();
    assert_eq!(run(&server, &batch, &journal).status.code(), Some(0));
    batch_file(&batch, 6);
    let other = run(&server, &batch, &journal);
    assert_eq!(other.status.code(), Some(3));
    assert!(
        text(&other.stderr).contains("belongs to another input"),
        "{}",
        text(&other.stderr)
    );
    assert_eq!(server.stats().stored, 5);

    // A damaged line in the middle is refused; a torn last line is dropped.
    batch_file(&batch, 5);
    let good = std::fs::read_to_string(&journal).unwrap();
    let mut lines: Vec<&str> = good.lines().collect();
    lines[2] = "{not json";
    std::fs::write(&journal, lines.join("\n") + "\n").unwrap();
    let damaged = run(&server, &batch, &journal);
    assert!(
        text(&damaged.stderr).contains("is corrupt at line 3"),
        "{}",
        text(&damaged.stderr)
    );
    std::fs::write(&journal, format!("{good}{{\"i\":4,\"se")).unwrap();
    let torn = run(&server, &batch, &journal);
    assert_eq!(torn.status.code(), Some(0), "{}", text(&torn.stderr));
    assert!(
        text(&torn.stdout).starts_with("sent 0, skipped 5"),
        "{}",
        text(&torn.stdout)
    );
    assert_eq!(server.stats().stored, 5);

    // A journal that cannot be created.
    let nowhere = scratch.path("missing-dir/journal.jsonl");
    let unwritable = run(&server, &batch, &nowhere);
    assert_eq!(unwritable.status.code(), Some(3));
    assert!(
        text(&unwritable.stderr).contains("batch journal"),
        "{}",
        text(&unwritable.stderr)
    );
    assert_eq!(server.stats().stored, 5);
}

#[test]
fn a_journal_that_fills_up_mid_run_stops_the_batch_and_reports_only_what_is_recorded() {
    let scratch = Scratch::new("full");
    let (batch, journal) = (scratch.path("batch.jsonl"), scratch.path("journal.jsonl"));
    batch_file(&batch, 500);
    let server = MockServer::start().unwrap();
    // The shell limits the size of files the command writes (16 KiB) and ignores
    // SIGXFSZ, so journal writes fail with EFBIG part-way through the batch.
    let script = format!(
        "trap '' XFSZ; ulimit -f 16; exec '{}' send --batch '{}' --journal '{}' --concurrency 4",
        env!("CARGO_BIN_EXE_acquire"),
        batch.display(),
        journal.display()
    );
    let output = Command::new("bash")
        .args(["-c", &script])
        .env_clear()
        .env("ACQUIRE_API_KEY", "mock-key")
        .env("ACQUIRE_BASE_URL", server.url())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(8));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("batch journal") && stderr.contains("cannot be written"),
        "{stderr}"
    );
    let summary = text(&output.stdout);
    let sent: usize = summary
        .strip_prefix("sent ")
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let stored = server.stats().stored as usize;
    assert!(sent < 500 && sent <= stored, "{summary}");
    // Everything reported sent is in the journal; the rest resumes without doubles.
    let resumed = run(&server, &batch, &journal);
    assert_eq!(resumed.status.code(), Some(0), "{}", text(&resumed.stderr));
    let counts = stored_texts(&server);
    assert_eq!(counts.len(), 500);
    assert!(counts.values().all(|&n| n == 1));
}
