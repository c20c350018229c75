//! The client's events (`acquire_core::Event`) handed to a JS function as JSON text, on the
//! event loop (a thread-safe function that does not keep the process alive).

use acquire_core::{Event, EventHook};
use napi::bindgen_prelude::Function;
use napi::threadsafe_function::ThreadsafeFunctionCallMode;
use serde_json::{Value, json};

/// A hook that queues each event, as JSON text, to `callback` on the event loop.
pub(crate) fn hook(callback: Function<'_, String, ()>) -> napi::Result<EventHook> {
    let queue = callback
        .build_threadsafe_function::<String>()
        .callee_handled::<false>()
        .weak::<true>()
        .build()?;
    Ok(EventHook::new(move |event| {
        queue.call(
            to_json(event).to_string(),
            ThreadsafeFunctionCallMode::NonBlocking,
        );
    }))
}

/// `{"event": "request" | "response" | "retry" | "finished", ...}`; durations in ms.
fn to_json(event: &Event) -> Value {
    let ms = |d: &std::time::Duration| d.as_secs_f64() * 1000.0;
    match event {
        Event::Request {
            method,
            path,
            case_id,
            attempt,
        } => {
            json!({"event": "request", "method": method, "path": path, "caseId": case_id, "attempt": attempt})
        }
        Event::Response {
            path,
            attempt,
            status,
            error,
            phase,
            elapsed,
        } => json!({"event": "response", "path": path, "attempt": attempt, "status": status,
                    "error": error, "phase": phase, "elapsedMs": ms(elapsed)}),
        Event::Retry {
            path,
            attempt,
            delay,
            reason,
        } => {
            json!({"event": "retry", "path": path, "attempt": attempt, "delayMs": ms(delay), "reason": reason})
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
        } => json!({"event": "finished", "method": method, "path": path, "caseId": case_id,
                    "attempts": attempts, "status": status, "error": error,
                    "mayHaveBeenDelivered": may_have_been_delivered, "elapsedMs": ms(elapsed)}),
        _ => json!({"event": "other"}),
    }
}
