//! `NativeClient`: a configured acquire-core client whose sends run off the event loop.

use std::time::Duration;

use acquire_core::{ClientBuilder, Message, MessageType, RequestOptions, SendMessage};
use napi::bindgen_prelude::AsyncTask;
use napi::{Env, Task};
use napi_derive::napi;
use serde::Serialize;

use crate::failure::{no_panic, to_js};

/// Client settings; unset ones come from `ACQUIRE_*` environment variables or defaults.
#[napi(object)]
pub struct ClientOptions {
    pub api_key: Option<String>,
    pub account_id: Option<String>,
    pub base_url: Option<String>,
    pub app_info: Option<String>,
    pub timeout_ms: Option<f64>,
    pub connect_timeout_ms: Option<f64>,
    pub total_timeout_ms: Option<f64>,
    pub max_retries: Option<u32>,
    pub retry_possibly_delivered: Option<bool>,
}

/// One message to send (the API's field names; `extra` as JSON text).
#[napi(object)]
pub struct SendInput {
    pub case_id: i64,
    pub message: String,
    #[napi(js_name = "type")]
    pub message_type: Option<String>,
    pub translate_lang_key: Option<String>,
    pub channel: Option<String>,
    pub contact_id: Option<i64>,
    pub extra_json: Option<String>,
}

/// Per-call overrides of timeouts and retries.
#[napi(object)]
pub struct CallOptions {
    pub timeout_ms: Option<f64>,
    pub connect_timeout_ms: Option<f64>,
    pub total_timeout_ms: Option<f64>,
    pub max_retries: Option<u32>,
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
    if let Some(t) = millis("timeoutMs", options.timeout_ms)? {
        builder = builder.timeout(t);
    }
    if let Some(t) = millis("connectTimeoutMs", options.connect_timeout_ms)? {
        builder = builder.connect_timeout(t);
    }
    if let Some(t) = millis("totalTimeoutMs", options.total_timeout_ms)? {
        builder = builder.total_timeout(t);
    }
    if let Some(n) = options.max_retries {
        builder = builder.max_retries(n);
    }
    if let Some(r) = options.retry_possibly_delivered {
        builder = builder.retry_possibly_delivered(r);
    }
    builder.build()
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
        let mut message = SendMessage::new(input.case_id, input.message);
        if let Some(kind) = input.message_type {
            message = message.message_type(kind.parse::<MessageType>()?);
        }
        if let Some(lang) = input.translate_lang_key {
            message = message.translate_to(lang);
        }
        if let Some(channel) = input.channel {
            message = message.channel(channel);
        }
        if let Some(contact) = input.contact_id {
            message = message.as_contact(contact);
        }
        if let Some(extra) = input.extra_json {
            let Ok(serde_json::Value::Object(map)) = serde_json::from_str(&extra) else {
                return Err(acquire_core::Error::InvalidRequest {
                    field: "extra".into(),
                    reason: "must be a JSON object".into(),
                });
            };
            for (k, v) in map {
                message = message.extra(k, v);
            }
        }
        let request = match &self.options {
            Some(o) => RequestOptions {
                timeout: millis("timeoutMs", o.timeout_ms)?,
                connect_timeout: millis("connectTimeoutMs", o.connect_timeout_ms)?,
                total_timeout: millis("totalTimeoutMs", o.total_timeout_ms)?,
                max_retries: o.max_retries,
                retry_possibly_delivered: o.retry_possibly_delivered,
            },
            None => RequestOptions::default(),
        };
        let sent = self.client.send_message_with(&message, &request)?;
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
