//! Which answers leave a write uncertain: the server may have made the change before it
//! failed. The one place this is decided; [`ApiError::may_have_been_delivered`] and the
//! retry rules ask it.
//!
//! [`ApiError::may_have_been_delivered`]: crate::ApiError::may_have_been_delivered

/// Whether an answer with this status may follow a change that was made: 500, 502 and
/// 504, whose cause is unknown. Every other status rejects the request (4xx), asks to
/// come back (503, 429) or succeeded.
pub(crate) fn status_may_follow_a_change(status: u16) -> bool {
    matches!(status, 500 | 502 | 504)
}
