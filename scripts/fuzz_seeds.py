"""Writes the fuzz targets' seed inputs from tests/vectors (the one source of example
bodies), for `make fuzz`: python3 scripts/fuzz_seeds.py DEST -> DEST/<target>/<name>."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

VECTORS = Path(__file__).resolve().parent.parent / "tests" / "vectors"


def body(case: dict) -> bytes:
    """A vector's body: inline, or the file it names."""
    if "bodyFile" in case:
        return (VECTORS / case["bodyFile"]).read_bytes()
    value = case["body"]
    return value.encode() if isinstance(value, str) else json.dumps(value).encode()


def seeds() -> dict[str, list[bytes]]:
    responses = json.loads((VECTORS / "responses.json").read_text(encoding="utf-8"))[
        "cases"
    ]
    webhooks = json.loads((VECTORS / "webhooks.json").read_text(encoding="utf-8"))
    found: dict[str, list[bytes]] = {
        "response": [body(c) for c in responses if 200 <= c["status"] < 300],
        "error_body": [body(c) for c in responses if not 200 <= c["status"] < 300],
        "webhook_event": [body(c) for c in webhooks["events"]],
        "webhook_signature": [body(c) for c in webhooks["signatures"]],
    }
    journals = json.loads((VECTORS / "journals.json").read_text(encoding="utf-8"))
    found["journal"] = [
        ("".join(line + "\n" for line in c["lines"]) + c.get("torn", "")).encode()
        for c in journals["cases"]
    ]
    found["webhook_event"] += [
        p.read_bytes() for p in sorted((VECTORS / "webhooks").glob("*.json"))
    ]
    # The read and write answers: every docs example in rest/ and every inline answer of
    # read-side.json (crates/acquire-core/src/fuzzing.rs replays the same in `cargo test`).
    read_side = json.loads((VECTORS / "read-side.json").read_text(encoding="utf-8"))
    answers = [p.read_bytes() for p in sorted((VECTORS / "rest").glob("*.json"))]
    answers += [body(c["answer"]) for c in read_side["cases"] if "body" in c["answer"]]
    found["read_models"] = answers
    found["write_answers"] = answers
    return found


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: python3 scripts/fuzz_seeds.py DEST", file=sys.stderr)
        return 2
    for target, inputs in seeds().items():
        folder = Path(sys.argv[1]) / target
        folder.mkdir(parents=True, exist_ok=True)
        for data in inputs:
            (folder / hashlib.sha1(data).hexdigest()[:12]).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
