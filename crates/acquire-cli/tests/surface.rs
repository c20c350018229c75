//! The CLI against the declared surface (tests/surface.json): every operation has its
//! command, and each command's `--help` lists every declared parameter and per-call option.

use std::process::Command;

use serde_json::Value;

fn manifest() -> Value {
    serde_json::from_str(include_str!("../../../tests/surface.json")).unwrap()
}

/// A parameter's spellings on the command line (none: not on the CLI; a parameter object
/// such as `mail` is several flags, space-separated in the manifest).
fn flags(param: &Value) -> Vec<String> {
    match param.get("cli") {
        Some(Value::Null) => Vec::new(),
        Some(Value::String(flags)) => flags.split_whitespace().map(str::to_owned).collect(),
        _ => vec![format!(
            "--{}",
            param["name"].as_str().unwrap().replace('_', "-")
        )],
    }
}

fn help(command: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_acquire"))
        .args(command.split(' '))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success(), "acquire {command} --help");
    String::from_utf8(out.stdout).unwrap()
}

/// Whether `--help` lists this flag (`--case-id <ID>`, `--create`) or positional (`<TEXT>`,
/// `[MESSAGE]` when optional).
fn lists(help: &str, flag: &str) -> bool {
    if flag.starts_with("--") {
        // Only where options are defined (`  -v, --verbose`, `      --case-id <ID>`), not in
        // the examples.
        help.lines()
            .map(str::trim_start)
            .filter(|line| line.starts_with('-'))
            .any(|line| line.split([' ', ',']).any(|word| word == flag))
    } else {
        help.contains(&format!("<{flag}>")) || help.contains(&format!("[{flag}]"))
    }
}

#[test]
fn every_operation_has_a_command_listing_each_declared_parameter_and_option() {
    let manifest = manifest();
    let options: Vec<String> = manifest["options"]["list"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(flags)
        .collect();
    for op in manifest["operations"].as_array().unwrap() {
        let command = op["cli"].as_str().unwrap();
        let help = help(command);
        for param in op["params"].as_array().unwrap() {
            for flag in flags(param) {
                assert!(lists(&help, &flag), "acquire {command}: no {flag}\n{help}");
            }
        }
        for option in &options {
            assert!(
                lists(&help, option),
                "acquire {command}: no {option}\n{help}"
            );
        }
    }
}

#[test]
fn a_renamed_flag_is_not_listed() {
    // The check above can fail: a flag the CLI does not have is not found.
    assert!(!lists(&help("send"), "--translate-to"));
    assert!(lists(&help("send"), "--translate-lang-key"));
}
