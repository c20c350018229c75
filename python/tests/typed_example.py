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
    except acquire_io.APIError as err:
        print(err.status, err.error_type, err.message)
        return None
    status: str | None = msg.case.status if msg.case else None
    print(msg.id, status)
    return msg.date_created


async def notify_async(client: acquire_io.AsyncClient) -> int:
    msg = await client.send_message(28, "Hi", contact_id=5, timeout=2.5)
    return msg.id


if __name__ == "__main__":
    with MockServer() as server:
        notify(acquire_io.Client(base_url=server.url, api_key="mock-key"), 28)
