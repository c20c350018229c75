//! `settle` for Node: read an uncertain send back.

use std::time::{Duration, SystemTime};

use acquire_core::Settlement;
use napi::Env;
use napi::bindgen_prelude::Object;
use napi_derive::napi;
use serde_json::json;

use crate::client::{CallOptions, NativeClient, SendInput, to_message};

#[napi]
impl NativeClient {
    /// What reading the case back says about a send begun at `since_ms` (Unix ms):
    /// `{status, message, reason}`.
    #[napi(ts_return_type = "Promise<[string]>")]
    pub fn settle<'env>(
        &self,
        env: &'env Env,
        input: SendInput,
        since_ms: f64,
        options: Option<CallOptions>,
    ) -> napi::Result<Object<'env>> {
        self.run(env, options, move |c| {
            let message = to_message(input)?;
            let since =
                SystemTime::UNIX_EPOCH + Duration::from_secs_f64(since_ms.max(0.0) / 1000.0);
            let settled = c.settle(&message, since)?;
            Ok(match settled {
                Settlement::Delivered(stored) => json!({"status": "delivered", "message": stored}),
                Settlement::Unknown { reason } => json!({"status": "unknown", "reason": reason}),
                other => json!({"status": other.as_str()}),
            })
        })
    }
}
