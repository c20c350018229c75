//! A batch that survives being stopped: the journal records every item, a stop flag (set
//! here after 20 items, as a signal handler would) ends the first run, and the second run
//! with the same journal sends only the rest. Then an uncertain send is settled.
//!
//! Run against the local server:
//! `ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT cargo run --example resume_batch`

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::SystemTime;

use acquire_core::{BatchOptions, Client, Error, ItemSource, SendMessage};

fn main() -> Result<(), Error> {
    let client = Client::from_env()?;
    let journal =
        std::env::temp_dir().join(format!("acquire-resume-{}.journal", std::process::id()));
    let messages: Vec<SendMessage> = (0..100)
        .map(|i| SendMessage::new(28, format!("Rust resume example, item {i}")))
        .collect();
    let items = || messages.iter().map(Ok::<_, Error>).collect::<Vec<_>>();
    let stop = Arc::new(AtomicBool::new(false));
    let options = BatchOptions {
        concurrency: 4,
        journal: Some(journal.clone()),
        stop: Some(stop.clone()),
        ..BatchOptions::default()
    };
    let done = AtomicUsize::new(0);
    let first = client.send_batch_items(items(), &options, |_, _| {
        if done.fetch_add(1, Ordering::SeqCst) + 1 == 20 {
            stop.store(true, Ordering::SeqCst); // what SIGTERM does in `acquire send --batch`
        }
    })?;
    let sent = first.iter().filter(|i| i.result.is_ok()).count();
    println!(
        "first run: {sent} sent, {} stopped before sending",
        first.len() - sent
    );

    let resume = BatchOptions {
        stop: None,
        ..options
    };
    let second = client.send_batch_items(items(), &resume, |_, _| {})?;
    let count = |source| second.iter().filter(|i| i.source == source).count();
    println!(
        "second run: {} skipped (recorded), {} sent",
        count(ItemSource::Recorded),
        count(ItemSource::Sent)
    );
    let _ = std::fs::remove_file(journal);

    let message = SendMessage::new(28, "Was this stored?");
    let started = SystemTime::now();
    client.send_message(&message)?;
    println!("settle: {}", client.settle(&message, started)?.as_str());
    Ok(())
}
