"""The shared fault matrix (tests/vectors/faults.json) against the local server, with the
recognisable API key checked against every exception, repr and the journal, and the
client's events and log records checked for their sequence and for the key and the text."""

from __future__ import annotations

import json
import logging
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
def test_fault(case: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="acquire_io")
    events: list[dict[str, Any]] = []
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
            on_event=events.append,
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
    observed(events, caplog.records, expect.get("attempts", expect["requests"]), expect)


def observed(
    events: list[dict[str, Any]], records: list[logging.LogRecord], attempts: int, expect: dict[str, Any]
) -> None:
    """A request and a response per attempt, a retry between attempts, one end; the same in
    the log (INFO for the end); neither shows the key or the message text."""
    kinds = [e["event"] for e in events]
    assert kinds.count("request") == kinds.count("response") == attempts, kinds
    assert kinds.count("retry") == attempts - 1, kinds
    assert kinds[-1] == "finished" and kinds.count("finished") == 1, kinds
    end = events[-1]
    assert (end["attempts"], end["case_id"], end["error"]) == (attempts, 28, expect.get("code"))
    assert end["may_have_been_delivered"] is expect.get("mayHaveBeenDelivered", False)
    infos = [r for r in records if r.levelno == logging.INFO]
    assert len(infos) == 1 and infos[0].getMessage().startswith("POST /crm/messenger/chat/add-message: ")
    assert len([r for r in records if r.levelno == logging.DEBUG]) == 3 * attempts - 1
    told = repr(events) + "".join(r.getMessage() for r in records)
    assert KEY not in told and MATRIX["message"]["message"] not in told
