#!/usr/bin/env bash
# `make dist`: every artifact this machine can build, into dist/:
#   dist/python  abi3 wheels (CPython >= 3.9): manylinux2014 (glibc 2.17) and musllinux_1_2,
#                x86_64 and aarch64, and macOS x86_64 and arm64, all cross-built with zig;
#                and the sdist (DIST_SDIST=1, default)
#   dist/npm     the root package acquire-io (loader, JS, types; no binary) and one package
#                per platform (linux-{x64,arm64}-{gnu,musl}, darwin-{x64,arm64}; gnu linked
#                for glibc 2.17). Windows needs the MSVC SDK: the release workflow builds it.
# DIST_TARGETS narrows the Rust targets (CI builds x86_64-unknown-linux-gnu only).
# Tools come from .tools/dist (maturin, ziglang, cargo-zigbuild), installed by `make`.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=${DIST_TARGETS:-"x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl x86_64-apple-darwin aarch64-apple-darwin"}
export PATH="$PWD/.tools/dist/bin:$PATH" CARGO_TARGET_DIR="$PWD/target/dist"
python3 scripts/check_versions.py
rustup target add $targets >/dev/null

rm -rf dist target/dist-node
mkdir -p dist/python dist/npm target/dist-node
for target in $targets; do
  case $target in
    *-musl) compatibility=(--compatibility musllinux_1_2) ;;
    *-linux-gnu) compatibility=(--compatibility manylinux2014) ;;
    *) compatibility=() ;;
  esac
  echo "== wheel $target"
  (cd python && maturin build --release --quiet --zig --target "$target" "${compatibility[@]}" --out ../dist/python)
  echo "== npm binary $target"
  zig_target=$target
  [[ $target == *-gnu ]] && zig_target=$target.2.17 # glibc 2.17, like manylinux2014
  (cd node && npx napi build --platform --release --manifest-path ../bindings/node/Cargo.toml \
    --output-dir ../target/dist-node --no-js --target "$zig_target" -x)
done
if [ "${DIST_SDIST:-1}" = 1 ]; then
  (cd python && maturin sdist --out ../dist/python)
fi
(cd node && node scripts/pack.js ../dist/npm --artifacts ../target/dist-node) >/dev/null
ls -l dist/python dist/npm
