//! The client's events (`acquire_core::Event`) handed to a JS function as JSON text, on the
//! event loop (a thread-safe function that does not keep the process alive), each with the
//! number of the JS call it belongs to.

use std::cell::Cell;

use acquire_core::{Event, EventHook};
use napi::bindgen_prelude::Function;
use napi::threadsafe_function::ThreadsafeFunctionCallMode;
use serde_json::{Value, json};

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

/// `{"event": "request" | "response" | "retry" | "finished", "call", ...}`; durations in ms.
fn to_json(event: &Event, call: u32) -> Value {
    let ms = |d: &std::time::Duration| d.as_secs_f64() * 1000.0;
    match event {
        Event::Request {
            method,
            path,
            case_id,
            attempt,
            body,
        } => with_body(
            json!({"event": "request", "call": call, "method": method, "path": path, "caseId": case_id, "attempt": attempt}),
            body,
        ),
        Event::Response {
            path,
            attempt,
            status,
            error,
            phase,
            elapsed,
            body,
        } => with_body(
            json!({"event": "response", "call": call, "path": path, "attempt": attempt, "status": status,
                   "error": error, "phase": phase, "elapsedMs": ms(elapsed)}),
            body,
        ),
        Event::Retry {
            path,
            attempt,
            delay,
            reason,
        } => {
            json!({"event": "retry", "call": call, "path": path, "attempt": attempt, "delayMs": ms(delay), "reason": reason})
        }
        Event::Finished {
            method,
            path,
            case_id,
            attempts,
            status,
            error,
            may_have_been_delivered,
            elapsed,
        } => {
            json!({"event": "finished", "call": call, "method": method, "path": path, "caseId": case_id,
                    "attempts": attempts, "status": status, "error": error,
                    "mayHaveBeenDelivered": may_have_been_delivered, "elapsedMs": ms(elapsed)})
        }
        _ => json!({"event": "other", "call": call}),
    }
}

/// Adds `"body"`, only when the client logs bodies (`logBodies: true`).
fn with_body(mut event: Value, body: &Option<String>) -> Value {
    if let Some(body) = body {
        event["body"] = Value::from(body.as_str());
    }
    event
}
