#!/usr/bin/env bash
# Throughput of acquire-mock with 8 connections (wrk, from Debian's `wrk` package):
# `bash bench/mock-throughput.sh [--static]`. Prints wrk's report.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
cargo build --quiet --release -p acquire-mock
out=$(mktemp)
target/release/acquire-mock --port 0 "$@" >"$out" &
server=$!
trap 'kill "$server"; wait "$server" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.05; done
url=$(head -n 1 "$out")
wrk -t2 -c8 -d5s -s bench/post.lua "$url"
