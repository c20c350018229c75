//! The shared read-side vectors (tests/vectors/read-side.json): the docs' examples answer
//! each call; the request on the wire and the typed result or error are checked.

use std::path::PathBuf;

use acquire_core::{CaseQuery, Client, EditMessage, Error, Invite, NewContact, OpenCase, Snooze};
use acquire_mock::{MockServer, Step};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

fn int(args: &Value, name: &str) -> i64 {
    args[name].as_i64().unwrap()
}

/// Runs one named call and returns its result as the API's JSON names.
fn call(client: &Client, name: &str, args: &Value) -> Result<Value, Error> {
    Ok(match name {
        "contacts.find_by_email" => json(
            &client
                .contacts()
                .find_by_email(args["email"].as_str().unwrap())?,
        ),
        "contacts.list" => {
            let limit = args["limit"].as_u64().map(|l| l as u32);
            json(
                &client
                    .contacts()
                    .list(limit)?
                    .collect::<Result<Vec<_>, _>>()?,
            )
        }
        "contacts.get" => json(&client.contacts().get(int(args, "id"))?),
        "contacts.create" => {
            let new = NewContact::new()
                .email(args["email"].as_str().unwrap())
                .name(args["name"].as_str().unwrap());
            json(&client.contacts().create(&new)?)
        }
        "cases.list" => {
            let query = CaseQuery::new()
                .contact(int(args, "contactId"))
                .status(args["status"].as_str().unwrap())
                .limit(args["limit"].as_u64().unwrap() as u32);
            let take = args["take"].as_u64().unwrap() as usize;
            let items = client.cases().list(&query)?.take(take);
            json(&items.collect::<Result<Vec<_>, _>>()?)
        }
        "cases.get" => json(&client.cases().get(int(args, "id"))?),
        "cases.open" => {
            let mut open = OpenCase::new(int(args, "contactId"));
            if let Some(thread) = args["threadId"].as_i64() {
                open = open.thread(thread);
            }
            if let Some(text) = args["message"].as_str() {
                open = open.message(text);
            }
            json(&client.cases().open(&open)?)
        }
        "cases.close" => json(&client.cases().close(int(args, "id"))?),
        "messages.thread" => json(
            &client
                .messages()
                .thread(int(args, "threadId"), int(args, "contactId"))?,
        ),
        "messages.get" => json(&client.messages().get(int(args, "id"))?),
        "messages.update" => {
            let edit = EditMessage::from_fields(
                args["message"].as_str().unwrap().to_owned(),
                args["type"].as_str(),
                args["translateLangKey"].as_str().map(str::to_owned),
            )?;
            json(&client.messages().update(int(args, "id"), &edit)?)
        }
        "messages.delete" => {
            serde_json::json!({"deleted": client.messages().delete(int(args, "id"))?})
        }
        "contacts.update" => {
            let fields = args["fields"].as_object().unwrap();
            let update = fields.iter().fold(NewContact::new(), |c, (k, v)| {
                c.field(k.as_str(), v.as_str().unwrap())
            });
            json(&client.contacts().update(int(args, "id"), &update)?)
        }
        "cases.invite" => {
            let ids = |name: &str| -> Vec<i64> {
                let list = args[name].as_array().unwrap();
                list.iter().map(|v| v.as_i64().unwrap()).collect()
            };
            let invite =
                Invite::from_fields(int(args, "caseId"), ids("agentIds"), ids("departmentIds"));
            json(&client.cases().invite(&invite)?)
        }
        "cases.snooze" => {
            let snooze = Snooze::from_fields(
                int(args, "caseId"),
                args["until"].as_str().unwrap(),
                args["message"].as_str().map(str::to_owned),
            )?;
            json(&client.cases().snooze(&snooze)?)
        }
        other => panic!("unknown call {other}"),
    })
}

/// A result in the API's JSON names.
fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(value, |v, key| match (v, key.parse::<usize>()) {
            (Value::Array(items), Ok(i)) => items.get(i),
            _ => v.get(key),
        })
}

