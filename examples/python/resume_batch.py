"""A batch that survives being cancelled: the journal records every item, cancelling the
task ends the first run, and the second run with the same journal sends only the rest.
Then an uncertain send is settled by reading the case back.

Run against the local server: ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT python resume_batch.py
"""

import asyncio
import os
import tempfile
import time

import acquire_io

journal = os.path.join(tempfile.mkdtemp(), "outbox.journal")
items = [(28, f"Python resume example, item {i}") for i in range(100)]


async def first_run() -> None:
    client = acquire_io.AsyncClient(max_concurrency=4)
    task = asyncio.create_task(
        client.send_messages(items, concurrency=2, journal=journal)
    )
    await asyncio.sleep(0.05)
    task.cancel()  # what Ctrl-C does to an asyncio program
    try:
        await task
    except asyncio.CancelledError:
        print("first run: cancelled")


asyncio.run(first_run())
time.sleep(0.2)  # sends under way finish (and are journaled) on the SDK's threads

client = acquire_io.Client()
results = client.send_messages(items, journal=journal)
recorded = sum(r.source == "recorded" for r in results)
print(
    f"second run: {sum(r.ok for r in results)} of {len(items)} stored ({recorded} by the first run)"
)

started = time.time()
client.send_message(28, "Was this stored?")
print("settle:", client.settle(28, "Was this stored?", since=started).status)
