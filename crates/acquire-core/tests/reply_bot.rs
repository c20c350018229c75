//! The loop of the reply-bot example: a customer's message → the signed webhook → the
//! bot → the agent's reply stored on the case; a failed first reply is redelivered.
//! (Runs `examples/reply_bot.rs`, built by `cargo build --examples`, as `make test` does.)

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use acquire_mock::{MockServer, Step, WebhookTarget};

const SECRET: &str = "bot-secret";

struct Bot {
    child: Child,
    url: String,
    /// Kept open: the bot prints what it does.
    _output: BufReader<ChildStdout>,
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The example's executable: `target/<profile>/examples/reply_bot`, which `cargo build
/// --examples` makes (`make test` runs it first; `cargo test` builds examples as tests).
fn example_binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let path = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples")
        .join(name);
    assert!(
        path.exists(),
        "build it first: cargo build --examples ({path:?})"
    );
    path
}

fn start_bot(server: &MockServer) -> Bot {
    let bot = example_binary("reply_bot");
    let mut child = Command::new(bot)
        .env("ACQUIRE_API_KEY", "mock-key")
        .env("ACQUIRE_BASE_URL", server.url())
        .env("ACQUIRE_WEBHOOK_SECRET", SECRET)
        .env_remove("ACQUIRE_ACCOUNT_ID")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    output.read_line(&mut line).unwrap();
    Bot {
        child,
        url: line.trim().to_owned(),
        _output: output,
    }
}

fn wait_for(mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_bot_answers_a_customer_and_a_failed_reply_is_redelivered() {
    let server = MockServer::start().unwrap();
    let bot = start_bot(&server);
    server.set_webhook(Some(WebhookTarget {
        url: bot.url.clone(),
        secret: SECRET.into(),
    }));
    // The bot's first reply is rate limited for an hour: not sent, so it answers 503.
    server.script([Step::status(429).header("retry-after", "3600")]);
    server.contact_message(28, "Where is my order?").unwrap();

    wait_for(|| server.messages().len() >= 2);
    let messages = server.messages();
    assert_eq!(messages.len(), 2, "{messages:?}");
    let reply = &messages[1];
    assert_eq!(reply["senderType"], "user");
    assert_eq!(reply["caseId"], 28);
    assert!(
        reply["message"]
            .as_str()
            .unwrap()
            .contains("Where is my order?")
    );

    wait_for(|| server.webhooks().iter().any(|d| d.status == Some(200)));
    let statuses: Vec<_> = server.webhooks().iter().map(|d| d.status).collect();
    assert_eq!(statuses, [Some(503), Some(200)]);
    let sends: Vec<_> = server
        .requests()
        .iter()
        .map(|r| (r.status, r.stored))
        .collect();
    assert_eq!(
        sends,
        [(Some(429), false), (Some(200), true)],
        "one reply, no duplicate"
    );
}

#[test]
fn the_bot_refuses_deliveries_signed_with_another_secret() {
    let server = MockServer::start().unwrap();
    let bot = start_bot(&server);
    server.set_webhook(Some(WebhookTarget {
        url: bot.url.clone(),
        secret: "not-the-bots-secret".into(),
    }));
    server.contact_message(28, "hello?").unwrap();
    wait_for(|| server.webhooks().len() >= 2);
    assert!(server.webhooks().iter().all(|d| d.status == Some(401)));
    assert_eq!(server.messages().len(), 1, "no reply to a forged delivery");
}
