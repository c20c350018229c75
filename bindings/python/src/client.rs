//! `_native.Client`: a configured acquire-core client. Its sends run on the calling thread
//! without the GIL; `AsyncClient` runs them on the client's own threads through
//! `spawn_call` (read.rs), so an asyncio loop never waits on a thread pool it shares.

use acquire_core::{
    BatchItem, BatchOptions, ClientConfig, Error, MailFields, Message, MessageParts,
    RequestOptions, SendMessage,
};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::prelude::*;

use crate::stop::StopFlag;
use crate::{Failure, no_panic};

/// A configured client; cheap to share between threads.
#[pyclass(module = "acquire_io._native", frozen)]
pub struct Client {
    pub(crate) inner: acquire_core::Client,
}

/// Per-call overrides, as the Python layer passes them.
#[derive(FromPyObject, Default)]
#[pyo3(from_item_all)]
pub(crate) struct Overrides {
    timeout: Option<f64>,
    connect_timeout: Option<f64>,
    total_timeout: Option<f64>,
    max_retries: Option<i64>,
    retry_possibly_delivered: Option<bool>,
    settle_uncertain: Option<bool>,
}

/// A message as the Python layer passes it (`acquire_io._parts._Parts`, read by
/// attribute); no case id for a send whose case is looked up.
#[derive(FromPyObject)]
pub(crate) struct Parts {
    case_id: Option<i64>,
    text: String,
    #[pyo3(attribute("type"))]
    message_type: Option<String>,
    translate_lang_key: Option<String>,
    channel: Option<String>,
    as_contact_id: Option<i64>,
    extra: Option<crate::json::Json>,
    mail: Option<Mail>,
}

/// An e-mail's fields as the Python layer passes them (a dict of these keys).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
pub(crate) struct Mail {
    to: Option<Vec<String>>,
    subject: Option<String>,
    html_body: Option<String>,
    cc: Option<Vec<String>>,
    bcc: Option<Vec<String>>,
}

impl Parts {
    /// The message into its case.
    pub(crate) fn into_message(self) -> Result<SendMessage, Error> {
        let case_id = self.case_id.unwrap_or(0); // none: the core's caseId check refuses it
        SendMessage::from_parts(case_id, self.into_parts())
    }

    /// The message's parts, without a case.
    pub(crate) fn into_parts(self) -> MessageParts {
        crate::panic_trigger(&self.text);
        MessageParts {
            text: self.text,
            message_type: self.message_type,
            translate_lang_key: self.translate_lang_key,
            channel: self.channel,
            as_contact_id: self.as_contact_id,
            extra: self.extra.map(|json| json.0),
            mail: self.mail.map(Mail::into_fields).unwrap_or_default(),
        }
    }
}

impl Mail {
    fn into_fields(self) -> MailFields {
        MailFields {
            to: self.to.unwrap_or_default(),
            subject: self.subject,
            html_body: self.html_body,
            cc: self.cc.unwrap_or_default(),
            bcc: self.bcc.unwrap_or_default(),
        }
    }
}

/// A sent message as Python sees it.
type Sent = crate::models::Message;

fn sent(inner: Message) -> Sent {
    crate::models::Message { inner }
}

/// Sends one message (no GIL needed).
fn send_one(
    client: &acquire_core::Client,
    parts: Parts,
    options: Option<Overrides>,
) -> Result<Sent, Failure> {
    no_panic(|| {
        let message = parts.into_message()?;
        let options = options.unwrap_or_default().to_options()?;
        Ok(sent(client.send_message_with(&message, &options)?))
    })
}

/// Sends a batch (no GIL needed) and calls `progress(done, total)` (with the GIL) as items
/// finish; the outer error is a bad option, a journal that cannot be used, or a panic.
fn send_many(
    client: &acquire_core::Client,
    items: Vec<Parts>,
    concurrency: usize,
    options: Option<Overrides>,
    durable: Durable,
) -> Result<Vec<BatchItem>, Failure> {
    no_panic(|| {
        let batch = BatchOptions {
            concurrency,
            request: options.unwrap_or_default().to_options()?,
            journal: durable.journal.map(PathBuf::from),
            stop: durable.stop,
        };
        let total = items.len();
        let done = AtomicUsize::new(0);
        let progress = durable.progress;
        let report = |_: usize, _: &BatchItem| {
            let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
            if let Some(progress) = &progress {
                Python::attach(|py| {
                    if let Err(err) = progress.call1(py, (finished, total)) {
                        err.write_unraisable(py, Some(progress.bind(py)));
                    }
                });
            }
        };
        let items = items.into_iter().map(Parts::into_message).collect();
        client.send_batch_items::<SendMessage>(items, &batch, report)
    })
}

/// A batch's journal file, stop flag and progress callback.
struct Durable {
    journal: Option<String>,
    stop: Option<Arc<AtomicBool>>,
    progress: Option<Py<PyAny>>,
}

/// One item's outcome as the Python layer takes it: `(index, source, message, exception)`.
type Outcome<'py> = (usize, &'static str, Option<Sent>, Option<Bound<'py, PyAny>>);

