#!/usr/bin/env bash
# The two experiments of issue 17, with the release `acquire`: a 20,000-line batch to case 28
# at --concurrency 4 against `acquire mock`, (1) killed with SIGKILL after 1.5 s and run
# again, (2) sent SIGTERM after 1 s and run again; each without and with --journal.
# Prints what the local server stored. Usage: bash scripts/durability.sh (after make cli-release)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/acquire
work=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
python3 -c "
import json
with open('$work/batch.jsonl', 'w') as f:
    for i in range(20000):
        f.write(json.dumps({'case_id': 28, 'message': f'item {i}'}) + '\n')"
"$bin" mock --port 0 --keep 200000 >"$work/url" &
server=$!
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.05; done
export ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=$(head -n 1 "$work/url")
stored() {
  curl -s "$ACQUIRE_BASE_URL/__mock/messages" | python3 -c "
import collections, json, sys
texts = collections.Counter(m['message'] for m in json.load(sys.stdin))
print(f'stored {sum(texts.values())}, distinct {len(texts)}, sent twice {sum(1 for n in texts.values() if n > 1)}')"
}
experiment() { # name, signal, delay, journal flag...
  local name=$1 signal=$2 delay=$3; shift 3
  curl -s -X POST "$ACQUIRE_BASE_URL/__mock/reset" >/dev/null
  rm -f "$work/journal.jsonl"
  "$bin" send --batch "$work/batch.jsonl" --concurrency 4 "$@" >"$work/out" 2>"$work/err" &
  local pid=$!
  sleep "$delay"
  kill "-$signal" "$pid"
  local code=0; wait "$pid" || code=$?
  echo "== $name: $signal after ${delay}s -> exit $code; $(stored)"
  echo "   printed: $(tail -n 1 "$work/out")"
  "$bin" send --batch "$work/batch.jsonl" --concurrency 4 "$@" >"$work/out" 2>"$work/err" || true
  echo "   rerun: $(tail -n 1 "$work/out")"
  echo "   after the rerun: $(stored)"
}
experiment "no journal" KILL 1.5
experiment "--journal" KILL 1.5 --journal "$work/journal.jsonl"
experiment "no journal" TERM 1
experiment "--journal" TERM 1 --journal "$work/journal.jsonl"
