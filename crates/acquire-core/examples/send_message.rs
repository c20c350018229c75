//! Sends a chat message, an internal note and a reply as the customer.
//!
//! Run against the local server (`acquire mock` prints its URL):
//! `ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT cargo run --example send_message`

use acquire_core::{Client, Error, MessageType, SendMessage};

fn main() -> Result<(), Error> {
    // ACQUIRE_API_KEY plus ACQUIRE_ACCOUNT_ID (or ACQUIRE_BASE_URL).
    let client = Client::from_env()?;

    let sent = client.send_message(&SendMessage::new(28, "Hello from Rust!"))?;
    let case = sent.case.as_ref().and_then(|c| c.status.as_deref());
    println!("message {} in case {} ({case:?})", sent.id, sent.case_id);

    let note = SendMessage::new(28, "VIP customer")
        .message_type(MessageType::Note)
        .translate_lang_key("fr");
    println!("note {}", client.send_message(&note)?.id);

    let reply = client.send_message(&SendMessage::new(28, "Thanks!").as_contact(5))?;
    println!("reply {} from {:?}", reply.id, reply.sender_type);

    match client.send_message(&SendMessage::new(99, "Anyone there?")) {
        Err(Error::Api(e)) => println!("case 99: {} {:?}", e.status, e.error_type),
        other => println!("case 99: {other:?}"),
    }
    Ok(())
}
