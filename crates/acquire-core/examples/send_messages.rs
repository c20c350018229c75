//! Sends one message into each of several cases at once and reports each result; one
//! case is closed, so its item fails without stopping the others.
//!
//! Run against the local server: `ACQUIRE_API_KEY=mock-key
//! ACQUIRE_BASE_URL=http://127.0.0.1:PORT cargo run --example send_messages`

use acquire_core::{Client, SendMessage};

fn main() -> Result<(), acquire_core::Error> {
    let client = Client::from_env()?;
    let messages: Vec<SendMessage> = [28, 29, 28]
        .into_iter()
        .enumerate()
        .map(|(i, case)| SendMessage::new(case, format!("Bulk message {i} from Rust")))
        .collect();
    for (message, result) in messages.iter().zip(client.send_messages(&messages, 8)) {
        match result {
            Ok(sent) => println!("case {}: sent message {}", message.case_id(), sent.id),
            Err(err) => println!(
                "case {}: failed ({}), may have been delivered: {}",
                message.case_id(),
                err.code(),
                err.may_have_been_delivered()
            ),
        }
    }
    Ok(())
}
