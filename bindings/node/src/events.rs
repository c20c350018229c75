//! The client's events (`acquire_core::Event`) handed to a JS function as JSON text, on the
//! event loop (a thread-safe function that does not keep the process alive), each with the
//! number of the JS call it belongs to.

use std::cell::Cell;

use acquire_core::{Event, EventField, EventHook};
use napi::bindgen_prelude::Function;
use napi::threadsafe_function::ThreadsafeFunctionCallMode;
use serde_json::{Map, Value};

thread_local! {
    /// The JS call the current thread works for (0: none, e.g. a batch's sends).
    static CALL: Cell<u32> = const { Cell::new(0) };
}

/// Runs `work` as JS call number `call`: the events it causes carry that number.
pub(crate) fn in_call(call: u32, work: impl FnOnce()) {
    CALL.set(call);
    work();
    CALL.set(0);
}

/// A hook that queues each event, as JSON text, to `callback` on the event loop.
pub(crate) fn hook(callback: Function<'_, String, ()>) -> napi::Result<EventHook> {
    let queue = callback
        .build_threadsafe_function::<String>()
        .callee_handled::<false>()
        .weak::<true>()
        .build()?;
    Ok(EventHook::new(move |event| {
        queue.call(
            to_json(event, CALL.get()).to_string(),
            ThreadsafeFunctionCallMode::NonBlocking,
        );
    }))
}

/// `{"event": "request" | "response" | "retry" | "finished", "call", ...}` with the core's
/// field names in camelCase; durations in ms (`elapsedMs`, `delayMs`).
fn to_json(event: &Event, call: u32) -> Value {
    let mut object = Map::new();
    object.insert("event".into(), event.kind().into());
    object.insert("call".into(), call.into());
    object.insert("summary".into(), event.summary().into());
    for (name, field) in event.fields() {
        let (name, value) = match field {
            EventField::Text(text) => (camel(name), Value::from(text)),
            EventField::Number(number) => (camel(name), Value::from(number)),
            EventField::Flag(flag) => (camel(name), Value::from(flag)),
            EventField::Duration(took) => {
                (camel(name) + "Ms", Value::from(took.as_secs_f64() * 1000.0))
            }
            _ => (camel(name), Value::Null),
        };
        object.insert(name, value);
    }
    Value::Object(object)
}

/// `case_id` → `caseId`.
fn camel(name: &str) -> String {
    let mut parts = name.split('_');
    let mut out = parts.next().unwrap_or_default().to_owned();
    for part in parts {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}
