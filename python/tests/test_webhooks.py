"""Webhooks: the shared vectors, the Python surface, and the reply-bot example's loop."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from conftest import VECTORS, vectors

import acquire_io
from acquire_io import webhooks
from acquire_io.testing import MockServer

WEBHOOKS = vectors("webhooks.json")
BOT = Path(__file__).resolve().parents[2] / "examples" / "python" / "reply_bot.py"
SECRET = "bot-secret"


def body_of(case: dict[str, Any]) -> bytes:
    if "bodyFile" in case:
        return (VECTORS / case["bodyFile"]).read_bytes()
    text: str = case["body"]
    return text.encode()


@pytest.mark.parametrize("case", WEBHOOKS["signatures"], ids=lambda c: c["name"])
def test_signature_vectors(case: dict[str, Any]) -> None:
    body = body_of(case)
    if case["expect"] == "ok":
        webhooks.verify(body, case["signature"], case["secret"])
        return
    with pytest.raises(acquire_io.WebhookSignatureError) as raised:
        webhooks.verify(body, case["signature"], case["secret"])
    assert raised.value.code == case["expect"]
    assert isinstance(raised.value, acquire_io.AcquireError)
    if case["signature"]:
        assert case["signature"] not in str(raised.value)


def to_api_view(event: webhooks.Event) -> dict[str, Any]:
    """The event's typed fields under the vectors' camelCase paths."""

    def message(m: webhooks.WebhookMessage) -> dict[str, Any]:
        at = m.date_created
        return {
            "id": m.id,
            "channel": m.channel,
            "senderId": m.sender_id,
            "senderType": m.sender_type,
            "type": m.type,
            "message": m.message,
            "seen": m.seen,
            "dateCreated": at.strftime("%Y-%m-%dT%H:%M:%SZ") if at else None,
            "user": user(m.user),
        }

    def user(u: webhooks.WebhookUser | None) -> dict[str, Any] | None:
        return None if u is None else {"id": u.id, "name": u.name, "type": u.type, "email": u.email}

    contact = event.contact
    last = event.last_contact_message
    return {
        "name": event.name,
        "kind": event.kind,
        "generation": event.generation,
        "caseId": event.case_id,
        "status": event.status,
        "contact": None
        if contact is None
        else {"id": contact.id, "name": contact.name, "email": contact.email, "phone": contact.phone},
        "user": user(event.user),
        "messages": [message(m) for m in event.messages],
        "lastContactMessage": None if last is None else message(last),
        "data": event.data,
    }


def lookup(value: Any, path: str) -> Any:
    for part in path.split("."):
        if part == "length":
            return len(value)
        value = value[int(part)] if isinstance(value, list) else value.get(part) if value is not None else None
    return value


@pytest.mark.parametrize("case", WEBHOOKS["events"], ids=lambda c: c["name"])
def test_event_vectors(case: dict[str, Any]) -> None:
    body = body_of(case)
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(acquire_io.WebhookPayloadError) as raised:
            webhooks.parse_event(body)
        assert raised.value.code == expect["error"]
        assert isinstance(raised.value, ValueError)
        return
    event = webhooks.parse_event(body)
    view = to_api_view(event)
    for path, expected in expect.items():
        assert lookup(view, path) == expected, path
    assert event.raw.encode() == body


def test_the_python_surface() -> None:
    body = (
        b'{"event":"case:message:new","data":{"caseId":"28","message":{"senderType":"contact","message":"hi",'
        b'"dateCreated":"Wed Mar 03 2021 10:19:49 GMT+0000 (Coordinated Universal Time)"}}}'
    )
    signature = webhooks.sign(body, "s")
    assert signature == webhooks.sign(body.decode(), "s") and len(signature) == 64
    event = webhooks.construct_event(body, signature.upper(), "s")
    assert (event.kind, event.case_id, event.generation) == ("case_message_new", 28, "v2")
    message = event.last_contact_message
    assert message is not None and message.is_from_contact and message.message == "hi"
    assert message.date_created == datetime(2021, 3, 3, 10, 19, 49, tzinfo=timezone.utc)
    assert repr(event) == "Event(name='case:message:new', case_id=28, status=None)"
    with pytest.raises(acquire_io.WebhookSignatureError) as missing:
        webhooks.construct_event(body, None, "s")
    assert missing.value.code == "missing_signature"
    with pytest.raises(acquire_io.WebhookSignatureError) as empty:
        webhooks.verify(body, signature, "")
    assert empty.value.code == "empty_secret"


class Bot:
    """examples/python/reply_bot.py, running against a local server."""

    def __init__(self, server: MockServer) -> None:
        env = {"ACQUIRE_API_KEY": "mock-key", "ACQUIRE_BASE_URL": server.url, "ACQUIRE_WEBHOOK_SECRET": SECRET}
        self.process = subprocess.Popen([sys.executable, str(BOT)], env=env, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()
        assert self.url.startswith("http://"), self.url

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def bot(server: MockServer) -> Iterator[Bot]:
    running = Bot(server)
    yield running
    running.stop()


def wait_for(done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not done() and time.monotonic() < deadline:
        time.sleep(0.02)


def test_the_reply_bot_answers_and_a_failed_reply_is_redelivered(server: MockServer, bot: Bot) -> None:
    server.set_webhook(bot.url, SECRET)
    server.script({"status": 429, "headers": {"retry-after": "3600"}})  # the first reply fails, unsent
    server.contact_message(28, "Where is my order?")
    wait_for(lambda: len(server.messages()) >= 2)
    messages = server.messages()
    assert [m["senderType"] for m in messages] == ["contact", "user"]
    assert "Where is my order?" in messages[1]["message"]
    wait_for(lambda: any(d["status"] == 200 for d in server.webhooks()))
    assert [d["status"] for d in server.webhooks()] == [503, 200]
    assert [(r["status"], r["stored"]) for r in server.requests()] == [(429, False), (200, True)]


def test_the_reply_bot_refuses_a_forged_delivery(server: MockServer, bot: Bot) -> None:
    server.set_webhook(bot.url, "someone-else")
    server.contact_message(28, "hello?")
    wait_for(lambda: len(server.webhooks()) >= 2)
    assert {d["status"] for d in server.webhooks()} == {401}
    assert len(server.messages()) == 1
