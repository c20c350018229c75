"""Settling uncertain sends by reading back, and journaled batches that resume and stop
without sending anything twice."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import vectors

import acquire_io
from acquire_io.testing import MockServer


def stored_texts(server: MockServer) -> Counter[str]:
    return Counter(m["message"] for m in server.messages())


def test_settle_answers_delivered_not_delivered_and_unknown(client: acquire_io.Client, server: MockServer) -> None:
    since = time.time()
    server.script({"fault": "close"})
    with pytest.raises(acquire_io.APIConnectionError) as uncertain:
        client.send_message(28, "order shipped")
    assert uncertain.value.may_have_been_delivered
    settled = client.settle(28, "order shipped", since=since)
    assert isinstance(settled, acquire_io.Settlement)
    assert settled.status == "delivered" and settled.message is not None
    assert settled.message.id == server.messages()[0]["id"]

    server.script({"status": 500})
    with pytest.raises(acquire_io.InternalServerError):
        client.send_message(28, "never landed")
    assert client.settle(28, "never landed", since=since).status == "not_delivered"

    server.script(
        {"forPath": "/crm/objects/case/28"},
        {"forPath": "/crm/objects/case/28", "status": 200, "body": '{"data": {"id": 28}}'},
    )
    unknown = client.settle(28, "something else", since=since)
    assert unknown.status == "unknown" and unknown.reason and "history" in unknown.reason


def test_settle_uncertain_turns_an_uncertain_send_into_its_stored_message(server: MockServer) -> None:
    client = acquire_io.Client(base_url=server.url, api_key="mock-key", settle_uncertain=True)
    server.script({"fault": "reset"})
    sent = client.send_message(28, "hello")
    assert sent.id == server.messages()[0]["id"]
    assert server.stats()["stored"] == 1
    no_retry = client.with_options(max_retries=0)
    server.script({"status": 502})
    with pytest.raises(acquire_io.APIError) as raised:
        no_retry.send_message(28, "again")
    assert raised.value.may_have_been_delivered is False


def test_a_journaled_batch_resumes_and_refuses_another_input(
    client: acquire_io.Client, server: MockServer, tmp_path: Path
) -> None:
    journal = tmp_path / "batch.journal"
    items = [(28, f"item {i}") for i in range(30)]
    first = client.send_messages(items, journal=journal)
    assert all(r.ok and r.source == "sent" for r in first)
    again = client.send_messages(items, journal=journal)
    assert [r.source for r in again] == ["recorded"] * 30
    assert [r.message.id for r in again if r.message] == [r.message.id for r in first if r.message]
    assert server.stats()["stored"] == 30
    with pytest.raises(acquire_io.JournalError) as raised:
        client.send_messages(items[:5], journal=journal)
    assert type(raised.value) is acquire_io.JournalError
    assert "belongs to another input" in str(raised.value)
    assert raised.value.field == str(journal) and raised.value.may_have_been_delivered is False
    assert server.stats()["stored"] == 30


def test_a_journal_in_use_by_another_run_is_refused_and_nothing_is_sent_twice(
    server: MockServer, tmp_path: Path
) -> None:
    journal = tmp_path / "batch.journal"
    items = [(28, f"item {i}") for i in range(200)]
    server.script(*[{"delayMs": 5} for _ in range(200)])

    async def two_runs_at_once() -> tuple[Any, Any]:
        client = acquire_io.AsyncClient(base_url=server.url, api_key="mock-key")
        first = asyncio.create_task(client.send_messages(items, concurrency=4, journal=journal))
        await asyncio.sleep(0.1)  # the first run holds the journal
        second = await asyncio.gather(client.send_messages(items, journal=journal), return_exceptions=True)
        return await first, second[0]

    first, refused = asyncio.run(two_runs_at_once())
    assert all(r.ok for r in first)
    assert type(refused) is acquire_io.JournalInUseError
    assert isinstance(refused, acquire_io.JournalError)
    assert str(refused) == f"journal {journal} is in use by another run"
    assert refused.code == "journal_in_use" and refused.field == str(journal)
    assert refused.may_have_been_delivered is False and refused.attempts == 0
    texts = stored_texts(server)
    assert len(texts) == 200 and set(texts.values()) == {1}


def test_cancelling_an_async_batch_stops_it_and_the_journal_resumes_it(server: MockServer, tmp_path: Path) -> None:
    journal = tmp_path / "batch.journal"
    items = [(28, f"item {i}") for i in range(400)]
    server.script(*[{"delayMs": 10} for _ in range(400)])

    async def cancel_midway() -> None:
        client = acquire_io.AsyncClient(base_url=server.url, api_key="mock-key")
        task = asyncio.create_task(client.send_messages(items, concurrency=4, journal=journal))
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(cancel_midway())
    time.sleep(0.2)  # sends under way finish on the SDK's threads
    first = server.stats()["stored"]
    assert 0 < first < 400
    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    progress: list[tuple[int, int]] = []
    results = client.send_messages(items, concurrency=4, journal=journal, on_progress=lambda *p: progress.append(p))
    assert all(r.ok for r in results)
    assert sorted(progress) == [(done, 400) for done in range(1, 401)]
    assert {r.source for r in results} == {"recorded", "sent"} and sum(r.source == "recorded" for r in results) >= first
    texts = stored_texts(server)
    assert len(texts) == 400 and set(texts.values()) == {1}


SETTLE = vectors("settle.json")


@pytest.mark.parametrize("case", SETTLE["cases"], ids=lambda c: c["name"])
def test_shared_settle_vectors(client: acquire_io.Client, server: MockServer, case: dict[str, Any]) -> None:
    server.script(*case["answers"])
    send = case["send"]
    since = datetime.fromisoformat(case["since"].replace("Z", "+00:00"))
    settled = client.settle(
        send["caseId"], send["message"], since=since, type=send["type"], as_contact_id=send.get("asContactId")
    )
    assert settled.status == case["expect"]["status"], settled
    if settled.message is not None:
        assert settled.message.id == case["expect"]["messageId"]
