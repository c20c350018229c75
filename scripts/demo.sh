#!/usr/bin/env bash
# `make demo`: start the local Acquire server on a free port, send from each front end,
# print what came back, and stop the server.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet -p acquire-cli -p acquire-core --bins --examples
bin=target/debug/acquire

out=$(mktemp)
"$bin" mock --port 0 >"$out" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.05; done
url=$(head -n 1 "$out")
echo "local Acquire server: $url (API key mock-key, active case 28)"

export ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL="$url"

echo
echo "== Rust (acquire-core, crates/acquire-core/examples/send_message.rs) =="
target/debug/examples/send_message

echo
echo "== Rust (the acquire CLI) =="
"$bin" send --case-id 28 "Hello from the acquire CLI!"
"$bin" send --case-id 28 --type note --translate fr "VIP customer — reply within the hour"
echo "-- the API's JSON for one more message (--json):"
"$bin" send --case-id 28 --as-contact 5 --json "Thanks, that helped!" | cut -c1-300
echo "..."

echo
echo "== Python (the acquire-io wheel, installed into a scratch venv) =="
venv=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$out" "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-index target/wheels/acquire_io-*.whl
"$venv/bin/python" examples/python/send_message.py
