//! `NativeClient`: a configured acquire-core client whose sends run on the client's own
//! threads (never the event loop, never libuv's pool), settling a promise when done.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

use acquire_core::{
    BatchItem, BatchOptions, ClientConfig, MailFields, Message, MessageParts, RequestOptions,
    SendMessage,
};
use napi::bindgen_prelude::{Function, Object};
use napi::threadsafe_function::ThreadsafeFunctionCallMode;
use napi::{Env, JsDeferred};
use napi_derive::napi;
use serde::Serialize;

use crate::failure::{no_panic, to_js};
use crate::stop::StopFlag;

/// Client settings; unset ones come from `ACQUIRE_*` environment variables or defaults.
#[napi(object)]
pub struct ClientOptions {
    /// The API key.
    pub api_key: Option<String>,
    /// The account id (`https://{id}.acquire.io`).
    pub account_id: Option<String>,
    /// A base URL instead of the account's host.
    pub base_url: Option<String>,
    /// Appended to the User-Agent.
    pub app_info: Option<String>,
    /// Time allowed for each phase after connecting, in ms.
    pub timeout_ms: Option<f64>,
    /// Time allowed to connect, in ms.
    pub connect_timeout_ms: Option<f64>,
    /// Deadline of one call, retries included, in ms.
    pub total_timeout_ms: Option<f64>,
    /// Retries of failures that surely did not deliver.
    pub max_retries: Option<i64>,
    /// Also retry failures that may have delivered.
    pub retry_possibly_delivered: Option<bool>,
    /// Settle uncertain sends by reading the case back.
    pub settle_uncertain: Option<bool>,
    /// Most sends at once on the client's own threads; the keep-alive pool's size.
    pub max_concurrency: Option<u32>,
    /// Give the events the request and response bodies (cut to 1,000 bytes).
    pub log_bodies: Option<bool>,
    /// The address e-mail messages are sent from.
    pub mail_from: Option<String>,
    /// The number SMS messages are sent from.
    pub sms_from: Option<String>,
}

/// One message to send (the API's field names; `extra` as JSON text; no case id for a send
/// whose case is looked up).
#[napi(object)]
pub struct SendInput {
    /// The case (conversation) id.
    pub case_id: Option<i64>,
    /// The text.
    pub message: String,
    #[napi(js_name = "type")]
    /// `message`, `note` or `event`.
    pub message_type: Option<String>,
    /// A language tag to translate into.
    pub translate_lang_key: Option<String>,
    /// The channel.
    pub channel: Option<String>,
    /// Send as this contact (the customer) instead of as the agent.
    pub as_contact_id: Option<i64>,
    /// Extra fields of the message object, as JSON text: `JSON.stringify` in the JS layer
    /// gives them JavaScript's JSON meaning (`toJSON`, `undefined` dropped, integers past
    /// 2³² kept whole), which napi's `serde_json::Value` conversion does not.
    pub extra_json: Option<String>,
    /// An e-mail's fields (channel `email`).
    pub mail: Option<MailInput>,
}

/// An e-mail's fields, every one optional.
#[napi(object)]
pub struct MailInput {
    /// Recipients (default: the case's contact's address).
    pub to: Option<Vec<String>>,
    /// The subject (default: the case's title).
    pub subject: Option<String>,
    /// The HTML body (default: the text, escaped).
    pub html_body: Option<String>,
    /// Copy to.
    pub cc: Option<Vec<String>>,
    /// Blind copy to.
    pub bcc: Option<Vec<String>>,
}

/// Per-call overrides of timeouts and retries.
#[napi(object)]
pub struct CallOptions {
    /// Time allowed for each phase after connecting, in ms.
    pub timeout_ms: Option<f64>,
    /// Time allowed to connect, in ms.
    pub connect_timeout_ms: Option<f64>,
    /// Deadline of one call, retries included, in ms.
    pub total_timeout_ms: Option<f64>,
    /// Retries of failures that surely did not deliver.
    pub max_retries: Option<i64>,
    /// Also retry failures that may have delivered.
    pub retry_possibly_delivered: Option<bool>,
    /// Settle uncertain sends by reading the case back.
    pub settle_uncertain: Option<bool>,
}

/// A configured client; share one per process.
#[napi]
pub struct NativeClient {
    pub(crate) inner: acquire_core::Client,
    /// The number of the last call begun, for the events' `call`.
    calls: AtomicU32,
}

