//! Answering a Send Message request: the scripted step, the real handling, the request log
//! entry, and the fault on the way out.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::BodyExt;
use http_body_util::channel::Channel;
use hyper::Response;
use hyper::body::Frame;
use hyper::header::{CONTENT_LENGTH, HeaderName, HeaderValue};
use serde_json::json;

use crate::faulty_io::ConnectionControl;
use crate::request_log::LoggedRequest;
use crate::script::{Fault, Step};
use crate::shared::{Body, ReceivedRequest, Shared, bytes_response};

/// Size of each piece of a dripped body.
const DRIP_PIECE: usize = 16;

/// What will be sent back, before any fault is applied.
struct Planned {
    status: u16,
    content_type: &'static str,
    body: Bytes,
}

/// Handles a Send Message request under the next scripted step.
pub(crate) async fn send(
    request: ReceivedRequest,
    shared: &Shared,
    control: &ConnectionControl,
) -> Response<Body> {
    let step = shared.next_step(&request.body);
    let store = step.stores();
    let outcome = shared.world().add_message(
        request.authorization.as_deref(),
        &request.query,
        &request.body,
        store,
    );
    let stored = store && outcome.is_ok();
    if let (true, Ok(answer)) = (stored, &outcome) {
        let message = &answer["data"];
        if message["senderType"] == "contact" {
            shared.notify(&crate::webhooks::message_event(&message["case"], message));
        }
    }
    respond(request, shared, control, step, outcome, stored).await
}

/// Handles a contact, case or message request under the next step aimed at its path. A
/// canned status replaces handling (nothing changes) unless the step says `store`.
pub(crate) async fn crm(
    request: ReceivedRequest,
    shared: &Shared,
    control: &ConnectionControl,
) -> Response<Body> {
    let path = request.path.trim_start_matches("/api/v1").to_owned();
    let step = shared.next_crm_step(&path);
    let handled = step.status.is_none() || step.store == Some(true);
    let outcome = if handled {
        shared.crm(&request, &path)
    } else {
        Ok(serde_json::Value::Null)
    };
    let writes = request.method == hyper::Method::POST && path != "/crm/contact/list";
    let stored = handled && writes && outcome.is_ok();
    respond(request, shared, control, step, outcome, stored).await
}

/// Answers with the step's canned status or the outcome, the step's fault applied, and
/// logs the request.
async fn respond(
    request: ReceivedRequest,
    shared: &Shared,
    control: &ConnectionControl,
    step: Step,
    outcome: Result<serde_json::Value, crate::rejection::Rejection>,
    stored: bool,
) -> Response<Body> {
    let mut planned = match (step.status, outcome) {
        (Some(status), _) => Planned {
            status,
            content_type: "application/json",
            body: step
                .body
                .clone()
                .map(Bytes::from)
                .unwrap_or_else(|| canned_error_body(status)),
        },
        (None, Ok(answer)) => Planned {
            status: 200,
            content_type: "application/json",
            body: answer.to_string().into(),
        },
        (None, Err(rejection)) => Planned {
            status: rejection.status,
            content_type: "application/json",
            body: rejection.body().into(),
        },
    };
    apply_body_fault(&step, &mut planned);
    let answered = !matches!(step.fault, Some(Fault::Stall | Fault::Close | Fault::Reset));
    let answer = answered.then(|| {
        (
            planned.status,
            String::from_utf8_lossy(&planned.body).into_owned(),
        )
    });
    log_request(&request, shared, answer, stored, step.fault);

    if step.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(step.delay_ms)).await;
    }
    match step.fault {
        Some(Fault::Stall) => std::future::pending().await,
        Some(Fault::Close) => {
            control.close_on_next_write();
            bytes_response(500, "text/plain", Bytes::new())
        }
        Some(Fault::Reset) => {
            control.reset_on_next_write();
            bytes_response(500, "text/plain", Bytes::new())
        }
        Some(Fault::Truncate) => {
            let half = planned.body.len() / 2;
            streamed(
                &step,
                planned,
                move |body| vec![body.slice(..half)],
                true,
                0,
            )
        }
        Some(Fault::Drip) => {
            let pieces = |body: Bytes| {
                (0..body.len())
                    .step_by(DRIP_PIECE)
                    .map(|i| body.slice(i..(i + DRIP_PIECE).min(body.len())))
                    .collect()
            };
            streamed(&step, planned, pieces, false, step.drip_ms.unwrap_or(100))
        }
        _ => with_headers(
            &step,
            bytes_response(planned.status, planned.content_type, planned.body),
        ),
    }
}

