//! `NativeClient`: a configured acquire-core client whose sends run off the event loop.

use std::time::Duration;

use acquire_core::{ClientBuilder, Message, MessageParts, RequestOptions, SendMessage};
use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Task};
use napi_derive::napi;
use serde::Serialize;

use crate::failure::{no_panic, to_js};

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
    pub max_retries: Option<u32>,
    /// Also retry failures that may have delivered.
    pub retry_possibly_delivered: Option<bool>,
}

/// One message to send (the API's field names; `extra` as JSON text).
#[napi(object)]
pub struct SendInput {
    /// The case (conversation) id.
    pub case_id: i64,
    /// The text.
    pub message: String,
    #[napi(js_name = "type")]
    /// `message`, `note` or `event`.
    pub message_type: Option<String>,
    /// A language tag to translate into.
    pub translate_lang_key: Option<String>,
    /// The channel.
    pub channel: Option<String>,
    /// Send as this contact instead of as the agent.
    pub contact_id: Option<i64>,
    /// Extra fields of the message object, as JSON text.
    pub extra_json: Option<String>,
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
    pub max_retries: Option<u32>,
    /// Also retry failures that may have delivered.
    pub retry_possibly_delivered: Option<bool>,
}

/// A configured client; share one per process.
#[napi]
pub struct NativeClient {
    inner: acquire_core::Client,
}

fn millis(field: &str, value: Option<f64>) -> Result<Option<Duration>, acquire_core::Error> {
    value
        .map(|ms| {
            Duration::try_from_secs_f64(ms / 1000.0).map_err(|_| {
                acquire_core::Error::InvalidConfig {
                    field: field.to_owned(),
                    reason: "must be a positive number of milliseconds".to_owned(),
                }
            })
        })
        .transpose()
}

fn build(options: ClientOptions) -> Result<acquire_core::Client, acquire_core::Error> {
    let mut builder = ClientBuilder::from_env();
    if let Some(key) = options.api_key {
        builder = builder.api_key(key);
    }
    if let Some(account) = options.account_id {
        builder = builder.account_id(account);
    }
    if let Some(url) = options.base_url {
        builder = builder.base_url(url);
    }
    if let Some(app) = options.app_info {
        builder = builder.app_info(app);
    }
    let settings = CallOptions {
        timeout_ms: options.timeout_ms,
        connect_timeout_ms: options.connect_timeout_ms,
        total_timeout_ms: options.total_timeout_ms,
        max_retries: options.max_retries,
        retry_possibly_delivered: options.retry_possibly_delivered,
    };
    builder.options(&settings.to_options()?).build()
}

impl CallOptions {
    /// As the core's options; bad durations are an invalid-configuration error.
    fn to_options(&self) -> Result<RequestOptions, acquire_core::Error> {
        Ok(RequestOptions {
            timeout: millis("timeoutMs", self.timeout_ms)?,
            connect_timeout: millis("connectTimeoutMs", self.connect_timeout_ms)?,
            total_timeout: millis("totalTimeoutMs", self.total_timeout_ms)?,
            max_retries: self.max_retries,
            retry_possibly_delivered: self.retry_possibly_delivered,
        })
    }
}

#[napi]
impl NativeClient {
    /// Builds a client; throws (message = error JSON) on a bad configuration.
    #[napi(constructor)]
    pub fn new(options: ClientOptions) -> napi::Result<Self> {
        no_panic(|| build(options).map_err(|e| to_js(&e))).map(|inner| NativeClient { inner })
    }

    /// The base URL requests go to.
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// Sends on libuv's thread pool; resolves to the JSON text
    /// `{"message": <typed message>, "raw": <response body>}`.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn send_message(
        &self,
        input: SendInput,
        options: Option<CallOptions>,
    ) -> AsyncTask<SendTask> {
        AsyncTask::new(SendTask {
            client: self.inner.clone(),
            input: Some(input),
            options,
        })
    }
}

/// One send, run by `compute` on a pool thread.
pub struct SendTask {
    client: acquire_core::Client,
    input: Option<SendInput>,
    options: Option<CallOptions>,
}

#[derive(Serialize)]
struct Sent<'a> {
    message: &'a Message,
    raw: &'a str,
}

impl SendTask {
    fn send(&mut self) -> Result<String, acquire_core::Error> {
        let input = self.input.take().expect("a task computes once");
        let message = SendMessage::from_parts(MessageParts {
            case_id: input.case_id,
            text: input.message,
            message_type: input.message_type,
            translate_lang_key: input.translate_lang_key,
            channel: input.channel,
            contact_id: input.contact_id,
            extra_json: input.extra_json,
        })?;
        let options = match &self.options {
            Some(options) => options.to_options()?,
            None => RequestOptions::default(),
        };
        let sent = self.client.send_message_with(&message, &options)?;
        let raw = sent.raw_json().unwrap_or_default();
        Ok(serde_json::to_string(&Sent {
            message: &sent,
            raw,
        })
        .unwrap_or_default())
    }
}

impl Task for SendTask {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> napi::Result<String> {
        no_panic(|| self.send().map_err(|e| to_js(&e)))
    }

    fn resolve(&mut self, _env: Env, output: String) -> napi::Result<String> {
        Ok(output)
    }
}
