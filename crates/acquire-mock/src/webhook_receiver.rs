//! A local endpoint that receives webhooks, for testing code that sends them.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::Duration;

/// One POST the inbox received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedWebhook {
    /// The `x-acquire-signature` header (empty when absent).
    pub signature: String,
    /// The raw body.
    pub body: Vec<u8>,
}

/// An HTTP endpoint on 127.0.0.1 that answers each request with the next of the given
/// statuses (then 200) and hands what it received to [`WebhookReceiver::next`].
///
/// ```
/// use std::time::Duration;
/// use acquire_mock::WebhookReceiver;
///
/// let receiver = WebhookReceiver::start(vec![500])?; // the first delivery fails, the rest succeed
/// assert!(receiver.url().starts_with("http://127.0.0.1:"));
/// assert!(receiver.next(Duration::from_millis(10)).is_none());
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct WebhookReceiver {
    url: String,
    received: Receiver<ReceivedWebhook>,
}

impl WebhookReceiver {
    /// Starts the endpoint on a free port.
    pub fn start(statuses: Vec<u16>) -> io::Result<WebhookReceiver> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let url = format!("http://{}/webhooks", listener.local_addr()?);
        let (seen, received) = mpsc::channel();
        thread::spawn(move || {
            let mut statuses = statuses.into_iter();
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let Ok(webhook) = read(&stream) else { continue };
                let status = statuses.next().unwrap_or(200);
                let answer = format!(
                    "HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                );
                let _ = (&stream).write_all(answer.as_bytes());
                if seen.send(webhook).is_err() {
                    return;
                }
            }
        });
        Ok(WebhookReceiver { url, received })
    }

    /// The URL to send webhooks to.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The next request received, waiting up to `timeout`.
    pub fn next(&self, timeout: Duration) -> Option<ReceivedWebhook> {
        self.received.recv_timeout(timeout).ok()
    }
}

fn read(stream: &std::net::TcpStream) -> io::Result<ReceivedWebhook> {
    let mut reader = BufReader::new(stream);
    let (mut length, mut signature) = (0, String::new());
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            } else if name.eq_ignore_ascii_case("x-acquire-signature") {
                signature = value.trim().to_owned();
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(ReceivedWebhook { signature, body })
}
