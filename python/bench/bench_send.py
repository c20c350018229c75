"""µs per send: acquire_io.Client.send_message against requests.Session, same local server.

Run: make wheel && .venv/bin/python python/bench/bench_send.py
Both post the same body to one acquire-mock in --static mode over keep-alive loopback;
requests also parses the JSON (json()), acquire_io builds its typed Message.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import requests

import acquire_io
from acquire_io.testing import MockServer

SENDS = 2000
ROUNDS = 5
PATH = "/api/v1/crm/messenger/chat/add-message?-x-user-type=user"
BODY = '{"message":{"type":"message","message":"this is test message"},"caseId":28}'


def micros(run: Callable[[], None]) -> float:
    for _ in range(SENDS // 10):
        run()
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(SENDS):
            run()
        rounds.append((time.perf_counter() - start) * 1e6 / SENDS)
    return statistics.median(rounds)


def main() -> None:
    with MockServer(static=True) as server:
        client = acquire_io.Client(base_url=server.url, api_key="mock-key")
        ours = micros(lambda: client.send_message(28, "this is test message") and None)

        session = requests.Session()
        headers = {"Authorization": "Bearer mock-key", "Content-Type": "application/json"}
        url = server.url + PATH

        def with_requests() -> None:
            response = session.post(url, data=BODY, headers=headers)
            assert response.json()["data"]["caseId"] == 28

        peer = micros(with_requests)
    print(f"µs per send (median of {ROUNDS} x {SENDS}, loopback, acquire-mock --static):")
    print(f"  requests.Session + json()   {peer:8.1f}")
    print(f"  acquire_io send_message     {ours:8.1f}")
    print(f"acquire_io / requests = {ours / peer:.2f}x")


if __name__ == "__main__":
    main()