fn build(
    options: ClientOptions,
    on_event: Option<acquire_core::EventHook>,
) -> Result<acquire_core::Client, acquire_core::Error> {
    let settings = CallOptions {
        timeout_ms: options.timeout_ms,
        connect_timeout_ms: options.connect_timeout_ms,
        total_timeout_ms: options.total_timeout_ms,
        max_retries: options.max_retries,
        retry_possibly_delivered: options.retry_possibly_delivered,
        settle_uncertain: options.settle_uncertain,
    };
    ClientConfig {
        api_key: options.api_key.map(Into::into),
        account_id: options.account_id,
        base_url: options.base_url,
        app_info: options.app_info,
        max_concurrency: options.max_concurrency.map(|max| max as usize),
        options: settings.to_options()?,
        on_event: on_event.map(|hook| hook.with_bodies(options.log_bodies.unwrap_or(false))),
        mail_from: options.mail_from,
        sms_from: options.sms_from,
    }
    .build()
}

impl CallOptions {
    /// As the core's options; bad durations are an invalid-configuration error naming the
    /// core's field, as in every front end.
    fn to_options(&self) -> Result<RequestOptions, acquire_core::Error> {
        Ok(RequestOptions {
            timeout: RequestOptions::millis("timeout", self.timeout_ms)?,
            connect_timeout: RequestOptions::millis("connectTimeout", self.connect_timeout_ms)?,
            total_timeout: RequestOptions::millis("totalTimeout", self.total_timeout_ms)?,
            max_retries: RequestOptions::retries(self.max_retries)?,
            retry_possibly_delivered: self.retry_possibly_delivered,
            settle_uncertain: self.settle_uncertain,
        })
    }
}

#[napi]
impl NativeClient {
    /// Builds a client; throws (message = error JSON) on a bad configuration. `on_event`
    /// gets every event of every call as JSON text, on the event loop.
    #[napi(constructor)]
    pub fn new(
        options: ClientOptions,
        on_event: Option<Function<'_, String, ()>>,
    ) -> napi::Result<Self> {
        let hook = on_event.map(crate::events::hook).transpose()?;
        no_panic(|| build(options, hook).map_err(|e| to_js(&e))).map(|inner| NativeClient {
            inner,
            calls: AtomicU32::new(0),
        })
    }

    /// The number of the call begun last: its events carry it as `call` (read right after
    /// the call, on the same tick).
    #[napi(getter)]
    pub fn last_call(&self) -> u32 {
        self.calls.load(Ordering::Relaxed)
    }

    /// The base URL requests go to.
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// Sends on one of the client's threads; resolves to `[the typed message as JSON text,
    /// the response body]`, rejects with an error whose message is the JSON of the error's
    /// fields.
    #[napi(ts_return_type = "Promise<[string, string]>")]
    pub fn send_message<'env>(
        &self,
        env: &'env Env,
        input: SendInput,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        let (deferred, promise) = env.create_deferred()?;
        let client = self.inner.clone();
        self.spawn(move || {
            let sent = no_panic(|| {
                let options = call_options(options.as_ref()).map_err(|e| to_js(&e))?;
                send(&client, input, &options).map_err(|e| to_js(&e))
            });
            resolve(deferred, sent);
        });
        Ok(promise)
    }

    /// Sends every input, `concurrency` at a time, on the client's threads; resolves to
    /// `[the JSON text of an array in input order, each item {"index", "source", "ok": true,
    /// "message"} or {"index", "source", "ok": false, "error": <error fields>}; then each
    /// item's response body ("" for a failure)]`. `on_progress(done)` runs on the event loop as items finish. `journal`
    /// makes the batch resumable; `stop` stops it.
    #[napi(ts_return_type = "Promise<string[]>")]
    #[allow(clippy::too_many_arguments)] // the JS call's own arguments, one each
    pub fn send_messages<'env>(
        &self,
        env: &'env Env,
        inputs: Vec<SendInput>,
        concurrency: u32,
        options: Option<CallOptions>,
        on_progress: Option<Function<'env, u32, ()>>,
        journal: Option<String>,
        stop: Option<&StopFlag>,
    ) -> napi::Result<Object<'env>> {
        let stop = stop.map(|s| s.flag.clone());
        let progress = on_progress
            .map(|f| {
                f.build_threadsafe_function::<u32>()
                    .callee_handled::<false>()
                    .weak::<true>()
                    .build()
            })
            .transpose()?;
        let (deferred, promise) = env.create_deferred()?;
        let client = self.inner.clone();
        self.spawn(move || {
            let results = no_panic(|| {
                let request = call_options(options.as_ref()).map_err(|e| to_js(&e))?;
                let encoded: Vec<OnceLock<Encoded>> =
                    inputs.iter().map(|_| OnceLock::new()).collect();
                let done = AtomicU32::new(0);
                // Each item is encoded by the thread that sent it, as it finishes.
                let report = |index: usize, item: &BatchItem| {
                    let _ = encoded[index].set(encode(item));
                    let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if let Some(progress) = &progress {
                        progress.call(finished, ThreadsafeFunctionCallMode::NonBlocking);
                    }
                };
                let items = inputs.into_iter().map(to_message).collect();
                let batch = BatchOptions {
                    concurrency: concurrency as usize,
                    request,
                    journal: journal.map(std::path::PathBuf::from),
                    stop,
                };
                client
                    .send_batch_items::<SendMessage>(items, &batch, report)
                    .map_err(|e| to_js(&e))?;
                Ok(batch_payload(encoded))
            });
            resolve(deferred, results);
        });
        Ok(promise)
    }
}