fn check(name: &str, path: &str, expected: &Value, actual: &Value) {
    let last = path.rsplit('.').next().unwrap();
    if last == "length" {
        let len = lookup(
            actual,
            path.trim_end_matches("length").trim_end_matches('.'),
        )
        .or(Some(actual).filter(|_| path == "length"))
        .and_then(Value::as_array)
        .map(Vec::len);
        assert_eq!(len.map(|l| l as u64), expected.as_u64(), "{name}: {path}");
        return;
    }
    let got = lookup(actual, path);
    let same = match (expected, got) {
        (Value::String(e), Some(Value::String(g)))
            if last.starts_with("date") || last == "until" =>
        {
            let parse = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
            parse(e) == parse(g)
        }
        (Value::Null, None) => true,
        (e, Some(g)) => e == g,
        _ => false,
    };
    assert!(same, "{name}: {path}: {got:?} != {expected}");
}

#[test]
fn docs_examples_and_faults_of_every_read_side_call() {
    let spec: Value = serde_json::from_str(
        &std::fs::read_to_string(vectors_dir().join("read-side.json")).unwrap(),
    )
    .unwrap();
    for case in spec["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let server = MockServer::start().unwrap();
        let client = Client::builder()
            .base_url(server.url())
            .api_key("mock-key")
            .max_retries(0)
            .build()
            .unwrap();
        let answer = &case["answer"];
        let body = match answer.get("bodyFile").and_then(Value::as_str) {
            Some(file) => std::fs::read_to_string(vectors_dir().join(file)).unwrap(),
            None => answer["body"].as_str().unwrap().to_owned(),
        };
        let path = case["request"]["path"].as_str().unwrap();
        let bare = path
            .trim_start_matches("/api/v1")
            .split('?')
            .next()
            .unwrap();
        server.script([Step::status(answer["status"].as_u64().unwrap() as u16)
            .body(&body)
            .for_path(bare)]);
        let result = call(&client, case["call"].as_str().unwrap(), &case["args"]);
        let journal = server.requests();
        assert_eq!(journal.len(), 1, "{name}: one request");
        assert_eq!(journal[0].method, case["request"]["method"], "{name}");
        assert_eq!(journal[0].path, path, "{name}");
        if let Some(expected) = case["request"]["body"].as_str() {
            assert_eq!(journal[0].body, expected, "{name}");
        }
        if let Some(file) = case["request"]["bodyFile"].as_str() {
            let expected = std::fs::read_to_string(vectors_dir().join(file)).unwrap();
            let expected: Value = serde_json::from_str(&expected).unwrap();
            let sent: Value = serde_json::from_str(&journal[0].body).unwrap();
            assert_eq!(sent, expected, "{name}: the docs' request");
        }
        match (&case["expect"]["result"], &case["expect"]["error"], result) {
            (Value::Object(fields), _, Ok(actual)) => {
                for (path, expected) in fields {
                    check(name, path, expected, &actual);
                }
            }
            (_, Value::Object(expected), Err(err)) => {
                assert_eq!(err.code(), expected["code"], "{name}: {err}");
                assert_eq!(
                    err.may_have_been_delivered(),
                    expected["mayHaveBeenDelivered"],
                    "{name}"
                );
                let fields = err.fields();
                assert_eq!(
                    fields.status.map(u64::from),
                    expected["status"].as_u64(),
                    "{name}"
                );
                if let Some(error_type) = expected.get("errorType") {
                    assert_eq!(fields.error_type.as_deref(), error_type.as_str(), "{name}");
                }
            }
            (_, _, other) => panic!("{name}: unexpected {other:?}"),
        }
    }
}

#[test]
fn every_invalid_docs_example_fails_to_parse_and_its_fixed_twin_parses() {
    let dir = vectors_dir().join("rest");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let Some(stem) = name.strip_suffix(".invalid.json") else {
            continue;
        };
        let invalid = std::fs::read_to_string(&path).unwrap();
        assert!(
            serde_json::from_str::<Value>(&invalid).is_err(),
            "{name} parses"
        );
        let fixed = std::fs::read_to_string(dir.join(format!("{stem}.fixed.json"))).unwrap();
        serde_json::from_str::<Value>(&fixed).unwrap_or_else(|e| panic!("{stem}.fixed.json: {e}"));
        checked += 1;
    }
    assert_eq!(checked, 3, "get-contact, invite-agent, snooze.request");
}
