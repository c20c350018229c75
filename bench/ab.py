"""A/B of the send path against an earlier revision, in one run on one server.

    .venv/bin/python bench/ab.py REV [--rounds 5] [--sends 2000]

Builds REV in a git worktree (target/ab/REV: the Rust bench, a wheel in its own venv, the
Node addon), then runs, round after round and in alternating order, the single and bulk
sends of Rust, Python and Node of REV ("before") and of this checkout ("after", built by
`make wheel addon`), plus each language's raw peer, against one `acquire mock --static`.
Prints medians, after/before ratios and the ratios to the peers. Needs `make wheel addon
cli-release` first; the first build of REV takes a few minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from run import rust_bench_binary

ROOT = Path(__file__).resolve().parents[1]


def build_before(rev: str) -> tuple[Path, Path, str]:
    """(worktree, venv python, rust bench) of `rev`."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", rev],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    rev = commit.stdout.strip()
    base = ROOT / "target" / "ab" / rev
    tree, target, venv = base / "tree", base / "target", base / "venv"
    if not tree.exists():
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), rev], cwd=ROOT, check=True
        )
    env = {**os.environ, "CARGO_TARGET_DIR": str(target)}
    if not (venv / "bin" / "python").exists():
        wheels = base / "wheels"
        shutil.rmtree(wheels, ignore_errors=True)
        maturin = str(ROOT / ".venv" / "bin" / "maturin")
        subprocess.run(
            [maturin, "build", "--release", "--quiet", "--out", str(wheels)],
            cwd=tree / "python",
            env=env,
            check=True,
        )
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        wheel = next(wheels.glob("*.whl"))
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", str(wheel)], check=True
        )
    modules = tree / "node" / "node_modules"
    if not modules.exists():
        modules.symlink_to(ROOT / "node" / "node_modules")
    if not list((tree / "node").glob("*.node")):
        subprocess.run(
            ["npm", "run", "build", "--silent"], cwd=tree / "node", env=env, check=True
        )
    return tree, venv / "bin" / "python", rust_bench_binary(tree, target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sends", type=int, default=2000)
    args = parser.parse_args()
    tree, python_before, rust_before = build_before(args.rev)
    rust_after = rust_bench_binary()
    sides = {
        "before": (
            rust_before,
            # Each side runs its own bench scripts: the API they call may differ.
            [str(python_before), str(tree / "python/bench/bench_send.py")],
            tree / "node/bench/send.js",
        ),
        "after": (
            rust_after,
            [str(ROOT / ".venv/bin/python"), str(ROOT / "python/bench/bench_send.py")],
            ROOT / "node/bench/send.js",
        ),
    }
    n, bulk = args.sends, args.sends * 2
    clients = [
        ("rust raw", [rust_after, "raw"], n),
        ("python http.client", [*sides["after"][1], "http.client"], n),
        ("node node:http", ["node", str(ROOT / "node/bench/send.js"), "node:http"], n),
    ]
    for side, (rust, python, node) in sides.items():
        clients += [
            (f"rust core {side}", [rust, "core"], n),
            (f"python acquire_io {side}", [*python, "acquire_io"], n),
            (f"node acquire-io {side}", ["node", str(node), "acquire-io"], n),
            (f"rust core-bulk {side}", [rust, "core-bulk"], bulk),
            (f"python acquire_io-bulk {side}", [*python, "acquire_io-bulk"], bulk),
            (
                f"node acquire-io-bulk {side}",
                ["node", str(node), "acquire-io-bulk"],
                bulk,
            ),
        ]
    taskset = (
        ["taskset", "-c"]
        if shutil.which("taskset") and (os.cpu_count() or 1) >= 2
        else []
    )
    server = subprocess.Popen(
        [
            *(taskset + ["0"] if taskset else []),
            str(ROOT / "target/release/acquire"),
            "mock",
            "--static",
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    url = server.stdout.readline().strip()
    results: dict[str, list[float]] = {label: [] for label, _, _ in clients}
    try:
        for number in range(args.rounds):
            for label, command, count in clients if number % 2 == 0 else clients[::-1]:
                out = subprocess.run(
                    [*(taskset + ["1"] if taskset else []), *command, str(count), url],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                results[label].append(
                    json.loads(out.strip().splitlines()[-1])["us_per_send"]
                )
            print(f"round {number + 1}/{args.rounds}", file=sys.stderr)
    finally:
        server.terminate()
        server.wait()
    median = {label: statistics.median(values) for label, values in results.items()}
    for label, values in results.items():
        print(
            f"{label:32s} {median[label]:8.1f} µs  (min {min(values):.1f}, max {max(values):.1f})"
        )
    peers = {
        "rust core": "rust raw",
        "python acquire_io": "python http.client",
        "node acquire-io": "node node:http",
    }
    for name, peer in peers.items():
        for kind in ("", "-bulk"):
            before, after = (
                median[f"{name}{kind} before"],
                median[f"{name}{kind} after"],
            )
            line = f"{name}{kind}: after/before {after / before:.3f}"
            if not kind:
                line += f"; vs {peer}: before {before / median[peer]:.2f}x, after {after / median[peer]:.2f}x"
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