impl NativeClient {
    /// Runs `work` on the client's threads as the next numbered call.
    pub(crate) fn spawn(&self, work: impl FnOnce() + Send + 'static) {
        let call = self.calls.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
        self.inner.spawn(move || crate::events::in_call(call, work));
    }
}

/// How a promise is resolved on the JS thread: the strings it resolves with.
pub(crate) type Resolution = Box<dyn FnOnce(Env) -> napi::Result<Vec<String>>>;

/// Resolves the promise with the strings, or rejects it with the error.
pub(crate) fn resolve(
    deferred: JsDeferred<Vec<String>, Resolution>,
    outcome: napi::Result<Vec<String>>,
) {
    match outcome {
        Ok(strings) => deferred.resolve(Box::new(move |_| Ok(strings))),
        Err(err) => deferred.reject(err),
    }
}

pub(crate) fn call_options(
    options: Option<&CallOptions>,
) -> Result<RequestOptions, acquire_core::Error> {
    options.map_or(Ok(RequestOptions::default()), CallOptions::to_options)
}

/// The message into its case (none: the core's `caseId` check refuses it).
pub(crate) fn to_message(input: SendInput) -> Result<SendMessage, acquire_core::Error> {
    let case_id = input.case_id.unwrap_or(0);
    SendMessage::from_parts(case_id, to_parts(input)?)
}

/// The message's parts, without a case.
pub(crate) fn to_parts(input: SendInput) -> Result<MessageParts, acquire_core::Error> {
    crate::failure::panic_trigger(&input.message);
    Ok(MessageParts {
        text: input.message,
        message_type: input.message_type,
        translate_lang_key: input.translate_lang_key,
        channel: input.channel,
        as_contact_id: input.as_contact_id,
        extra: match input.extra_json {
            None => None,
            Some(text) => Some(serde_json::from_str(&text).map_err(|_| {
                acquire_core::Error::InvalidRequest {
                    field: "extra".into(),
                    reason: "must be a JSON object".into(),
                }
            })?),
        },
        mail: input
            .mail
            .map(|mail| MailFields {
                to: mail.to.unwrap_or_default(),
                subject: mail.subject,
                html_body: mail.html_body,
                cc: mail.cc.unwrap_or_default(),
                bcc: mail.bcc.unwrap_or_default(),
            })
            .unwrap_or_default(),
    })
}

/// One send: the typed message as JSON text and the response body. (The body travels as
/// its own string: inside the JSON it would be escaped here and unescaped by JS.)
fn send(
    client: &acquire_core::Client,
    input: SendInput,
    options: &RequestOptions,
) -> Result<Vec<String>, acquire_core::Error> {
    let sent = client.send_message_with(&to_message(input)?, options)?;
    let typed = serde_json::to_string(&sent).unwrap_or_default();
    Ok(vec![typed, sent.raw_json().unwrap_or_default().to_owned()])
}

/// A batch item as the JS layer reads it (JSON text), and its response body.
type Encoded = (String, String);

/// One batch item as the JS layer reads it: its index and source, and the message or the
/// error.
#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Sent {
        index: usize,
        source: &'static str,
        ok: bool,
        message: &'a Message,
    },
    Failed {
        index: usize,
        source: &'static str,
        ok: bool,
        error: Box<acquire_core::ErrorFields>,
    },
}

fn encode(item: &BatchItem) -> Encoded {
    let (index, source) = (item.index, item.source.as_str());
    let (item, raw) = match &item.result {
        Ok(message) => (
            Item::Sent {
                index,
                source,
                ok: true,
                message,
            },
            message.raw_json().unwrap_or_default(),
        ),
        Err(err) => (
            Item::Failed {
                index,
                source,
                ok: false,
                error: Box::new(err.fields()),
            },
            "",
        ),
    };
    (
        serde_json::to_string(&item).unwrap_or_default(),
        raw.to_owned(),
    )
}

/// `[the JSON array of the items, each item's body…]`.
fn batch_payload(encoded: Vec<OnceLock<Encoded>>) -> Vec<String> {
    let mut json = String::from("[");
    let mut payload = vec![String::new()];
    for (index, item) in encoded.into_iter().enumerate() {
        let (text, raw) = item.into_inner().unwrap_or_default();
        if index > 0 {
            json.push(',');
        }
        json.push_str(&text);
        payload.push(raw);
    }
    json.push(']');
    payload[0] = json;
    payload
}
