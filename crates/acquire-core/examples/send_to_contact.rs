//! From a customer's e-mail address to their conversation: send, reopen a closed one,
//! list a contact's cases, and the typed errors of an ambiguous or unknown address.
//!
//! Run against the local server:
//! `ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT cargo run --example send_to_contact`

use acquire_core::{CaseQuery, Client, Error, FindCase};

fn main() -> Result<(), Error> {
    let client = Client::from_env()?;
    let sent = client.send_to_contact(&FindCase::email("ann@example.com"), "Your order shipped")?;
    println!("message {} in case {}", sent.id, sent.case_id);

    // Bob's only case is closed: the SDK reopens his thread as a new case.
    let found = client.find_case(&FindCase::email("bob@example.com"))?;
    println!(
        "bob: case {} ({}) in thread {:?}",
        found.case.id,
        found.source.as_str(),
        found.case.thread_id
    );

    for case in client.cases().list(&CaseQuery::new().contact(5))? {
        let case = case?;
        println!(
            "ann's case {} is {}",
            case.id,
            case.status.as_deref().unwrap_or("?")
        );
    }

    match client.send_to_contact(&FindCase::email("sam@example.com"), "Hi") {
        Err(Error::AmbiguousContact { contact_ids, .. }) => {
            println!("sam@example.com is shared by contacts {contact_ids:?}: pass one id");
        }
        other => println!("unexpected: {other:?}"),
    }
    let created = FindCase::email("new.customer@example.com").create(true);
    let welcome = client.send_to_contact(&created, "Welcome aboard!")?;
    println!(
        "new customer: message {} in new case {}",
        welcome.id, welcome.case_id
    );
    Ok(())
}
