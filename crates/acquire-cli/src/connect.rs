//! The client the connection flags and the environment describe (every command's).

use acquire_core::{Client, ClientConfig, Error, Event, EventHook, RequestOptions};

use crate::args::Connection;

/// The client the flags and the environment describe.
pub fn client(args: &Connection) -> Result<Client, Error> {
    ClientConfig {
        api_key: args.api_key.as_deref().map(Into::into),
        account_id: args.account_id.clone(),
        base_url: args.base_url.clone(),
        app_info: Some(concat!("acquire-cli/", env!("CARGO_PKG_VERSION")).to_owned()),
        // ACQUIRE_MAIL_FROM and ACQUIRE_SMS_FROM (read by the builder) give these.
        mail_from: None,
        sms_from: None,
        max_concurrency: None,
        options: RequestOptions {
            timeout: RequestOptions::seconds("timeout", args.timeout)?,
            connect_timeout: RequestOptions::seconds("connectTimeout", args.connect_timeout)?,
            total_timeout: RequestOptions::seconds("totalTimeout", args.total_timeout)?,
            max_retries: args.retries,
            retry_possibly_delivered: Some(args.retry_possibly_delivered),
            settle_uncertain: Some(args.settle),
        },
        on_event: (args.verbose > 0).then(|| {
            let debug = args.verbose > 1;
            // -v: attempts, retries and the end of each call; -vv: each request too.
            EventHook::new(move |event| {
                if debug || !matches!(event, Event::Request { .. }) {
                    eprintln!("acquire: {}", event.summary());
                }
            })
        }),
    }
    .build()
}
