//! The client the connection flags and the environment describe (every command's).

use acquire_core::{Client, ClientConfig, Error, RequestOptions};

use crate::args::Connection;

/// The client the flags and the environment describe.
pub fn client(args: &Connection) -> Result<Client, Error> {
    ClientConfig {
        api_key: args.api_key.as_deref().map(Into::into),
        account_id: args.account_id.clone(),
        base_url: args.base_url.clone(),
        app_info: Some(concat!("acquire-cli/", env!("CARGO_PKG_VERSION")).to_owned()),
        max_concurrency: None,
        options: RequestOptions {
            timeout: RequestOptions::seconds("timeout", args.timeout)?,
            max_retries: args.retries,
            settle_uncertain: Some(args.settle),
            ..RequestOptions::default()
        },
    }
    .build()
}
