//! `JSON.stringify` of a parsed body, as V8 writes it: what Acquire's documented signature
//! covers. Compact; object keys that look like array indices first, ascending, then the
//! others in their original order; strings escaped only where JSON requires; integral
//! numbers without a fraction and exponents written `1e+21`.

use std::fmt::Write;

use serde_json::{Map, Number, Value};

/// The `JSON.stringify` text of `value`.
pub(super) fn stringify(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => write_object(map, out),
    }
}

/// V8 orders integer-like keys (canonical numbers below 2³² − 1) before the others.
fn array_index(key: &str) -> Option<u32> {
    let index: u32 = key.parse().ok()?;
    (index != u32::MAX && index.to_string() == key).then_some(index)
}

fn write_object(map: &Map<String, Value>, out: &mut String) {
    let mut indices: Vec<(u32, &String, &Value)> = Vec::new();
    let mut names: Vec<(&String, &Value)> = Vec::new();
    for (key, value) in map {
        match array_index(key) {
            Some(index) => indices.push((index, key, value)),
            None => names.push((key, value)),
        }
    }
    indices.sort_by_key(|(index, _, _)| *index);
    let ordered = indices.into_iter().map(|(_, k, v)| (k, v)).chain(names);
    out.push('{');
    for (i, (key, value)) in ordered.enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(key, out);
        out.push(':');
        write_value(value, out);
    }
    out.push('}');
}

fn write_number(n: &Number, out: &mut String) {
    if n.is_i64() || n.is_u64() {
        let _ = write!(out, "{n}");
        return;
    }
    let f = n.as_f64().unwrap_or(0.0);
    let magnitude = f.abs();
    if f == 0.0 {
        out.push('0'); // also -0
    } else if f == f.trunc() && magnitude < 1e21 {
        let _ = write!(out, "{f:.0}");
    } else if !(1e-6..1e21).contains(&magnitude) {
        // Rust writes `1.5e-7` / `1e21`; JavaScript `1.5e-7` / `1e+21`.
        let text = format!("{f:e}");
        out.push_str(&text.replace("e", "e+").replace("e+-", "e-"));
    } else {
        let _ = write!(out, "{f}");
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js(text: &str) -> String {
        stringify(&serde_json::from_str(text).unwrap())
    }

    #[test]
    fn writes_what_v8_writes() {
        // Each expected text is Node 20's JSON.stringify(JSON.parse(input)).
        assert_eq!(
            js(r#"{"b":1,"2":"x","a":"caf\u00e9 \/ ok","1":true}"#),
            r#"{"1":true,"2":"x","b":1,"a":"café / ok"}"#
        );
        assert_eq!(
            js(r#"{ "n": [1.0, 1E5, 0.5, 1e21, 1.5e-7, -0.0, 12.25] }"#),
            r#"{"n":[1,100000,0.5,1e+21,1.5e-7,0,12.25]}"#
        );
        assert_eq!(
            js(r#"{"01":1,"10":2,"4294967295":3,"-1":4,"9":5}"#),
            r#"{"9":5,"10":2,"01":1,"4294967295":3,"-1":4}"#
        );
        assert_eq!(
            js(r#"["tab\t", "nl\n", "\u0001", "quote\"", "back\\"]"#),
            r#"["tab\t","nl\n","\u0001","quote\"","back\\"]"#
        );
    }
}
