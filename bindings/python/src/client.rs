//! `_native.Client`: a configured acquire-core client.

use acquire_core::{ClientBuilder, MessageParts, RequestOptions, SendMessage};
use pyo3::prelude::*;

use crate::convert::seconds;
use crate::{Failure, no_panic};

/// A configured client; cheap to share between threads.
#[pyclass(module = "acquire_io._native", frozen)]
pub struct Client {
    inner: acquire_core::Client,
}

/// Per-call overrides, as the Python layer passes them.
#[derive(FromPyObject, Default)]
#[pyo3(from_item_all)]
struct Overrides {
    timeout: Option<f64>,
    connect_timeout: Option<f64>,
    total_timeout: Option<f64>,
    max_retries: Option<u32>,
    retry_possibly_delivered: Option<bool>,
}

impl Overrides {
    /// As the core's options; bad durations are an `InvalidRequestError`.
    fn to_options(&self) -> Result<RequestOptions, acquire_core::Error> {
        Ok(RequestOptions {
            timeout: seconds("timeout", self.timeout)?,
            connect_timeout: seconds("connect_timeout", self.connect_timeout)?,
            total_timeout: seconds("total_timeout", self.total_timeout)?,
            max_retries: self.max_retries,
            retry_possibly_delivered: self.retry_possibly_delivered,
        })
    }
}

#[pymethods]
impl Client {
    /// Builds a client; unset values come from `ACQUIRE_*` environment variables or the
    /// core's defaults.
    #[new]
    #[pyo3(signature = (api_key=None, account_id=None, base_url=None, app_info=None, options=None))]
    fn new(
        py: Python<'_>,
        api_key: Option<String>,
        account_id: Option<String>,
        base_url: Option<String>,
        app_info: Option<String>,
        options: Option<Overrides>,
    ) -> PyResult<Self> {
        let built = no_panic(|| {
            let mut builder = ClientBuilder::from_env();
            if let Some(key) = api_key {
                builder = builder.api_key(key);
            }
            if let Some(account) = account_id {
                builder = builder.account_id(account);
            }
            if let Some(url) = base_url {
                builder = builder.base_url(url);
            }
            if let Some(app) = app_info {
                builder = builder.app_info(app);
            }
            let options = options.unwrap_or_default().to_options()?;
            builder.options(&options).build()
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

    /// Sends a message without holding the GIL; returns `(the typed message as JSON text
    /// with the API's field names, the raw response body)`.
    #[pyo3(signature = (case_id, text, message_type=None, translate_lang_key=None, channel=None, contact_id=None, extra_json=None, options=None))]
    #[allow(clippy::too_many_arguments)]
    fn send_message(
        &self,
        py: Python<'_>,
        case_id: i64,
        text: String,
        message_type: Option<String>,
        translate_lang_key: Option<String>,
        channel: Option<String>,
        contact_id: Option<i64>,
        extra_json: Option<String>,
        options: Option<Overrides>,
    ) -> PyResult<(String, String)> {
        let client = &self.inner;
        let parts = MessageParts {
            case_id,
            text,
            message_type,
            translate_lang_key,
            channel,
            contact_id,
            extra_json,
        };
        let result = py.detach(|| {
            no_panic(|| {
                let message = SendMessage::from_parts(parts)?;
                let options = options.unwrap_or_default().to_options()?;
                let sent = client.send_message_with(&message, &options)?;
                let typed = serde_json::to_string(&sent).unwrap_or_default();
                Ok((typed, sent.raw_json().unwrap_or_default().to_owned()))
            })
        });
        result.map_err(|f: Failure| f.into_py(py))
    }

    fn __repr__(&self) -> String {
        format!(
            "Client(base_url={:?}, api_key='***')",
            self.inner.base_url()
        )
    }
}
