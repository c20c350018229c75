"""Run the local Acquire server from tests, so code that sends messages can be tested
without the network or an account.

>>> from acquire_io.testing import MockServer
>>> with MockServer() as server:  # doctest: +SKIP
...     client = acquire_io.Client(base_url=server.url, api_key="mock-key")
...     client.send_message(28, "Hi")
...     assert server.requests()[0]["stored"]

The server runs inside this process (no binary needed). Installed with pytest, the
package also registers a ``acquire_mock`` fixture: a fresh server per test, with
``ACQUIRE_BASE_URL`` and ``ACQUIRE_API_KEY`` pointing at it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from . import _native

__all__ = ["MockServer", "acquire_mock", "MOCK_API_KEY"]

MOCK_API_KEY = "mock-key"
"""The default fixtures' API key with chat permission (``mock-key-no-chat`` has none)."""


class MockServer:
    """A local Acquire-compatible server on ``127.0.0.1`` and a free port.

    ``fixtures`` replaces the default state (keys ``mock-key``/``mock-key-no-chat``;
    contacts 5 ``ann@example.com`` with active case 28 and closed case 29, 6
    ``bob@example.com`` with only the closed case 30, 7 and 8 sharing ``sam@example.com``,
    9 ``nia@example.com`` with no case); ``static=True`` answers every valid
    send with the same message and keeps no state (for benchmarks). With ``webhook_url``
    and ``webhook_secret`` it POSTs signed webhooks there, as Acquire does.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        fixtures: Mapping[str, Any] | None = None,
        static: bool = False,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
    ) -> None:
        fixtures_json = json.dumps(fixtures) if fixtures is not None else None
        self._server = _native.MockServer(host, port, fixtures_json, static, webhook_url, webhook_secret)

    @property
    def url(self) -> str:
        """The base URL, such as ``http://127.0.0.1:41234``."""
        return self._server.url

    @property
    def inbox_url(self) -> str:
        """The web inbox (the base URL's page ``/``): open it to watch a paused test."""
        return f"{self._server.url}/"

    def requests(self) -> list[dict[str, Any]]:
        """The journal: one dict per request (``method``, ``path``, ``headers``, ``body``,
        ``status``, ``stored``, ``fault``, ``connection``, ``time``); the Authorization
        value is masked as ``Bearer ***``."""
        entries: list[dict[str, Any]] = json.loads(self._server.requests())
        return entries

    def messages(self) -> list[dict[str, Any]]:
        """The messages stored so far, as the API returns them."""
        messages: list[dict[str, Any]] = json.loads(self._server.messages())
        return messages

    def script(self, *steps: Mapping[str, Any] | Iterable[Mapping[str, Any]]) -> None:
        """Queues scripted answers, one per send: ``{"status": 503, "headers":
        {"retry-after": "1"}}``, ``{"fault": "close"}``, ... (see docs/local-server.md)."""
        flat: list[Mapping[str, Any]] = []
        for step in steps:
            if isinstance(step, Mapping):
                flat.append(step)
            else:
                flat.extend(step)
        self._server.script(json.dumps(flat))

    def stats(self) -> dict[str, int]:
        """Totals since the start or the last reset: ``requests`` received and messages
        ``stored`` (the journal and message lists keep only the newest 100,000)."""
        totals: dict[str, int] = json.loads(self._server.stats())
        return totals

    def set_webhook(self, url: str | None, secret: str | None = None) -> None:
        """Sends webhooks to ``url`` signed with ``secret`` from now on (``None``: stop),
        e.g. once the endpoint under test has started."""
        self._server.set_webhook(url, secret)

    def webhooks(self) -> list[dict[str, Any]]:
        """Every webhook delivery attempt: ``event``, ``attempt``, ``status`` (``None`` when
        the endpoint was unreachable), ``error``, ``time``, ``body``, ``signature``."""
        deliveries: list[dict[str, Any]] = json.loads(self._server.webhooks())
        return deliveries

    def add_contact(self, *, email: str | None = None, name: str | None = None, **fields: str) -> dict[str, Any]:
        """Adds a contact with these fields; returns it (with its ``id``)."""
        named = {k: v for k, v in (("email", email), ("name", name)) if v is not None}
        contact: dict[str, Any] = json.loads(self._server.add_contact(json.dumps({"fields": {**named, **fields}})))
        return contact

    def add_cases(self, contact_id: int, *, status: str = "active", count: int = 1) -> list[int]:
        """Adds ``count`` cases with ``status`` for a contact, each in its own thread;
        returns their ids."""
        return self._server.add_cases(contact_id, status, count)

    def contact_message(self, case_id: int, text: str) -> dict[str, Any]:
        """Speaks as the case's customer: stores their message and sends the signed
        ``case:message:new`` webhook (with ``webhook_url``). Returns the stored message."""
        message: dict[str, Any] = json.loads(self._server.contact_message(case_id, text))
        return message

    def set_case_status(self, case_id: int, status: str) -> dict[str, Any]:
        """Sets a case's status (``active``, ``closed``, ...) and sends the signed
        ``case:status`` webhook (with ``webhook_url``). Returns the case."""
        case: dict[str, Any] = json.loads(self._server.set_case_status(case_id, status))
        return case

    def reset(self) -> None:
        """Clears the journal and the script and restores the fixtures."""
        self._server.reset()

    def stop(self) -> None:
        """Stops the server (also done on leaving a ``with`` block)."""
        self._server.stop()

    def __enter__(self) -> MockServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"MockServer(url={self.url!r})"


try:
    import pytest
except ImportError:  # pragma: no cover - pytest is optional
    pass
else:

    @pytest.fixture
    def acquire_mock(monkeypatch: pytest.MonkeyPatch) -> Iterator[MockServer]:
        """A fresh local Acquire server; ``ACQUIRE_BASE_URL``/``ACQUIRE_API_KEY`` point at it."""
        with MockServer() as server:
            monkeypatch.setenv("ACQUIRE_BASE_URL", server.url)
            monkeypatch.setenv("ACQUIRE_API_KEY", MOCK_API_KEY)
            monkeypatch.delenv("ACQUIRE_ACCOUNT_ID", raising=False)
            yield server