/// Journals a request that is answered without script or storage (404, 405).
pub(crate) fn log_plain(request: &ReceivedRequest, shared: &Shared, status: u16, body: &str) {
    log_request(
        request,
        shared,
        Some((status, body.to_owned())),
        false,
        None,
    );
}

/// Records a request with its answer (status and body; none when a fault sent none).
fn log_request(
    request: &ReceivedRequest,
    shared: &Shared,
    answer: Option<(u16, String)>,
    stored: bool,
    fault: Option<Fault>,
) {
    let (status, response) = answer.unzip();
    let path = if request.query.is_empty() {
        request.path.clone()
    } else {
        format!("{}?{}", request.path, request.query)
    };
    shared.record(LoggedRequest {
        connection: request.connection,
        method: request.method.to_string(),
        path,
        headers: request.headers.clone(),
        body: String::from_utf8_lossy(&request.body).into_owned(),
        time: crate::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        status,
        response,
        latency_us: request.received.elapsed().as_micros() as u64,
        stored,
        fault,
    });
}

/// The default body of a canned answer: `{"type": …, "message": …}` for error statuses.
fn canned_error_body(status: u16) -> Bytes {
    let error_type = match status {
        400 => Some("ERROR_INVALID_INPUT"),
        401 => Some("ERROR_UNAUTHORIZED"),
        403 => Some("ERROR_UNAUTHORIZED_ACCESS"),
        500 => Some("ERROR_SERVER_ERROR"),
        _ => None,
    };
    let reason = hyper::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Unknown");
    json!({"type": error_type, "message": reason})
        .to_string()
        .into()
}

/// Replaces the body for the faults that are about its content.
fn apply_body_fault(step: &Step, planned: &mut Planned) {
    match step.fault {
        Some(Fault::Html) => {
            planned.status = step.status.unwrap_or(502);
            planned.content_type = "text/html";
            let status = planned.status;
            planned.body = format!(
                "<html><head><title>{status} Bad Gateway</title></head><body><center><h1>{status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
            )
            .into();
        }
        Some(Fault::Empty) => planned.body = Bytes::new(),
        Some(Fault::InvalidUtf8) => {
            planned.status = step.status.unwrap_or(200);
            planned.body =
                Bytes::from_static(b"{\"data\":{\"id\":1,\"caseId\":28,\"message\":\"\xff\xfe\"}}");
        }
        Some(Fault::Large) => {
            planned.status = step.status.unwrap_or(200);
            let size = step.size_mib.unwrap_or(11) as usize * 1024 * 1024;
            let mut body = Vec::with_capacity(size + 16);
            body.extend_from_slice(b"{\"data\":\"");
            body.resize(size - 2, b'x');
            body.extend_from_slice(b"\"}");
            planned.body = body.into();
        }
        _ => {}
    }
}

/// A response whose body is sent in `pieces`, `gap_ms` apart, under the full
/// `Content-Length`; with `abort`, the connection is dropped after the last piece.
fn streamed(
    step: &Step,
    planned: Planned,
    pieces: impl FnOnce(Bytes) -> Vec<Bytes>,
    abort: bool,
    gap_ms: u64,
) -> Response<Body> {
    let length = planned.body.len();
    let pieces = pieces(planned.body);
    let (mut sender, channel) = Channel::<Bytes, std::io::Error>::new(1);
    tokio::spawn(async move {
        for piece in pieces {
            if gap_ms > 0 {
                tokio::time::sleep(Duration::from_millis(gap_ms)).await;
            }
            if sender.send(Frame::data(piece)).await.is_err() {
                return;
            }
        }
        if abort {
            sender.abort(std::io::ErrorKind::ConnectionAborted.into());
        }
    });
    let mut response = bytes_response(planned.status, planned.content_type, Bytes::new());
    *response.body_mut() = channel.boxed();
    response
        .headers_mut()
        .insert(CONTENT_LENGTH, HeaderValue::from(length));
    with_headers(step, response)
}

/// Adds the step's extra headers.
fn with_headers(step: &Step, mut response: Response<Body>) -> Response<Body> {
    for (name, value) in &step.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}
