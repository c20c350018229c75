#!/usr/bin/env bash
# `make demo`: start the local Acquire server on a free port, send from Rust, Python and
# Node (each installed as a user would), print what came back, and stop the server.
# Expects `make wheel addon` to have run (the Makefile's demo target does).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet -p acquire-cli -p acquire-core --bins --examples
bin=target/debug/acquire

out=$(mktemp)
venv=$(mktemp -d)
scratch=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
  rm -rf "$out" "$venv" "$scratch"
}
trap cleanup EXIT

"$bin" mock --port 0 >"$out" &
server=$!
for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.05; done
url=$(head -n 1 "$out")
echo "local Acquire server: $url (API key mock-key, active case 28; contacts ann@, bob@, sam@, nia@example.com)"
echo "its inbox: $url/ (open it to watch each send land; \`make demo HOLD=1\` keeps the server up afterwards)"
export ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL="$url"

echo
echo "== Rust (acquire-core, crates/acquire-core/examples/send_message.rs) =="
target/debug/examples/send_message
echo "-- bulk send (crates/acquire-core/examples/send_messages.rs):"
target/debug/examples/send_messages
echo "-- to a customer by e-mail (crates/acquire-core/examples/send_to_contact.rs):"
target/debug/examples/send_to_contact
echo "-- a journaled batch, stopped and resumed; settle (crates/acquire-core/examples/resume_batch.rs):"
target/debug/examples/resume_batch

echo
echo "== Rust (the acquire CLI) =="
"$bin" send --case-id 28 "Hello from the acquire CLI!"
"$bin" send --case-id 28 --type note --translate-lang-key fr "VIP customer — reply within the hour"
echo "-- the API's JSON for one more message (--json), first 300 bytes:"
"$bin" send --case-id 28 --as-contact 5 --json "Thanks, that helped!" | cut -c1-300
echo "-- a batch file (--batch, one JSON object per line; case 29 is closed):"
printf '%s\n' '{"case_id": 28, "message": "Batch line 1"}' '{"case_id": 29, "message": "Batch line 2"}' \
  '{"case_id": 28, "message": "Batch line 3", "type": "note"}' | "$bin" send --batch - || echo "(exit code $?: some lines failed)"
echo "-- to a customer by e-mail (--to), and the read side:"
"$bin" send --to ann@example.com "Your order shipped"
"$bin" contacts find-by-email sam@example.com
"$bin" cases list --contact-id 6
"$bin" send --to sam@example.com "Hi" || echo "(exit code $?: two contacts share that address)"

echo
echo "== Python (the acquire-io wheel, installed into a scratch venv; examples/python) =="
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-index target/wheels/acquire_io-*.whl
"$venv/bin/python" examples/python/send_message.py
"$venv/bin/python" examples/python/send_messages.py
"$venv/bin/python" examples/python/send_to_contact.py
"$venv/bin/python" examples/python/resume_batch.py

echo
echo "== Node (the packed acquire-io + platform packages, installed into a scratch folder; examples/node) =="
mapfile -t tarballs < <(node node/scripts/pack.js "$scratch/pk" 2>/dev/null)
echo '{"name": "demo", "private": true}' >"$scratch/package.json"
(cd "$scratch" && npm install --silent --no-audit --no-fund --offline "${tarballs[@]}")
cp examples/node/send_message.js examples/node/send_messages.js examples/node/send_to_contact.js \
  examples/node/resume_batch.js "$scratch/"
node "$scratch/send_message.js"
node "$scratch/send_messages.js"
node "$scratch/send_to_contact.js"
node "$scratch/resume_batch.js"

echo
echo "== Webhooks: a customer writes, the server sends a signed webhook, a bot replies on the case =="
# Starts a bot in the background (its first stdout line is its URL), runs one turn, stops it.
loop() {
  local name=$1 label=$2; shift 2
  local bot_out; bot_out=$(mktemp)
  ACQUIRE_WEBHOOK_SECRET=demo-secret "$@" >"$bot_out" &
  local bot=$!
  for _ in $(seq 200); do [ -s "$bot_out" ] && break; sleep 0.05; done
  echo "-- $name bot ($(head -n 1 "$bot_out"))"
  python3 scripts/webhook_loop.py "$url" "$(head -n 1 "$bot_out")" demo-secret "Hi, where is my order? (asked the $label bot)"
  kill "$bot" 2>/dev/null || true; wait "$bot" 2>/dev/null || true
  rm -f "$bot_out"
}
loop "Rust (crates/acquire-core/examples/reply_bot.rs)" Rust target/debug/examples/reply_bot
loop "Python (examples/python/reply_bot.py)" Python "$venv/bin/python" examples/python/reply_bot.py
cp examples/node/reply_bot.js "$scratch/"
loop "Node (examples/node/reply_bot.js)" Node node "$scratch/reply_bot.js"

if [ "${HOLD:-0}" = 1 ]; then
  echo
  echo "The server keeps running: open $url/ to see every conversation, webhook and request. Ctrl-C stops it."
  wait "$server"
fi
