"""Sends wait on the client's own threads, never on asyncio's default executor; bulk send
keeps input order, isolates failures and never duplicates a message."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from typing import Any

import pytest

import acquire_io
from acquire_io.testing import MockServer


def slow(server: MockServer, count: int, delay_ms: int) -> None:
    server.script(*[{"delayMs": delay_ms} for _ in range(count)])


def stored_texts(server: MockServer) -> Counter[str]:
    return Counter(m["message"] for m in server.messages())


def test_async_sends_leave_the_default_executor_and_the_loop_free(server: MockServer) -> None:
    slow(server, 20, 1500)

    async def main() -> tuple[float, int]:
        client = acquire_io.AsyncClient(base_url=server.url, api_key="mock-key")
        sends = asyncio.gather(*(client.send_message(28, f"slow {i}") for i in range(20)))
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.ensure_future(tick())
        await asyncio.sleep(0.1)
        start = time.perf_counter()
        await asyncio.to_thread(lambda: None)
        waited = time.perf_counter() - start
        await sends
        ticker.cancel()
        return waited, ticks

    waited, ticks = asyncio.run(main())
    assert waited < 0.1, f"asyncio.to_thread waited {waited:.3f} s"
    assert ticks >= 50, f"the loop ticked {ticks} times in 1.5 s"
    assert len(server.messages()) == 20


def test_32_async_sends_to_a_1s_server_overlap(server: MockServer) -> None:
    slow(server, 32, 1000)

    async def main() -> list[acquire_io.Message]:
        client = acquire_io.AsyncClient(base_url=server.url, api_key="mock-key")
        return await asyncio.gather(*(client.send_message(28, f"overlap {i}") for i in range(32)))

    start = time.perf_counter()
    sent = asyncio.run(main())
    took = time.perf_counter() - start
    assert took < 2.0, f"32 sends took {took:.2f} s"
    assert sorted(m.message or "" for m in sent) == sorted(f"overlap {i}" for i in range(32))


def test_max_concurrency_bounds_the_clients_threads(server: MockServer) -> None:
    slow(server, 4, 500)

    async def main() -> None:
        client = acquire_io.AsyncClient(base_url=server.url, api_key="mock-key", max_concurrency=2)
        await asyncio.gather(*(client.send_message(28, f"bounded {i}") for i in range(4)))

    start = time.perf_counter()
    asyncio.run(main())
    assert time.perf_counter() - start >= 1.0, "two at a time: two rounds of 500 ms"
    for bad in (0, -1, 5000):
        with pytest.raises(acquire_io.InvalidRequestError) as raised:
            acquire_io.Client(base_url=server.url, api_key="k", max_concurrency=bad)
        assert raised.value.field == "maxConcurrency"
    with pytest.raises(TypeError):
        acquire_io.Client(base_url=server.url, api_key="k", max_concurrency="8")  # type: ignore[arg-type]


def test_a_cancelled_wait_leaves_the_send_to_finish(server: MockServer) -> None:
    slow(server, 1, 300)

    async def main() -> None:
        client = acquire_io.AsyncClient(base_url=server.url, api_key="mock-key")
        task = asyncio.ensure_future(client.send_message(28, "cancelled wait"))
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0.5)

    asyncio.run(main())
    assert stored_texts(server) == {"cancelled wait": 1}


def test_bulk_send_stores_a_thousand_once_each_in_input_order(server: MockServer) -> None:
    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    texts = [f"bulk {i}" for i in range(1000)]
    results = client.send_messages([(28, text) for text in texts], concurrency=8)
    assert [r.message.message for r in results if r.message] == texts
    assert [r.index for r in results] == list(range(1000))
    assert {r.source for r in results} == {"sent"}
    counts = stored_texts(server)
    assert len(counts) == 1000 and set(counts.values()) == {1}
    assert max(r["connection"] for r in server.requests()) < 8, "8 senders share the keep-alive pool"


class Outgoing:
    """A user's own object with the send_message names as attributes."""

    def __init__(self, case_id: int, message: str) -> None:
        self.case_id = case_id
        self.message = message
        self.type = "note"


def test_bulk_items_take_every_documented_shape(server: MockServer) -> None:
    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    items: list[Any] = [
        (28, "a tuple"),
        {"case_id": 28, "message": "a dict", "type": "note", "translate_lang_key": "fr"},
        acquire_io.SendMessage(28, "a SendMessage", as_contact_id=5),
        Outgoing(28, "an object"),
    ]
    results = client.send_messages(items)
    sent = [r.message for r in results if r.message]
    assert [(m.message, m.type, m.sender_type) for m in sent] == [
        ("a tuple", "message", "user"),
        ("a dict", "note", "user"),
        ("a SendMessage", "message", "contact"),
        ("an object", "note", "user"),
    ]


