//! What the unit tests share: reading the field an error names, a builder with a key.

use crate::{Client, ClientBuilder, Error};

/// The field of an `InvalidRequest`; any other error fails the test.
pub(crate) fn field_of(err: Error) -> String {
    match err {
        Error::InvalidRequest { field, .. } => field,
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

/// The field of an `InvalidConfig` a build failed with; anything else fails the test.
pub(crate) fn config_field(result: Result<Client, Error>) -> String {
    match result {
        Err(Error::InvalidConfig { field, .. }) => field,
        other => panic!("expected InvalidConfig, got {other:?}"),
    }
}

/// A builder with an API key and nothing else.
pub(crate) fn builder() -> ClientBuilder {
    ClientBuilder::new().api_key("k")
}
