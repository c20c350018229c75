"""The client's events: the on_event hook, the acquire_io logger and ACQUIRE_LOG."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from typing import Any

import pytest

import acquire_io
from acquire_io._log import hook_for
from acquire_io.testing import MockServer


def test_a_retried_send_tells_each_step(server: MockServer) -> None:
    events: list[dict[str, Any]] = []
    server.script({"status": 429, "headers": {"retry-after": "1"}})
    client = acquire_io.Client(base_url=server.url, api_key="mock-key", on_event=events.append)
    client.send_message(28, "A private note")
    assert [e["event"] for e in events] == ["request", "response", "retry", "request", "response", "finished"]
    assert events[1]["status"] == 429 and events[1]["error"] == "rate_limited"
    assert events[2]["delay"] == 1.0 and events[2]["reason"] == "rate_limited"
    assert events[-1]["status"] == 200 and events[-1]["error"] is None and events[-1]["attempts"] == 2
    assert "A private note" not in repr(events) and "mock-key" not in repr(events)


def test_reads_tell_too(server: MockServer) -> None:
    events: list[dict[str, Any]] = []
    client = acquire_io.Client(base_url=server.url, api_key="mock-key", on_event=events.append)
    client.cases.get(28)
    assert events[-1]["method"] == "GET" and events[-1]["path"] == "/crm/objects/case/28"


def test_a_raising_hook_is_reported_once_and_never_breaks_a_send(
    server: MockServer, capfd: pytest.CaptureFixture[str]
) -> None:
    def hook(event: dict[str, Any]) -> None:
        raise RuntimeError("a bug in the hook")

    client = acquire_io.Client(base_url=server.url, api_key="mock-key", on_event=hook)
    assert client.send_message(28, "one").message == "one"
    assert client.send_message(28, "two").message == "two"
    err = capfd.readouterr().err
    assert err.count("the on_event hook raised RuntimeError") == 1, err


def test_the_hook_must_be_callable() -> None:
    with pytest.raises(TypeError, match="on_event must be callable"):
        acquire_io.Client(base_url="http://127.0.0.1:9", api_key="k", on_event="print")  # type: ignore[arg-type]


def test_with_logging_off_and_no_hook_the_native_client_gets_none(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="acquire_io")
    assert hook_for(None, lambda: "127.0.0.1") is None
    caplog.set_level(logging.INFO, logger="acquire_io")
    assert hook_for(None, lambda: "127.0.0.1") is not None


def test_the_logger_gets_one_info_line_per_call(server: MockServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="acquire_io")
    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    client.send_message(28, "A private note")
    assert len(caplog.records) == 1
    line = caplog.records[0].getMessage()
    assert line.startswith("POST /crm/messenger/chat/add-message: ok (status 200) after 1 attempt(s), ")
    assert "A private note" not in caplog.text and "mock-key" not in caplog.text


def test_acquire_log_turns_the_logger_on_without_code(server: MockServer) -> None:
    script = (
        "import acquire_io\n"
        f"acquire_io.Client(base_url={server.url!r}, api_key='mock-key').send_message(28, 'A private note')\n"
    )
    env = {**os.environ, "ACQUIRE_LOG": "debug"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    lines = done.stderr.splitlines()
    assert [line.split(" acquire_io ")[1].split(" ")[0] for line in lines] == ["DEBUG", "DEBUG", "INFO"], lines
    assert "A private note" not in done.stderr and "mock-key" not in done.stderr


def test_log_bodies_gives_the_hook_and_debug_log_the_bodies_cut(
    server: MockServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="acquire_io")
    events: list[dict[str, Any]] = []
    client = acquire_io.Client(base_url=server.url, api_key="mock-key", on_event=events.append, log_bodies=True)
    client.send_message(28, "A private note " + "x" * 2000)
    request, response = events[0], events[1]
    assert request["body"].startswith('{"message":{"type":"message","message":"A private note x')
    assert request["body"].endswith(" bytes)") and len(request["body"].encode()) < 1100
    assert '"senderType":"user"' in response["body"]
    assert "body {" in caplog.records[0].getMessage()
    assert "mock-key" not in repr(events) + caplog.text


def test_log_bodies_must_be_a_bool() -> None:
    with pytest.raises(TypeError, match="log_bodies must be a bool"):
        acquire_io.Client(api_key="k", base_url="http://127.0.0.1:1", log_bodies="yes")  # type: ignore[arg-type]