def test_bulk_failures_land_on_their_own_items(server: MockServer) -> None:
    server.script(
        {"status": 429, "headers": {"retry-after": "0"}, "forText": "rate limited once"},
        {"status": 500, "forText": "server error"},
    )
    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    items: list[Any] = [(28, f"ok {i}") for i in range(40)]
    items[5] = (29, "closed case")
    items[17] = (28, "rate limited once")
    items[30] = (28, "server error")
    items[33] = (28, "   ")
    items[36] = {"case_id": 28, "message": "bad type", "type": "shout"}
    results = client.send_messages(items, concurrency=8)

    failed = {r.index: r.error for r in results if r.error}
    assert [r.source for r in results if r.error] == ["sent", "sent", "sent", "not_sent"]  # 36: not a message
    assert sorted(failed) == [5, 30, 33, 36]
    assert isinstance(failed[5], acquire_io.BadRequestError)
    assert (failed[5].status, failed[5].may_have_been_delivered) == (400, False)
    assert isinstance(failed[30], acquire_io.InternalServerError)
    assert (failed[30].may_have_been_delivered, failed[30].attempts) == (True, 1)
    assert isinstance(failed[33], acquire_io.InvalidRequestError) and failed[33].field == "message"
    assert isinstance(failed[36], acquire_io.InvalidRequestError) and failed[36].field == "type"
    retried = results[17]
    assert retried.ok and retried.message and retried.message.message == "rate limited once"

    counts = stored_texts(server)
    assert len(counts) == 36 and set(counts.values()) == {1}
    assert sum("rate limited once" in r["body"] for r in server.requests()) == 2


def test_bulk_send_releases_the_gil_for_the_whole_batch(server: MockServer) -> None:
    slow(server, 4, 300)
    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    ticks = 0
    stop = threading.Event()

    def tick() -> None:
        nonlocal ticks
        while not stop.wait(0.01):
            ticks += 1

    ticker = threading.Thread(target=tick)
    ticker.start()
    results = client.send_messages([(28, f"gil {i}") for i in range(8)], concurrency=2)
    stop.set()
    ticker.join()
    assert all(r.ok for r in results)
    assert ticks >= 30, f"the ticker ran {ticks} times during >= 0.6 s"


def test_async_bulk_send_overlaps_and_keeps_order(server: MockServer) -> None:
    slow(server, 32, 1000)

    async def main() -> list[acquire_io.BatchResult]:
        client = acquire_io.AsyncClient(base_url=server.url, api_key="mock-key")
        return await client.send_messages([(28, f"async bulk {i}") for i in range(32)], concurrency=32)

    start = time.perf_counter()
    results = asyncio.run(main())
    assert time.perf_counter() - start < 2.0
    assert [r.message.message if r.message else None for r in results] == [f"async bulk {i}" for i in range(32)]


def test_bulk_input_of_the_wrong_shape_raises_before_sending(server: MockServer) -> None:
    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    bad_items: list[Any] = [
        [(28, "fine"), ("28", "text")],
        [(28, "fine"), (28,)],
        [{"case_id": 28, "text": "wrong key"}],
        [object()],
        [(28, "fine", "note", None, None, None, {"k": 1}, "one too many")],
    ]
    for items in bad_items:
        with pytest.raises(TypeError, match=r"messages\[\d\]"):
            client.send_messages(items)
    with pytest.raises(TypeError):
        client.send_messages("not a list")  # type: ignore[arg-type]
    with pytest.raises(acquire_io.InvalidRequestError) as raised:
        client.send_messages([(28, "x")], concurrency=0)
    assert raised.value.field == "concurrency"
    assert client.send_messages([]) == []
    assert server.requests() == []


def test_soak_eight_threads_times_a_thousand_through_one_client() -> None:
    from concurrent.futures import ThreadPoolExecutor

    with MockServer() as server:
        client = acquire_io.Client(base_url=server.url, api_key="mock-key")

        def work(thread: int) -> list[int]:
            return [client.send_message(28, f"soak {thread}-{i}").id for i in range(1000)]

        with ThreadPoolExecutor(8) as pool:
            ids = [i for chunk in pool.map(work, range(8)) for i in chunk]
        assert len(set(ids)) == 8000
        assert server.stats() == {"requests": 8000, "stored": 8000}
        assert max(r["connection"] for r in server.requests()) < 8, "at most 8 connections"


def test_the_interpreter_exits_cleanly_right_after_async_sends() -> None:
    """SDK threads stop handing results to the loop at exit: a thread holding the GIL while
    Python finalizes would abort the process (seen with a script ending after asyncio.run)."""
    import subprocess
    import sys

    script = (
        "import asyncio, acquire_io\n"
        "from acquire_io.testing import MockServer\n"
        "with MockServer() as server:\n"
        "    async def main():\n"
        "        client = acquire_io.AsyncClient(base_url=server.url, api_key='mock-key')\n"
        "        await asyncio.gather(*(client.send_message(28, f'x{i}') for i in range(8)))\n"
        "    asyncio.run(main())\n"
    )
    for _ in range(10):
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr
