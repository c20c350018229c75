//! Parsing Acquire's JSON as JavaScript does. Acquire writes its bodies with
//! `JSON.stringify`, which escapes a lone UTF-16 surrogate (`"\ud83d"`, a text cut in the
//! middle of an emoji) instead of failing; `JSON.parse` accepts it, serde_json rejects the
//! whole document. [`from_str`] parses such a body with each lone surrogate read as
//! U+FFFD, the replacement character, so one broken character never loses a message.

use serde::de::DeserializeOwned;

/// Parses `text` as JSON, reading escaped lone surrogates as U+FFFD. Well-formed text
/// costs one parse; only a failed parse of text with a surrogate escape is repaired and
/// parsed again.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    match serde_json::from_str(text) {
        Err(err) if err.is_syntax() || err.is_data() => match repair_surrogates(text) {
            Some(repaired) => serde_json::from_str(&repaired),
            None => Err(err),
        },
        result => result,
    }
}

/// `text` with every escaped lone surrogate replaced by `\ufffd`, or `None` when it has
/// none (then nothing can be repaired).
pub(crate) fn repair_surrogates(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut repaired = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        // An escape: `\uXXXX`, or a two-byte one (`\\`, `\"`, `\n`, …) to step over.
        let Some(unit) = escaped_unit(bytes, i) else {
            i += 2;
            continue;
        };
        let lone = match unit {
            0xD800..=0xDBFF => match escaped_unit(bytes, i + 6) {
                Some(0xDC00..=0xDFFF) => {
                    i += 12; // a valid pair
                    continue;
                }
                _ => true,
            },
            0xDC00..=0xDFFF => true,
            _ => false,
        };
        if lone {
            out.push_str(&text[copied..i]);
            out.push_str("\\ufffd");
            copied = i + 6;
            repaired = true;
        }
        i += 6;
    }
    repaired.then(|| {
        out.push_str(&text[copied..]);
        out
    })
}

/// The code unit of a `\uXXXX` escape starting at `at`.
fn escaped_unit(bytes: &[u8], at: usize) -> Option<u16> {
    let escape = bytes.get(at..at + 6)?;
    if escape[0] != b'\\' || escape[1] != b'u' {
        return None;
    }
    let hex = std::str::from_utf8(&escape[2..]).ok()?;
    u16::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn text_of(json: &str) -> String {
        from_str::<Value>(json)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(text_of(r#""cut \ud83d""#), "cut \u{fffd}");
        assert_eq!(text_of(r#""\udc00x""#), "\u{fffd}x");
        assert_eq!(text_of(r#""\ud800\ud800""#), "\u{fffd}\u{fffd}");
        // A valid pair and escaped backslashes stay as they are.
        assert_eq!(text_of(r#""\ud83d\ude00 \ud800""#), "😀 \u{fffd}");
        assert_eq!(text_of(r#""\\ud800""#), "\\ud800");
    }

    #[test]
    fn other_errors_stay_errors() {
        assert!(from_str::<Value>("{").is_err());
        assert!(from_str::<Value>(r#"{"a": "\ud800"#).is_err());
        assert_eq!(repair_surrogates(r#""plain""#), None);
    }
}
