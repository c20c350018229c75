"""The shared fault matrix (tests/vectors/faults.json) against the local server, with the
recognisable API key checked against every exception, repr and the journal."""

from __future__ import annotations

import json
import socket
import time
from typing import Any

import pytest
from conftest import DEFAULT_FIXTURES, ERROR_CLASSES, vectors

import acquire_io
from acquire_io.testing import MockServer

MATRIX = vectors("faults.json")
KEY: str = MATRIX["apiKey"]
FIELDS = {
    "status": "status",
    "errorType": "error_type",
    "phase": "phase",
    "retryAfter": "retry_after",
    "mayHaveBeenDelivered": "may_have_been_delivered",
    "attempts": "attempts",
}


def fixtures() -> dict[str, Any]:
    """The default fixtures plus the matrix's key."""
    data: dict[str, Any] = json.loads(DEFAULT_FIXTURES.read_text(encoding="utf-8"))
    data["apiKeys"].append({**data["apiKeys"][0], "key": KEY})
    return data


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.mark.parametrize("case", MATRIX["cases"], ids=lambda c: c["name"])
def test_fault(case: dict[str, Any]) -> None:
    expect = case["expect"]
    settings = MATRIX["client"]
    with MockServer(fixtures=fixtures()) as server:
        url = f"http://127.0.0.1:{free_port()}" if case.get("server") == "refused" else server.url
        if "script" in case:
            server.script(case["script"])
        client = acquire_io.Client(
            base_url=url,
            api_key=KEY,
            timeout=settings["timeoutMs"] / 1000,
            connect_timeout=settings["connectTimeoutMs"] / 1000,
            total_timeout=settings["totalTimeoutMs"] / 1000,
            max_retries=settings["maxRetries"],
        )
        started = time.monotonic()
        try:
            client.send_message(MATRIX["message"]["caseId"], MATRIX["message"]["message"])
        except acquire_io.AcquireError as err:
            assert "ok" not in expect, f"unexpected {err!r}"
            assert type(err) is ERROR_CLASSES[expect["code"]]
            assert err.code == expect["code"]
            for field, attribute in FIELDS.items():
                if field in expect:
                    assert getattr(err, attribute, None) == expect[field], field
            for shown in (str(err), repr(err), repr(vars(err)), repr(client)):
                assert KEY not in shown
        else:
            assert expect.get("ok"), "expected an error"
        elapsed = time.monotonic() - started
        requests = server.requests()
        assert len(requests) == expect["requests"]
        assert sum(r["stored"] for r in requests) == expect["stored"]
        assert KEY not in json.dumps(requests)
        assert expect.get("minSeconds", 0) <= elapsed <= expect["maxSeconds"]
