//! Conversions of Python arguments into the core's types.

use std::time::Duration;

use acquire_core::Error;

/// Seconds (a Python float) as a duration; negative or non-finite values are an
/// `InvalidRequestError` naming `field`.
pub(crate) fn seconds(field: &str, value: Option<f64>) -> Result<Option<Duration>, Error> {
    value
        .map(|s| {
            Duration::try_from_secs_f64(s).map_err(|_| Error::InvalidConfig {
                field: field.to_owned(),
                reason: "must be a positive number of seconds".to_owned(),
            })
        })
        .transpose()
}
