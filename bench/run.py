"""``make bench``: every client of every language against one local server, interleaved.

Starts ``acquire mock --static`` once (pinned to core 0 when ``taskset`` exists; clients on
core 1), then runs, round after round, each client of ``crates/acquire-core/benches/send.rs``,
``python/bench/bench_send.py`` and ``node/bench/send.js`` on the same request and response,
plus process start-up (``import acquire_io``, ``require('acquire-io')``), the CLI's one-shot
send, ``wrk -c1`` when installed, and resident memory after 100 vs 10,000 sends. Prints
medians with min–max and the ratios to the peers of the same run, and writes
``target/bench/RESULTS.md``.

Run: ``make bench`` (builds first), or ``.venv/bin/python bench/run.py [--smoke]`` after
``make wheel addon`` and ``cargo build --release -p acquire-cli``. ``--smoke`` (in
``make test``) runs every client once with tiny counts and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
THREADS = 8


def pinned(core: int) -> list[str]:
    """A ``taskset`` prefix that keeps a process on one core, when that is possible."""
    if shutil.which("taskset") and (os.cpu_count() or 1) >= 2:
        return ["taskset", "-c", str(core)]
    return []


def rust_bench_binary(tree: Path = ROOT, target: Path | None = None) -> str:
    """The compiled ``send`` bench of acquire-core in ``tree`` (built in release mode, in
    ``target`` when given)."""
    env = {**os.environ, "CARGO_TARGET_DIR": str(target)} if target else None
    out = subprocess.run(
        [
            "cargo",
            "bench",
            "-q",
            "-p",
            "acquire-core",
            "--bench",
            "send",
            "--no-run",
            "--message-format=json",
        ],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in out.splitlines():
        event = json.loads(line)
        built = event.get("reason") == "compiler-artifact" and event.get("executable")
        if built and event["target"]["name"] == "send":
            return str(event["executable"])
    raise SystemExit("the acquire-core send bench was not built")


class Server:
    """``acquire mock --static`` on a free port."""

    def __init__(self) -> None:
        binary = ROOT / "target" / "release" / "acquire"
        self.process = subprocess.Popen(
            [*pinned(0), str(binary), "mock", "--static", "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http://"):
            raise SystemExit("the local server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


def client_runs(rust: str, sends: int, bulk: int) -> list[tuple[str, list[str], int]]:
    """(label, command without count and URL, count) of every client, in round order."""
    py = [PYTHON, str(ROOT / "python" / "bench" / "bench_send.py")]
    node = ["node", str(ROOT / "node" / "bench" / "send.js")]
    runs = [(f"rust {name}", [rust, name], sends) for name in ("raw", "ureq", "core")]
    runs += [
        (f"python {name}", [*py, name], sends)
        for name in ("http.client", "urllib3", "httpx", "requests", "acquire_io")
    ]
    runs += [
        (f"python {name}-8threads", [*py, f"{name}-8threads"], sends)
        for name in ("http.client", "urllib3", "httpx", "requests", "acquire_io")
    ]
    runs += [
        (f"node {name}", [*node, name], sends)
        for name in ("node:http", "fetch", "acquire-io")
    ]
    runs += [
        (f"node {name}-8inflight", [*node, f"{name}-8inflight"], sends)
        for name in ("node:http", "fetch", "acquire-io")
    ]
    runs += [
        ("rust ureq-bulk", [rust, "ureq-bulk"], bulk),
        ("rust core-bulk", [rust, "core-bulk"], bulk),
        ("python acquire_io-bulk", [*py, "acquire_io-bulk"], bulk),
        ("node acquire-io-bulk", [*node, "acquire-io-bulk"], bulk),
        ("rust core-logged", [rust, "core-logged"], sends),
        ("python acquire_io-logged", [*py, "acquire_io-logged"], sends),
        ("node acquire-io-logged", [*node, "acquire-io-logged"], sends),
    ]
    return runs


def run_client(command: list[str], count: int, url: str) -> dict[str, Any]:
    out = subprocess.run(
        [*pinned(1), *command, str(count), url],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def startup_ms(
    command: list[str], runs: int, cwd: Path, env: dict[str, str] | None = None
) -> float:
    """Mean wall time of one run of ``command``, in ms."""
    start = time.perf_counter()
    for _ in range(runs):
        subprocess.run(
            [*pinned(1), *command], cwd=cwd, check=True, capture_output=True, env=env
        )
    return (time.perf_counter() - start) * 1e3 / runs


def wrk_us(url: str, seconds: int) -> float | None:
    """µs per request of ``wrk -t1 -c1`` (the floor of one connection), if wrk is installed."""
    if not shutil.which("wrk"):
        return None
    out = subprocess.run(
        [
            *pinned(1),
            "wrk",
            "-t1",
            "-c1",
            f"-d{seconds}s",
            "-s",
            str(ROOT / "bench" / "post.lua"),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            return 1e6 / float(line.split()[1])
    return None


def one_round(
    runs: list[tuple[str, list[str], int]],
    url: str,
    startup_runs: int,
    wrk_seconds: int,
) -> dict[str, float]:
    """Every measurement once: label -> µs per send (ms for start-up rows)."""
    values: dict[str, float] = {}
    floor = wrk_us(url, wrk_seconds)
    if floor is not None:
        values["wrk -c1"] = floor
    for label, command, count in runs:
        values[label] = run_client(command, count, url)["us_per_send"]
    env = {**os.environ, "ACQUIRE_API_KEY": "mock-key", "ACQUIRE_BASE_URL": url}
    values["python -c pass (ms)"] = startup_ms(
        [PYTHON, "-c", "pass"], startup_runs, ROOT
    )
    values["python import acquire_io (ms)"] = startup_ms(
        [PYTHON, "-c", "import acquire_io"], startup_runs, ROOT
    )
    values["node -e 0 (ms)"] = startup_ms(
        ["node", "-e", "0"], startup_runs, ROOT / "node"
    )
    values["node require('acquire-io') (ms)"] = startup_ms(
        ["node", "-e", "require('acquire-io')"], startup_runs, ROOT / "node"
    )
    cli = [
        str(ROOT / "target" / "release" / "acquire"),
        "send",
        "--case-id",
        "28",
        "hi",
    ]
    values["cli one-shot send (ms)"] = startup_ms(cli, startup_runs, ROOT, env)
    return values


def rss(rust: str, url: str, sends: int) -> dict[str, tuple[int, int, int]]:
    """KiB resident after 100, ``sends`` / 2 and ``sends`` sends, per language."""
    commands = {
        "rust": [rust, "rss"],
        "python": [PYTHON, str(ROOT / "python" / "bench" / "bench_send.py"), "rss"],
        "node": [
            "node",
            "--expose-gc",
            str(ROOT / "node" / "bench" / "send.js"),
            "rss",
        ],
    }
    out = {}
    for language, command in commands.items():
        result = run_client(command, sends, url)
        out[language] = (
            result["rss_kib_100"],
            result["rss_kib_half"],
            result["rss_kib_all"],
        )
    return out


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def version(command: list[str]) -> str:
        try:
            return (
                subprocess.run(command, capture_output=True, text=True, check=True)
                .stdout.strip()
                .splitlines()[0]
            )
        except (OSError, subprocess.CalledProcessError):
            return "?"

    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}; "
        f"{version(['rustc', '--version'])}; Python {platform.python_version()}; Node {version(['node', '--version'])}"
    )


TARGETS = [
    # (description, numerator, denominator, bound, "min" when ratio must be >= bound)
    (
        "Python vs http.client + json (× faster)",
        "python http.client",
        "python acquire_io",
        1.3,
        "min",
    ),
    (
        "Python vs requests (× faster)",
        "python requests",
        "python acquire_io",
        5.0,
        "min",
    ),
    ("Python vs httpx (× faster)", "python httpx", "python acquire_io", 3.0, "min"),
    (
        "Python per send / Rust core per send",
        "python acquire_io",
        "rust core",
        1.3,
        "max",
    ),
    ("Node per send / Rust core per send", "node acquire-io", "rust core", 1.5, "max"),
    ("Node vs fetch (× faster)", "node fetch", "node acquire-io", 3.0, "min"),
    (
        "Node 8 in flight vs fetch 8 in flight (× faster)",
        "node fetch-8inflight",
        "node acquire-io-8inflight",
        2.0,
        "min",
    ),
    ("Rust send_message / raw keep-alive loop", "rust core", "rust raw", 1.4, "max"),
    # The cost of observability on: every event formatted as a log line.
    ("Rust with a logging hook / without", "rust core-logged", "rust core", 1.1, "max"),
    (  # four log records per send, each a GIL round trip, a LogRecord and a format
        "Python with DEBUG logging / without",
        "python acquire_io-logged",
        "python acquire_io",
        1.6,
        "max",
    ),
    (
        "Node with a debug logger / without",
        "node acquire-io-logged",
        "node acquire-io",
        1.3,
        "max",
    ),
    (
        "Rust bulk throughput / raw ureq 8 threads",
        "rust ureq-bulk",
        "rust core-bulk",
        0.9,
        "min",
    ),
    (
        "Python bulk throughput / raw ureq 8 threads",
        "rust ureq-bulk",
        "python acquire_io-bulk",
        0.9,
        "min",
    ),
    (
        "Node bulk throughput / raw ureq 8 threads",
        "rust ureq-bulk",
        "node acquire-io-bulk",
        0.9,
        "min",
    ),
]


def report(
    rounds: list[dict[str, float]],
    memory: dict[str, tuple[int, int]],
    args: argparse.Namespace,
) -> str:
    labels = list(rounds[0])
    median = {label: statistics.median(r[label] for r in rounds) for label in labels}
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}.",
        (
            f"Command: `make bench` (`bench/run.py --rounds {args.rounds} --sends {args.sends} --bulk {args.bulk}`), "
            f"{time.strftime('%Y-%m-%d')}. One `acquire mock --static` server; every client posts the same "
            "body and parses the same answer; the rounds interleave all clients. µs per send (per item for bulk "
            "rows, total time / items); start-up rows in ms per process."
        ),
        "",
        "| client | median | min – max |",
        "|---|---:|---:|",
    ]
    for label in labels:
        values = [r[label] for r in rounds]
        lines.append(
            f"| {label} | {median[label]:.1f} | {min(values):.1f} – {max(values):.1f} |"
        )
    lines += [
        "",
        "## Targets (ratios of medians, same run)",
        "",
        "| target | ratio | bound | met |",
        "|---|---:|---:|---|",
    ]
    for description, numerator, denominator, bound, kind in TARGETS:
        ratio = median[numerator] / median[denominator]
        met = ratio >= bound if kind == "min" else ratio <= bound
        sign = "≥" if kind == "min" else "≤"
        lines.append(
            f"| {description} | {ratio:.2f} | {sign} {bound} | {'yes' if met else 'no'} |"
        )
    extra_import = (
        median["python import acquire_io (ms)"] - median["python -c pass (ms)"]
    )
    extra_require = median["node require('acquire-io') (ms)"] - median["node -e 0 (ms)"]
    lines.append(
        f"| `import acquire_io` over a bare interpreter | +{extra_import:.1f} ms | ≤ +15 ms | {'yes' if extra_import <= 15 else 'no'} |"
    )
    lines.append(
        f"| `require('acquire-io')` over bare node | +{extra_require:.1f} ms | ≤ +10 ms | {'yes' if extra_require <= 10 else 'no'} |"
    )
    half = args.bulk // 2
    lines += [
        "",
        "## Resident memory (one client, sequential sends, after a garbage collection)",
        "",
    ]
    lines += [
        f"| language | after 100 | after {half:,} | after {args.bulk:,} | growth over the last {args.bulk - half:,} |",
        "|---|---:|---:|---:|---:|",
    ]
    for language, (first, middle, last) in memory.items():
        lines.append(
            f"| {language} | {first:,} KiB | {middle:,} KiB | {last:,} KiB | {last - middle:+,} KiB |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--sends", type=int, default=2000, help="sends per client per round"
    )
    parser.add_argument(
        "--bulk",
        type=int,
        default=10_000,
        help="items of each bulk send, and sends of the RSS run",
    )
    parser.add_argument("--startup-runs", type=int, default=10)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "target" / "bench" / "RESULTS.md"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="every client once, tiny counts, no file written",
    )
    args = parser.parse_args()
    if args.smoke:
        args.rounds, args.sends, args.bulk, args.startup_runs = 1, 16, 200, 1
        args.out = Path(tempfile.gettempdir()) / "acquire-bench-smoke.md"
    rust = rust_bench_binary()
    server = Server()
    try:
        runs = client_runs(rust, args.sends, args.bulk)
        rounds = []
        for number in range(args.rounds):
            print(f"round {number + 1}/{args.rounds} ...", file=sys.stderr)
            rounds.append(
                one_round(runs, server.url, args.startup_runs, 1 if args.smoke else 3)
            )
        memory = rss(rust, server.url, args.bulk)
    finally:
        server.stop()
    text = report(rounds, memory, args)
    print(text)
    if not args.smoke:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        print(f"written to {args.out.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
