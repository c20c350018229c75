//! Property tests of the public entry points: random input never panics, and either makes
//! a well-formed request or a typed error before anything is sent.

use acquire_core::webhooks::{self, Event};
use acquire_core::{Client, Error, Message, MessageParts, SendMessage};
use proptest::prelude::*;
use serde_json::Value;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ a-zé\\n\"\\\\]{0,12}",
        Just("hello".to_owned())
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn messages_are_well_formed_or_invalid_requests(
        case_id in prop_oneof![Just(28i64), any::<i64>()],
        text in text(),
        kind in prop::option::of(prop_oneof![Just("note".to_owned()), text()]),
        lang in prop::option::of(prop_oneof![Just("pt-BR".to_owned()), text()]),
        channel in prop::option::of(text()),
        contact_id in prop::option::of(any::<i64>()),
        extra in prop::option::of(text()),
    ) {
        let parts = MessageParts {
            text, message_type: kind, translate_lang_key: lang, channel, as_contact_id: contact_id,
            extra: extra.map(|text| serde_json::from_str(&text).unwrap_or(Value::String(text))),
            ..MessageParts::default()
        };
        let built = SendMessage::from_parts(case_id, parts).and_then(|m| Ok((m.to_json()?, m.query())));
        match built {
            Ok((body, query)) => {
                let body: Value = serde_json::from_str(&body).unwrap();
                prop_assert!(body["caseId"].as_i64().is_some_and(|id| id > 0));
                prop_assert!(["message", "note", "event"].contains(&body["message"]["type"].as_str().unwrap()));
                prop_assert!(!body["message"]["message"].as_str().unwrap().trim().is_empty());
                prop_assert!(query == "-x-user-type=user" || query.starts_with("-x-user-type=contact&contactId="));
            }
            Err(Error::InvalidRequest { field, .. }) => prop_assert!(!field.is_empty()),
            Err(other) => prop_assert!(false, "unexpected {other:?}"),
        }
    }

    #[test]
    fn response_bodies_never_panic(body in prop_oneof![any::<String>(), "\\{\"data\": \\{\"id\": [0-9\"a-z]{0,4}, \"caseId\": [0-9]{0,3}\\}\\}"]) {
        match Message::from_response_body(&body) {
            Ok(message) => prop_assert_eq!(message.raw_json(), Some(body.as_str())),
            Err(err) => prop_assert_eq!(err.code(), "decode"),
        }
    }

    #[test]
    fn webhook_bodies_and_signatures_never_panic(body in any::<Vec<u8>>(), signature in any::<String>(), secret in any::<String>()) {
        let _ = Event::parse(&body);
        let _ = webhooks::verify(&body, &signature, &secret);
        let signed = webhooks::sign(&body, "s");
        prop_assert!(webhooks::verify(&body, &signed, "s").is_ok());
    }

    #[test]
    fn account_ids_and_base_urls_are_checked_without_traffic(value in any::<String>()) {
        for builder in [Client::builder().account_id(value.clone()), Client::builder().base_url(value.clone())] {
            match builder.api_key("k").build() {
                Ok(client) => prop_assert!(
                    client.base_url().starts_with("https://") || client.base_url().starts_with("http://")
                ),
                Err(err) => prop_assert_eq!(err.code(), "invalid_config"),
            }
        }
    }
}
