"""Does a slow Acquire freeze the rest of an asyncio app?

Against one local server whose answers are delayed by 2 s: with 20 ``AsyncClient`` sends in
flight, how long ``asyncio.to_thread`` of a no-op waits (the loop's default executor), and
how long the 20 sends take.

Run: make wheel && .venv/bin/python python/bench/bench_host_starvation.py
"""

from __future__ import annotations

import asyncio
import time

import acquire_io
from acquire_io.testing import MockServer

DELAY_MS = 2000
SENDS = 20


async def main() -> None:
    with MockServer() as server:
        client = acquire_io.AsyncClient(base_url=server.url, api_key="mock-key")
        server.script(*[{"delayMs": DELAY_MS} for _ in range(SENDS)])
        start = time.perf_counter()
        sends = asyncio.gather(*(client.send_message(28, f"slow {i}") for i in range(SENDS)))
        await asyncio.sleep(0.1)
        before = time.perf_counter()
        await asyncio.to_thread(lambda: None)
        to_thread = time.perf_counter() - before
        await sends
        took = time.perf_counter() - start
    print(f"asyncio.to_thread while {SENDS} sends wait on a {DELAY_MS} ms server: {to_thread * 1000:.1f} ms")
    print(f"{SENDS} concurrent AsyncClient sends: {took:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
