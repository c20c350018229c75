"""Sends one message into each of several cases at once, blocking and with asyncio.

Case 29 is closed, so its item fails without stopping the others.
Run against the local server: ACQUIRE_API_KEY=mock-key ACQUIRE_BASE_URL=http://127.0.0.1:PORT python send_messages.py
"""

import asyncio

import acquire_io

client = (
    acquire_io.Client()
)  # ACQUIRE_API_KEY plus ACQUIRE_ACCOUNT_ID (or ACQUIRE_BASE_URL)
items = [
    (28, "Bulk message 0 from Python"),
    (29, "Bulk message 1"),
    {"case_id": 28, "message": "Bulk note", "type": "note"},
]
for result in client.send_messages(items, concurrency=8):
    item = items[result.index]
    if result.error is not None:
        error = result.error
        print(
            f"{item}: failed ({error.code}), may have been delivered: {error.may_have_been_delivered}"
        )
    elif result.message is not None:
        print(f"{item}: sent message {result.message.id}")


async def main() -> None:
    async with acquire_io.AsyncClient() as aclient:
        sent = await asyncio.gather(
            *(aclient.send_message(28, f"async {i}") for i in range(3))
        )
        print("asyncio sent", [m.id for m in sent])


asyncio.run(main())
