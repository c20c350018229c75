"""Fails unless the crate (workspace), wheel and npm versions are one version.

The wheel takes its version from Cargo (pyproject's `dynamic = ["version"]`), so the
check is Cargo's workspace version against node/package.json. `--print` prints it."""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
workspace = re.search(
    r'\[workspace\.package\][^\[]*?version\s*=\s*"([^"]+)"', cargo, re.DOTALL
)
assert workspace, "no [workspace.package] version in Cargo.toml"
version = workspace.group(1)
pyproject = (ROOT / "python" / "pyproject.toml").read_text(encoding="utf-8")
assert 'dynamic = ["version"]' in pyproject, (
    "python/pyproject.toml must take its version from Cargo"
)
npm = json.loads((ROOT / "node" / "package.json").read_text(encoding="utf-8"))[
    "version"
]
if npm != version:
    sys.exit(f"version mismatch: Cargo {version}, node/package.json {npm}")
print(version if "--print" in sys.argv else f"versions agree: {version}")
