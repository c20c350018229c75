"""The clients' surface: typed results, options, env config, repr, async, threads."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import datetime, timezone

import pytest

import acquire_io
from acquire_io.testing import MockServer


def test_typed_message(client: acquire_io.Client, server: MockServer) -> None:
    msg = client.send_message(28, "Bonjour", type="note", translate_lang_key="fr", extra={"priority": 2})
    assert (msg.id, msg.case_id, msg.type, msg.message) == (329, 28, "note", "Bonjour")
    assert (msg.sender_type, msg.sender_id, msg.seen) == ("user", 23, False)
    assert isinstance(msg.date_created, datetime) and msg.date_created.tzinfo == timezone.utc
    assert msg.case is not None and msg.case.status == "active"
    assert msg.case.contact is not None and msg.case.contact.id == 5
    assert [u.participant_type for u in msg.case.users] == ["user", "contact"]
    assert msg.sender is not None and msg.sender.name == "TokenNew"
    assert msg.raw_data == server.messages()[0]
    assert msg.raw_data["translateLangKey"] == "fr"
    assert msg.extra == {"translateLangKey": "fr"}
    assert msg.to_dict()["case"]["contact"]["id"] == 5
    with pytest.raises(AttributeError):
        msg.id = 1  # type: ignore[misc]
    assert '"priority":2' in server.requests()[0]["body"]


def test_as_the_contact(client: acquire_io.Client) -> None:
    msg = client.send_message(28, "Hi", as_contact_id=5)
    assert (msg.sender_type, msg.sender_id) == ("contact", 5)


def test_equality_and_repr(client: acquire_io.Client, server: MockServer) -> None:
    server.script(
        {"status": 200, "body": '{"data": {"id": 1, "caseId": 28}}'},
        {"status": 200, "body": '{"data": {"id": 1, "caseId": 28}}'},
    )
    a, b = client.send_message(28, "x"), client.send_message(28, "x")
    assert a == b and a.message is None
    assert repr(a).startswith("Message(id=1, case_id=28")


def test_repr_never_shows_the_key(server: MockServer) -> None:
    client = acquire_io.Client(base_url=server.url, api_key="sk-live-secret-123")
    assert "secret" not in repr(client) and "secret" not in str(client)
    assert repr(client) == f"Client(base_url='{server.url}', api_key='***')"
    assert "secret" not in repr(client.with_options(timeout=1.0))
    assert "secret" not in repr(vars(client))


def test_with_options_and_per_call_overrides(client: acquire_io.Client, server: MockServer) -> None:
    server.script({"delayMs": 300}, {"delayMs": 300})
    fast = client.with_options(timeout=0.1)
    assert isinstance(fast, acquire_io.Client) and fast.base_url == client.base_url
    with pytest.raises(acquire_io.APITimeoutError):
        fast.send_message(28, "x")
    assert fast.send_message(28, "x", timeout=5.0).case_id == 28
    with pytest.raises(TypeError):
        client.with_options(colour="red")


def test_context_manager(server: MockServer) -> None:
    with acquire_io.Client(base_url=server.url, api_key="mock-key") as client:
        assert client.send_message(28, "x").id == 329


def test_module_level_function_reads_the_environment(acquire_mock: MockServer) -> None:
    import acquire_io._client as module

    module._default_client = None
    msg = acquire_io.send_message(28, "from env", type="note")
    assert msg.type == "note"
    assert acquire_mock.requests()[0]["stored"] is True
    module._default_client = None


def test_client_from_environment(acquire_mock: MockServer) -> None:
    assert acquire_io.Client().base_url == acquire_mock.url


def test_user_agent_names_python(client: acquire_io.Client, server: MockServer) -> None:
    client.send_message(28, "x")
    agent = dict(server.requests()[0]["headers"])["user-agent"]
    assert agent.startswith("acquire-rs/") and "acquire-io-python/" in agent and "Python/" in agent


def test_eight_threads_share_one_client_and_deliver_once(client: acquire_io.Client, server: MockServer) -> None:
    texts = [f"thread {i}" for i in range(8)]
    results: list = []  # type: ignore[type-arg]
    threads = [threading.Thread(target=lambda t=t: results.append(client.send_message(28, t))) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(m.message for m in results) == sorted(texts)
    assert sorted(m["message"] for m in server.messages()) == sorted(texts)
    assert len(server.requests()) == 8


def test_waiting_releases_the_gil(client: acquire_io.Client, server: MockServer) -> None:
    server.script({"delayMs": 500})
    ticks = 0
    done = threading.Event()

    def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1  # pure Python work: runs only while the sender does not hold the GIL
            time.sleep(0.001)

    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        client.send_message(28, "slow")
    finally:
        done.set()
        thread.join()
    # A held GIL during the 0.5 s wait would freeze the ticker; free, it ticks ~hundreds.
    assert ticks > 50


def test_async_client_sends_concurrently(server: MockServer) -> None:
    server.script([{"delayMs": 300}] * 8)

    async def main() -> list:  # type: ignore[type-arg]
        async with acquire_io.AsyncClient(base_url=server.url, api_key="mock-key") as client:
            return await asyncio.gather(*(client.send_message(28, f"async {i}") for i in range(8)))

    started = time.monotonic()
    sent = asyncio.run(main())
    elapsed = time.monotonic() - started
    assert sorted(m.message for m in sent) == sorted(f"async {i}" for i in range(8))
    assert len(server.messages()) == 8
    # Sequential sends would take 8 x 0.3 s; the thread pool overlaps them.
    assert elapsed < 2.0, elapsed


def test_async_errors_are_the_same_classes(server: MockServer) -> None:
    async def main() -> None:
        client = acquire_io.AsyncClient(base_url=server.url, api_key="mock-key")
        await client.send_message(99, "x")

    with pytest.raises(acquire_io.BadRequestError):
        asyncio.run(main())


def test_models_are_immutable_unhashable_and_pickle(client: acquire_io.Client) -> None:
    import pickle

    msg = client.send_message(28, "Pickled", type="note", extra={"priority": 2})
    again = pickle.loads(pickle.dumps(msg))
    assert type(again) is acquire_io.Message
    assert again == msg and again.raw == msg.raw and again.raw_data == msg.raw_data
    assert again.date_created == msg.date_created and again.type == "note"
    assert msg.case is not None
    case = pickle.loads(pickle.dumps(msg.case))
    assert case == msg.case and case.users == msg.case.users and case.contact == msg.case.contact
    assert msg.to_dict()["case"] == case.to_dict()
    for obj in (msg, msg.case, msg.sender):
        with pytest.raises(TypeError):
            hash(obj)
        with pytest.raises(AttributeError):
            obj.id = 1  # type: ignore[misc, union-attr]
    other = client.send_message(28, "Different")
    assert other != msg and msg != "a string" and not (msg == other)
    assert repr(msg.case).startswith("Case(id=28, thread_id=")
    assert "raw=" not in repr(msg) and "extra" not in repr(msg)
    assert msg.to_dict()["type"] == "note" and "raw" not in msg.to_dict()
    msg.extra["mutated"] = True  # a fresh dict each time: the message itself never changes
    assert "mutated" not in msg.extra
