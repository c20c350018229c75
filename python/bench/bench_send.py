"""The Python clients of the benchmark, against the local server in ``--static`` mode.

- ``.venv/bin/python python/bench/bench_send.py``: starts its own server and prints µs per
  send for acquire_io and its peers, one request at a time;
- ``.venv/bin/python python/bench/bench_send.py CLIENT SENDS URL``: one client against a
  running server, printing ``{"client", "us_per_send"}`` as JSON (what ``bench/run.py``,
  i.e. ``make bench``, calls, interleaving every language's clients round by round).

Clients: ``acquire_io``, ``http.client`` (a hand-written stdlib loop + ``json.loads``),
``urllib3``, ``httpx``, ``requests``; each with ``-8threads`` (8 threads sharing the
client, or one connection each for ``http.client``); ``acquire_io-bulk``
(``send_messages``, 8 at a time); ``acquire_io-logged`` (the ``acquire_io`` logger at
DEBUG, formatted into a null stream: the cost of observability); ``rss`` (resident memory
after 100, SENDS/2 and SENDS sends).
Every peer posts the same body and parses the JSON answer.
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

PATH = "/api/v1/crm/messenger/chat/add-message?-x-user-type=user"
BODY = '{"message":{"type":"message","message":"this is test message"},"caseId":28}'
TEXT = "this is test message"
HEADERS = {"Authorization": "Bearer mock-key", "Content-Type": "application/json"}
THREADS = 8


def senders(name: str, url: str) -> Callable[[], Callable[[], Any]]:
    """A factory of send functions for a client: one per thread."""
    endpoint = url + PATH
    if name == "acquire_io":
        import acquire_io

        client = acquire_io.Client(base_url=url, api_key="mock-key")
        return lambda: lambda: client.send_message(28, TEXT)
    if name == "acquire_io-logged":
        import io
        import logging

        import acquire_io

        logger = logging.getLogger("acquire_io")
        logger.addHandler(logging.StreamHandler(io.StringIO()))  # formatted, then dropped
        logger.setLevel(logging.DEBUG)
        logged = acquire_io.Client(base_url=url, api_key="mock-key")
        return lambda: lambda: logged.send_message(28, TEXT)
    if name == "http.client":
        host = urlsplit(url)

        def connection() -> Callable[[], Any]:
            conn = http.client.HTTPConnection(host.hostname or "127.0.0.1", host.port)

            def send() -> Any:
                conn.request("POST", PATH, BODY, HEADERS)
                return json.loads(conn.getresponse().read())

            return send

        return connection
    if name == "urllib3":
        import urllib3

        pool = urllib3.PoolManager(maxsize=THREADS)
        return lambda: lambda: pool.request("POST", endpoint, body=BODY, headers=HEADERS).json()
    if name == "httpx":
        import httpx

        shared = httpx.Client(limits=httpx.Limits(max_keepalive_connections=THREADS))
        return lambda: lambda: shared.post(endpoint, content=BODY, headers=HEADERS).json()
    if name == "requests":
        import requests

        def session() -> Callable[[], Any]:  # a Session per thread: it is not thread-safe
            own = requests.Session()
            return lambda: own.post(endpoint, data=BODY, headers=HEADERS).json()

        return session
    raise SystemExit(f"unknown client {name}")


def sequential(make: Callable[[], Callable[[], Any]], sends: int) -> float:
    send = make()
    for _ in range(max(1, sends // 10)):
        send()
    start = time.perf_counter()
    for _ in range(sends):
        send()
    return (time.perf_counter() - start) * 1e6 / sends


def threaded(make: Callable[[], Callable[[], Any]], sends: int) -> float:
    per_thread = [make() for _ in range(THREADS)]
    for send in per_thread:
        send()

    def work(send: Callable[[], Any]) -> None:
        for _ in range(sends // THREADS):
            send()

    threads = [threading.Thread(target=work, args=(send,)) for send in per_thread]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return (time.perf_counter() - start) * 1e6 / sends


def rss_kib() -> int:
    """What stays resident, after a garbage collection."""
    import gc

    gc.collect()
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4


def run(name: str, sends: int, url: str) -> dict[str, Any]:
    if name == "acquire_io-bulk":
        import acquire_io

        client = acquire_io.Client(base_url=url, api_key="mock-key")
        start = time.perf_counter()
        results = client.send_messages([(28, TEXT)] * sends, concurrency=THREADS)
        assert all(r.ok for r in results)
        return {"client": name, "us_per_send": (time.perf_counter() - start) * 1e6 / sends}
    if name == "rss":
        send = senders("acquire_io", url)()
        for _ in range(100):
            send()
        after_100 = rss_kib()
        for _ in range(sends // 2 - 100):
            send()
        after_half = rss_kib()
        for _ in range(sends // 2):
            send()
        return {"client": name, "rss_kib_100": after_100, "rss_kib_half": after_half, "rss_kib_all": rss_kib()}
    if name.endswith("-8threads"):
        return {"client": name, "us_per_send": threaded(senders(name.removesuffix("-8threads"), url), sends)}
    return {"client": name, "us_per_send": sequential(senders(name, url), sends)}


def main() -> None:
    if len(sys.argv) == 4:
        print(json.dumps(run(sys.argv[1], int(sys.argv[2]), sys.argv[3])))
        return
    from acquire_io.testing import MockServer

    with MockServer(static=True) as server:
        print("µs per send, 2,000 sends each, loopback, acquire-mock --static (full run: make bench):")
        for name in ("http.client", "urllib3", "httpx", "requests", "acquire_io"):
            print(f"  {name:12} {run(name, 2000, server.url)['us_per_send']:8.1f}")


if __name__ == "__main__":
    main()
