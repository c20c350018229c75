//! A request the SDK does not model yet, with the client's auth, retries, errors and
//! events: [`Client::raw_request`] (as Stripe's `raw_request` and Stainless SDKs'
//! `client.post` do).

use serde_json::Value;

use crate::call::{Call, Method};
use crate::error::Effect;
use crate::query::encode;
use crate::{Client, Error, RequestOptions, response};

/// A request to any path below `/api/v1`, for [`Client::raw_request`].
///
/// ```
/// use acquire_core::RawRequest;
///
/// let read = RawRequest::new("GET", "/crm/objects/case/28").query("relations", "messages");
/// assert_eq!(read.target().unwrap(), "/crm/objects/case/28?relations=messages");
/// assert!(RawRequest::new("GET", "https://elsewhere.example/x").target().is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RawRequest {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Value>,
    idempotent: bool,
}

impl RawRequest {
    /// `GET`, `POST`, `PUT` or `DELETE` to `path` (below `/api/v1`, starting with `/`).
    pub fn new(method: impl Into<String>, path: impl Into<String>) -> Self {
        RawRequest {
            method: method.into(),
            path: path.into(),
            query: Vec::new(),
            body: None,
            idempotent: false,
        }
    }

    /// From plain values, as a language binding or command line takes them: the query as
    /// `(name, value)` pairs, the body as JSON text (else `InvalidRequest` naming `body`).
    pub fn from_fields(
        method: String,
        path: String,
        query: Vec<(String, String)>,
        body_json: Option<&str>,
        idempotent: bool,
    ) -> Result<Self, Error> {
        let body = body_json
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| Error::invalid_request("body", format!("must be JSON: {e}")))?;
        Ok(RawRequest {
            method,
            path,
            query,
            body,
            idempotent,
        })
    }

    /// Adds a query parameter (percent-encoded when sent; repeat a name for several).
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// The JSON body (for `POST` and `PUT`).
    pub fn body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Marks a `POST`/`PUT`/`DELETE` as safe to repeat, so every retryable failure is
    /// retried; otherwise a write is retried only when it surely did not reach Acquire.
    /// A `GET` is always idempotent.
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    fn method(&self) -> Result<Method, Error> {
        match self.method.to_ascii_uppercase().as_str() {
            "GET" => Ok(Method::Get),
            "POST" => Ok(Method::Post),
            "PUT" => Ok(Method::Put),
            "DELETE" => Ok(Method::Delete),
            _ => Err(Error::invalid_request(
                "method",
                "must be GET, POST, PUT or DELETE",
            )),
        }
    }

    /// The path with its query, as sent below `/api/v1`; a path that is not below it (a
    /// URL, `..`, no leading `/`) is refused, so the key never goes anywhere else.
    pub fn target(&self) -> Result<String, Error> {
        let path = &self.path;
        let safe = path.starts_with('/')
            && !path.starts_with("//")
            && !path.contains(['?', '#', '\\'])
            && !path.split('/').any(|segment| segment == "..")
            && !path.chars().any(char::is_whitespace);
        if !safe {
            return Err(Error::invalid_request(
                "path",
                "must be a path below /api/v1 such as /crm/objects/case/28 (no URL, query or `..`)",
            ));
        }
        let query: Vec<String> = self
            .query
            .iter()
            .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
            .collect();
        Ok(if query.is_empty() {
            path.clone()
        } else {
            format!("{path}?{}", query.join("&"))
        })
    }

    fn call(&self) -> Result<Call, Error> {
        let method = self.method()?;
        let target = self.target()?;
        let body = match (&self.body, method) {
            (Some(_), Method::Get | Method::Delete) => {
                return Err(Error::invalid_request(
                    "body",
                    "is sent with POST or PUT only",
                ));
            }
            (body, _) => body.as_ref().map(Value::to_string),
        };
        let effect = if method == Method::Get {
            Effect::Read
        } else {
            Effect::Write
        };
        Ok(Call::new(method, target, body, effect).idempotent_if(self.idempotent))
    }
}

impl Client {
    /// Sends a request the SDK does not model yet, with this client's key, timeouts,
    /// retries (a write is retried only when it surely did not reach Acquire, unless
    /// [`RawRequest::idempotent`]), typed errors and events; answers the response's JSON
    /// as it came (`{"data": …}`).
    ///
    /// ```no_run
    /// # use acquire_core::{Client, RawRequest};
    /// # let client = Client::from_env()?;
    /// let answer = client.raw_request(&RawRequest::new("GET", "/crm/objects/case/28"))?;
    /// println!("{}", answer["data"]["status"]);
    /// # Ok::<(), acquire_core::Error>(())
    /// ```
    pub fn raw_request(&self, request: &RawRequest) -> Result<Value, Error> {
        let call = request.call()?;
        self.execute(&call, &RequestOptions::default(), |status, bytes| {
            response::decode_json(status, bytes, call.effect)
        })
    }
}
