#!/usr/bin/env bash
# What a journal costs a batch: 20,000 lines to case 28 against `acquire mock --static`, at
# --concurrency 8 and 64, five interleaved rounds each (ROUNDS=n) without and with --journal (the
# journal on the checkout's own filesystem, not tmpfs), then the fsync/fdatasync calls of one
# journaled run per concurrency (strace -f -c). Usage: bash scripts/journal_cost.sh [BIN]
# (BIN: the acquire binary, default target/release/acquire; make cli-release builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/acquire}
items=20000
work=$(mktemp -d)
journals=target/journal-cost
mkdir -p "$journals"
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work" "$journals"; }
trap cleanup EXIT
python3 -c "
import json
with open('$work/batch.jsonl', 'w') as f:
    for i in range($items):
        f.write(json.dumps({'case_id': 28, 'message': f'item {i}'}) + '\n')"
"$bin" mock --port 0 --static >"$work/url" &
server=$!
for _ in $(seq 100); do [ -s "$work/url" ] && break; sleep 0.05; done
export ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=$(head -n 1 "$work/url")
seconds() { # concurrency, extra flags...
  local c=$1; shift
  python3 -c "import time,subprocess,sys
t=time.perf_counter(); subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(f'{time.perf_counter()-t:.2f}')" "$bin" send --batch "$work/batch.jsonl" --concurrency "$c" "$@"
}
for c in 8 64; do
  plain=() journaled=()
  for round in $(seq "${ROUNDS:-5}"); do
    plain+=("$(seconds "$c")")
    rm -f "$journals/j$round"
    journaled+=("$(seconds "$c" --journal "$journals/j$round")")
  done
  echo "concurrency $c: without ${plain[*]} s; with journal ${journaled[*]} s" \
    "(median cost: $(python3 -c "import statistics,sys; a=[float(x) for x in sys.argv[1].split()]; b=[float(x) for x in sys.argv[2].split()]; print(f'{statistics.median(b)/statistics.median(a)-1:+.0%}')" "${plain[*]}" "${journaled[*]}"))"
  if command -v strace >/dev/null; then
    rm -f "$journals/s"
    calls=$(strace -f -c -e trace=fsync,fdatasync -o "$work/strace" \
      "$bin" send --batch "$work/batch.jsonl" --concurrency "$c" --journal "$journals/s" >/dev/null \
      && awk '$NF ~ /^(fsync|fdatasync)$/ {n += $4} END {print n + 0}' "$work/strace")
    echo "concurrency $c: $calls fsync/fdatasync calls for $items items ($(python3 -c "print(f'{$calls/$items:.4f}')") per item)"
  fi
done
