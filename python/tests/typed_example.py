"""A typed use of the package, checked by `mypy --strict` in `make test`."""

from __future__ import annotations

from datetime import datetime

import acquire_io
from acquire_io.testing import MockServer


def notify(client: acquire_io.Client, case_id: int) -> datetime | None:
    try:
        msg: acquire_io.Message = client.send_message(case_id, "Your order shipped", type="note")
    except acquire_io.RateLimitError as err:
        wait: float | None = err.retry_after
        print(f"retry in {wait}")
        return None
    except acquire_io.APIStatusError as err:
        print(err.status, err.error_type, err.message)
        return None
    status: str | None = msg.case.status if msg.case else None
    print(msg.id, status)
    return msg.date_created


async def notify_async(client: acquire_io.AsyncClient) -> int:
    msg = await client.send_message(28, "Hi", as_contact_id=5, timeout=2.5)
    return msg.id


def announce(client: acquire_io.Client, case_ids: list[int]) -> list[int]:
    items: list[acquire_io.BulkItem] = [acquire_io.SendMessage(case_id, "We are back online") for case_id in case_ids]
    items.append({"case_id": 28, "message": "Back", "type": "note"})
    sent: list[int] = []
    for result in client.send_messages(items, concurrency=4, on_progress=lambda done, total: print(done, total)):
        if result.error is not None:
            print(result.index, result.error.code, result.error.may_have_been_delivered)
        elif result.message is not None:
            sent.append(result.message.id)
    return sent


def on_webhook(client: acquire_io.Client, body: bytes, signature: str | None, secret: str) -> int:
    try:
        event = acquire_io.webhooks.construct_event(body, signature, secret)
    except acquire_io.WebhookSignatureError as err:
        print(err.code)
        return 401
    message: acquire_io.webhooks.WebhookMessage | None = event.last_contact_message
    if event.case_id is not None and message is not None and message.is_from_contact:
        client.send_message(event.case_id, f"You said: {message.message}")
    return 200


if __name__ == "__main__":
    with MockServer() as server:
        notify(acquire_io.Client(base_url=server.url, api_key="mock-key"), 28)