/// The batch's outcomes, in input order.
fn outcomes(py: Python<'_>, items: Vec<BatchItem>) -> Vec<Outcome<'_>> {
    items
        .into_iter()
        .map(|item| {
            let source = item.source.as_str();
            match item.result {
                Ok(message) => (item.index, source, Some(sent(message)), None),
                Err(err) => {
                    let error = Failure(err).into_py(py).into_value(py).into_bound(py);
                    (item.index, source, None, Some(error.into_any()))
                }
            }
        })
        .collect()
}

/// Reports under way (threads that may hold the GIL), and whether the interpreter is
/// shutting down (then no thread may take the GIL again).
static REPORTING: AtomicUsize = AtomicUsize::new(0);
static SHUTTING_DOWN: AtomicBool = AtomicBool::new(false);

/// Calls `callback(ok, value)` with the GIL, on the current (SDK) thread; `outcome`
/// builds the pair. Skipped once the interpreter shuts down: nobody waits any more.
pub(crate) fn report(
    callback: Py<PyAny>,
    outcome: impl for<'py> FnOnce(Python<'py>) -> PyResult<(bool, Bound<'py, PyAny>)>,
) {
    REPORTING.fetch_add(1, Ordering::SeqCst);
    if !SHUTTING_DOWN.load(Ordering::SeqCst) {
        let _ = Python::try_attach(|py| {
            // The callback hands the outcome to an event loop; it fails only when that
            // loop is closed, and then nobody is waiting for the answer either.
            let _ = outcome(py).and_then(|pair| callback.call1(py, pair));
        });
    }
    REPORTING.fetch_sub(1, Ordering::SeqCst);
}

/// Registered with `atexit` by the Python layer: stops further reports and waits for
/// those under way, so that no SDK thread holds the GIL while the interpreter finalizes
/// (CPython aborts when one does).
#[pyfunction]
pub(crate) fn stop_reports(py: Python<'_>) {
    SHUTTING_DOWN.store(true, Ordering::SeqCst);
    py.detach(|| {
        while REPORTING.load(Ordering::SeqCst) > 0 {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    });
}

impl Overrides {
    /// As the core's options; bad durations are an `InvalidRequestError` naming the core's
    /// field, as in every front end.
    pub(crate) fn to_options(&self) -> Result<RequestOptions, acquire_core::Error> {
        Ok(RequestOptions {
            timeout: RequestOptions::seconds("timeout", self.timeout)?,
            connect_timeout: RequestOptions::seconds("connectTimeout", self.connect_timeout)?,
            total_timeout: RequestOptions::seconds("totalTimeout", self.total_timeout)?,
            max_retries: RequestOptions::retries(self.max_retries)?,
            retry_possibly_delivered: self.retry_possibly_delivered,
            settle_uncertain: self.settle_uncertain,
        })
    }
}

#[pymethods]
impl Client {
    /// Builds a client; unset values come from `ACQUIRE_*` environment variables or the
    /// core's defaults.
    #[new]
    #[pyo3(signature = (api_key=None, account_id=None, base_url=None, app_info=None, options=None, max_concurrency=None, on_event=None, log_bodies=false, mail_from=None, sms_from=None))]
    #[allow(clippy::too_many_arguments)] // one per Python keyword argument
    fn new(
        py: Python<'_>,
        api_key: Option<String>,
        account_id: Option<String>,
        base_url: Option<String>,
        app_info: Option<String>,
        options: Option<Overrides>,
        max_concurrency: Option<i64>,
        on_event: Option<Py<PyAny>>,
        log_bodies: bool,
        mail_from: Option<String>,
        sms_from: Option<String>,
    ) -> PyResult<Self> {
        let built = no_panic(|| {
            ClientConfig {
                api_key: api_key.map(Into::into),
                account_id,
                base_url,
                app_info,
                // Out-of-range values (negative too) fail the core's check.
                max_concurrency: max_concurrency.map(|max| usize::try_from(max).unwrap_or(0)),
                options: options.unwrap_or_default().to_options()?,
                on_event: on_event.map(|hook| crate::events::hook(hook).with_bodies(log_bodies)),
                mail_from,
                sms_from,
            }
            .build()
        });
        built
            .map(|inner| Client { inner })
            .map_err(|f| f.into_py(py))
    }

    /// The base URL requests go to.
    #[getter]
    fn base_url(&self) -> &str {
        self.inner.base_url()
    }

    /// Sends a message without holding the GIL; returns the stored message.
    #[pyo3(signature = (parts, options=None))]
    fn send_message(
        &self,
        py: Python<'_>,
        parts: Parts,
        options: Option<Overrides>,
    ) -> PyResult<Sent> {
        py.detach(|| send_one(&self.inner, parts, options))
            .map_err(|f| f.into_py(py))
    }

    /// Sends every message, `concurrency` at a time, without holding the GIL; returns each
    /// item's `(index, source, message, exception)`, in input order.
    #[pyo3(signature = (items, concurrency, options=None, journal=None, stop=None, on_progress=None))]
    #[allow(clippy::too_many_arguments)] // one per Python argument
    fn send_messages<'py>(
        &self,
        py: Python<'py>,
        items: Vec<Parts>,
        concurrency: usize,
        options: Option<Overrides>,
        journal: Option<String>,
        stop: Option<PyRef<'_, StopFlag>>,
        on_progress: Option<Py<PyAny>>,
    ) -> PyResult<Vec<Outcome<'py>>> {
        let durable = Durable {
            journal,
            stop: stop.map(|s| s.flag.clone()),
            progress: on_progress,
        };
        let items = py
            .detach(|| send_many(&self.inner, items, concurrency, options, durable))
            .map_err(|f| f.into_py(py))?;
        Ok(outcomes(py, items))
    }

    fn __repr__(&self) -> String {
        format!(
            "Client(base_url={:?}, api_key='***')",
            self.inner.base_url()
        )
    }
}
