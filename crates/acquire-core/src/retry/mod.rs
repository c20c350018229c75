//! When a failed attempt is retried, and how long to wait first.
//!
//! Only failures that surely did not deliver the message are retried by default:
//! nothing (or only part) of the request was written, 408, 429, and 503 with
//! `Retry-After`. Everything else may have stored the message and is retried only with
//! `retry_possibly_delivered`.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::time::{Duration, SystemTime};

pub(crate) mod uncertain;

use uncertain::status_may_follow_a_change;

use crate::Error;
use crate::config::Settings;
use crate::error::Effect;

/// The longest `Retry-After` the client waits for; a longer one ends the call.
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
const BASE_DELAY: Duration = Duration::from_millis(500);
const MAX_DELAY: Duration = Duration::from_secs(8);

/// How long to wait before retry number `retry` (0-based): 0.5 s × 2ⁿ capped at 8 s,
/// scaled by a random factor in [0.5, 1) so that clients do not retry in lockstep.
pub(crate) fn backoff(retry: u32) -> Duration {
    let exp = BASE_DELAY
        .saturating_mul(1u32 << retry.min(5))
        .min(MAX_DELAY);
    let unit = (RandomState::new().hash_one(retry) >> 11) as f64 / (1u64 << 53) as f64;
    exp.mul_f64(0.5 + unit / 2.0)
}

/// Parses `Retry-After`: delay-seconds or an HTTP-date.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = SystemTime::from(date);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Whether repeating a request cannot do anything twice: a read, or a write marked
/// idempotent (an edit, a delete). Such a request is retried on every retryable failure.
pub(crate) fn repeatable(effect: Effect, idempotent: bool) -> bool {
    effect == Effect::Read || idempotent
}

/// The settings one request runs under: `settings`, with every retryable failure retried
/// when the request is [`repeatable`].
pub(crate) fn settings_for(mut settings: Settings, effect: Effect, idempotent: bool) -> Settings {
    if repeatable(effect, idempotent) {
        settings.retry_possibly_delivered = true;
    }
    settings
}

/// Whether a call that has made `attempts` attempts may make another before `deadline`.
pub(crate) fn budget_left(
    attempts: u32,
    settings: &Settings,
    deadline: std::time::Instant,
) -> bool {
    attempts <= settings.max_retries && std::time::Instant::now() < deadline
}

/// The wait before the next attempt, or `None` when `error` must be returned.
pub(crate) fn next_wait(error: &Error, settings: &Settings, retries_done: u32) -> Option<Duration> {
    if retries_done >= settings.max_retries {
        return None;
    }
    let opt_in = settings.retry_possibly_delivered;
    let backoff = backoff(retries_done);
    match error {
        Error::Transport(e) if !e.may_have_been_delivered || opt_in => Some(backoff),
        Error::Api(e) => match (e.status, e.retry_after) {
            (_, Some(wait)) if wait > MAX_RETRY_AFTER => None,
            (429 | 503, Some(wait)) => Some(wait),
            (408 | 429, None) => Some(backoff),
            (status, None) if opt_in && (status == 503 || status_may_follow_a_change(status)) => {
                Some(backoff)
            }
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_caps() {
        for retry in 0..8 {
            let ceiling = (BASE_DELAY * (1 << retry.min(5))).min(MAX_DELAY);
            let wait = backoff(retry);
            assert!(wait >= ceiling / 2 && wait < ceiling, "{retry}: {wait:?}");
        }
    }

    #[test]
    fn retry_after_in_seconds_or_http_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_470); // 07:27:50 GMT
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
