//! A reply bot: an HTTP endpoint for Acquire's webhooks that checks each delivery's
//! signature, reads the event, and answers a customer's new message in the same case.
//!
//! Run it against the local server (whose webhooks it receives):
//! `ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT
//! ACQUIRE_WEBHOOK_SECRET=s3cr3t cargo run --example reply_bot`, then point the server's
//! webhooks at the URL it prints first (`acquire mock --webhook-url URL --webhook-secret
//! s3cr3t`). `BOT_PORT` picks its port (default: a free one).
//!
//! Deliveries can repeat (Acquire retries until it gets a 200), so the bot answers each
//! message id once. When its reply surely did not reach Acquire it answers 503, and
//! Acquire delivers the webhook again.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};

use acquire_core::webhooks::{self, EventKind, SIGNATURE_HEADER};
use acquire_core::{Client, SendMessage};

/// The request's `x-acquire-signature` and body.
fn read_request(stream: &TcpStream) -> std::io::Result<(String, Vec<u8>)> {
    let mut reader = BufReader::new(stream);
    let (mut length, mut signature) = (0, String::new());
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                length = value.parse().unwrap_or(0);
            } else if name.eq_ignore_ascii_case(SIGNATURE_HEADER) {
                signature = value.to_owned();
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok((signature, body))
}

/// Handles one delivery; the HTTP status to answer.
fn handle(
    client: &Client,
    secret: &str,
    answered: &mut HashSet<i64>,
    signature: &str,
    body: &[u8],
) -> u16 {
    let event = match webhooks::construct_event(body, signature, secret) {
        Ok(event) => event,
        Err(err) => {
            eprintln!("refused a delivery: {err}");
            return 401;
        }
    };
    let (Some(case_id), Some(message)) = (event.case_id(), event.last_contact_message()) else {
        return 200; // nothing to answer
    };
    if event.kind() != EventKind::CaseMessageNew
        || message.id.is_some_and(|id| answered.contains(&id))
    {
        return 200;
    }
    let text = message.message.unwrap_or_default();
    let reply = SendMessage::new(
        case_id,
        format!("Thanks! We got your message: \"{text}\". An agent will follow up shortly."),
    );
    match client.send_message(&reply) {
        Ok(sent) => {
            println!("case {case_id}: replied with message {}", sent.id);
            answered.extend(message.id);
            200
        }
        // It may have been posted: do not ask for a redelivery that could post it twice.
        Err(err) if err.may_have_been_delivered() => {
            eprintln!("case {case_id}: {err} (may have been delivered; not retried)");
            answered.extend(message.id);
            200
        }
        Err(err) => {
            eprintln!("case {case_id}: {err}; asking Acquire to deliver the webhook again");
            503
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let secret = std::env::var("ACQUIRE_WEBHOOK_SECRET")?;
    let port: u16 = std::env::var("BOT_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    println!("http://{}/acquire-webhooks", listener.local_addr()?);
    let mut answered = HashSet::new();
    for stream in listener.incoming() {
        let mut stream = stream?;
        let Ok((signature, body)) = read_request(&stream) else {
            continue;
        };
        let status = handle(&client, &secret, &mut answered, &signature, &body);
        let response =
            format!("HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        let _ = stream.write_all(response.as_bytes());
    }
    Ok(())
}
