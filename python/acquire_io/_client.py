"""The clients — :class:`Client` (blocking, thread-safe) and :class:`AsyncClient`, one
implementation (``_async_client.py`` and ``_async_resources.py``; the ``_sync_*`` twins are
generated from them) — and the module-level :func:`send_message`."""

from __future__ import annotations

from ._async_client import AsyncClient
from ._native import Message
from ._sync_client import Client

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["Client", "AsyncClient", "send_message"]

_default_client: Client | None = None


def send_message(case_id: int, message: str, **kwargs: Any) -> Message:
    """Sends with a client configured from the environment (created on first use).

    Takes the keyword arguments of :meth:`Client.send_message`.
    """
    global _default_client
    if _default_client is None:
        _default_client = Client()
    return _default_client.send_message(case_id, message, **kwargs)
