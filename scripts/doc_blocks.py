"""Runs the code blocks of the READMEs, CONTRIBUTING.md and docs/*.md, so the docs cannot rot
(`make test-docs`, part of `make test`).

Each file gets a fresh local server (`acquire mock`), and ACQUIRE_BASE_URL/ACQUIRE_API_KEY
point at it. Per file, its ```python blocks run as one script (in order, like a notebook)
with the .venv interpreter, its ```js blocks as one ES module with `acquire-io` resolving to
node/, and each ```sh block with bash and the release `acquire` on PATH. ```rust blocks are
compiled by `cargo test --doc` (acquire-core includes these files as doctests). A block
right after a `<!-- not run: reason -->` line is skipped (installs, servers that keep
running); the reason is required.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```(\w+)?[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
SKIP = re.compile(r"<!-- not run: \S[^>]*-->\s*$")
RUNNERS = ("python", "js", "sh")


def blocks(text: str) -> list[tuple[str, str, int]]:
    """(language, code, line) of every fenced block not marked `not run`."""
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        if SKIP.search(before):
            continue
        line = text.count("\n", 0, match.start()) + 1
        found.append((match.group(1) or "", match.group(2), line))
    return found


def start_server() -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [str(ROOT / "target" / "release" / "acquire"), "mock", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    url = server.stdout.readline().split()[-1]
    return server, url


def run(where: str, command: list[str], cwd: Path, env: dict[str, str]) -> bool:
    done = subprocess.run(
        command,
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        print(
            f"doc_blocks: {where} failed ({done.returncode}):\n{done.stdout}{done.stderr}",
            file=sys.stderr,
        )
        return False
    return True


def check(path: Path, scratch: Path) -> tuple[int, bool]:
    runnable = [b for b in blocks(path.read_text(encoding="utf-8")) if b[0] in RUNNERS]
    if not runnable:
        return 0, True
    server, url = start_server()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACQUIRE_")}
    env.update(
        ACQUIRE_BASE_URL=url,
        ACQUIRE_API_KEY="mock-key",
        PATH=f"{ROOT / 'target' / 'release'}:{env['PATH']}",
    )
    name = path.relative_to(ROOT)
    ok = True
    try:
        python = [code for lang, code, _ in runnable if lang == "python"]
        if python:
            script = scratch / "doc.py"
            script.write_text("\n".join(python), encoding="utf-8")
            ok &= run(
                f"{name} (python)",
                [str(ROOT / ".venv" / "bin" / "python"), str(script)],
                scratch,
                env,
            )
        js = [code for lang, code, _ in runnable if lang == "js"]
        if js:
            module = scratch / "doc.mjs"
            module.write_text("\n".join(js), encoding="utf-8")
            ok &= run(f"{name} (js)", ["node", str(module)], scratch, env)
        for lang, code, line in runnable:
            if lang == "sh":
                ok &= run(
                    f"{name}:{line} (sh)",
                    ["bash", "-euo", "pipefail", "-c", code],
                    scratch,
                    env,
                )
    finally:
        server.terminate()
        server.wait()
    return len(runnable), ok


def main() -> int:
    files = [
        ROOT / "README.md",
        ROOT / "CONTRIBUTING.md",
        *sorted((ROOT / "docs").glob("*.md")),
        ROOT / "python" / "README.md",
        ROOT / "node" / "README.md",
        *sorted(ROOT.glob("crates/*/README.md")),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        (scratch / "node_modules").mkdir()
        (scratch / "node_modules" / "acquire-io").symlink_to(ROOT / "node")
        total, ok = 0, True
        for path in files:
            count, passed = check(path, scratch)
            total += count
            ok &= passed
    print(
        f"doc_blocks: {total} blocks in {len(files)} files {'ran' if ok else 'FAILED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
