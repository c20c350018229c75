//! The server's starting state: API keys and cases, from the built-in default or a file.

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

/// The built-in fixtures: keys `mock-key` (chat access, acting as agent 23 "TokenNew") and
/// `mock-key-no-chat` (no chat permission); contacts 5 `ann@example.com` (active case 28,
/// closed case 29), 6 `bob@example.com` (only the closed case 30), 7 and 8 sharing
/// `sam@example.com` (7 has the active case 31) and 9 `nia@example.com` (no case); agents 1
/// (online), 11 and 26 (offline) as in the Invite agent example, departments 2 (agents 11
/// and 26), 3 (26) and 4 (none); all shaped like the API docs' examples.
pub const DEFAULT_FIXTURES: &str = include_str!("../fixtures/default.json");

/// API keys and cases to start from (`--fixtures FILE` takes this shape as JSON).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fixtures {
    /// The keys the server accepts.
    pub api_keys: Vec<ApiKeyFixture>,
    /// Contacts as the API returns them (`id`, `fields` with `name`, `email`, …). The
    /// contact of a case that is not listed here is added from the case.
    #[serde(default)]
    pub contacts: Vec<Value>,
    /// Cases as the API returns them (`id`, `status`, `contact`, `users`, …).
    pub cases: Vec<Value>,
    /// The account's agents (`id`, `name`, `email`, `online`): who a case can be handed to.
    #[serde(default)]
    pub agents: Vec<Value>,
    /// Departments (`id`, `name`, `agents`: agent ids): inviting one invites its agents.
    #[serde(default)]
    pub departments: Vec<Value>,
    /// The id the next stored message gets.
    #[serde(default = "first_message_id")]
    pub next_message_id: i64,
}

/// An API key, whether it may send chat messages, and the agent it acts as.
#[derive(Debug, Clone, Deserialize)]
pub struct ApiKeyFixture {
    /// The key as sent in `Authorization: Bearer <key>`.
    pub key: String,
    /// Whether the key has chat permission (else 403 `ERROR_UNAUTHORIZED_ACCESS`).
    pub chat: bool,
    /// The agent (a `sender` object with at least an `id`) that messages come from.
    pub sender: Value,
}

fn first_message_id() -> i64 {
    1
}

impl Default for Fixtures {
    fn default() -> Self {
        Fixtures::from_json(DEFAULT_FIXTURES).expect("built-in fixtures are valid")
    }
}

impl Fixtures {
    /// Parses fixtures from JSON text, checking that every case and sender has an `id`.
    pub fn from_json(text: &str) -> Result<Fixtures, String> {
        let fixtures: Fixtures = serde_json::from_str(text).map_err(|e| e.to_string())?;
        for case in &fixtures.cases {
            if case.get("id").and_then(Value::as_i64).is_none() {
                return Err("every case needs an integer `id`".into());
            }
        }
        for agent in fixtures.agents.iter().chain(&fixtures.departments) {
            if agent.get("id").and_then(Value::as_i64).is_none() {
                return Err("every agent and department needs an integer `id`".into());
            }
        }
        for contact in &fixtures.contacts {
            if contact.get("id").and_then(Value::as_i64).is_none() {
                return Err("every contact needs an integer `id`".into());
            }
        }
        for (index, key) in fixtures.api_keys.iter().enumerate() {
            if key.sender.get("id").and_then(Value::as_i64).is_none() {
                return Err(format!(
                    "the sender of API key #{index} needs an integer `id`"
                ));
            }
        }
        Ok(fixtures)
    }

    /// Reads fixtures from a JSON file.
    pub fn from_file(path: &Path) -> Result<Fixtures, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Fixtures::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
    }
}
