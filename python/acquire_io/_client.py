"""The clients: :class:`Client` (blocking, thread-safe) and :class:`AsyncClient`."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any, TypeVar

from . import _native
from ._models import Message

__all__ = ["Client", "AsyncClient", "send_message"]

_IMPLEMENTATION = {"cpython": "CPython", "pypy": "PyPy"}.get(sys.implementation.name, sys.implementation.name)
_PYTHON = ".".join(map(str, sys.version_info[:3]))
_APP_INFO = f"acquire-io-python/{_native.VERSION} {_IMPLEMENTATION}/{_PYTHON}"
_OPTION_NAMES = ("timeout", "connect_timeout", "total_timeout", "max_retries", "retry_possibly_delivered")
_C = TypeVar("_C", bound="_Configured")


def _options(**values: Any) -> dict[str, Any]:
    """The timeouts and retries as the native layer takes them (``None`` = unset)."""
    return {name: values.get(name) for name in _OPTION_NAMES}


class _Secret(str):
    """A string that never shows itself in ``repr`` (so ``vars(client)`` hides the key)."""

    def __repr__(self) -> str:
        return "'***'"


class _Configured:
    """Configuration shared by the sync and async clients."""

    def __init__(
        self,
        api_key: str | None = None,
        account_id: str | None = None,
        base_url: str | None = None,
        *,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        total_timeout: float | None = None,
        max_retries: int | None = None,
        retry_possibly_delivered: bool | None = None,
        app_info: str | None = None,
    ) -> None:
        self._settings: dict[str, Any] = dict(
            api_key=_Secret(api_key) if api_key is not None else None,
            account_id=account_id,
            base_url=base_url,
            timeout=timeout,
            connect_timeout=connect_timeout,
            total_timeout=total_timeout,
            max_retries=max_retries,
            retry_possibly_delivered=retry_possibly_delivered,
            app_info=app_info,
        )
        suffix = f"{_APP_INFO} {app_info}" if app_info else _APP_INFO
        self._native = _native.Client(
            api_key,
            account_id,
            base_url,
            suffix,
            _options(**{k: self._settings[k] for k in _OPTION_NAMES}),
        )

    @property
    def base_url(self) -> str:
        """The base URL requests go to, such as ``https://myco.acquire.io``."""
        return self._native.base_url

    def with_options(self: _C, **changes: Any) -> _C:
        """A copy of this client with some settings changed (same names as ``__init__``)."""
        unknown = set(changes) - set(self._settings)
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(sorted(unknown))}")
        return type(self)(**{**self._settings, **changes})

    def _send(
        self,
        case_id: int,
        message: str,
        type: str,
        translate_lang_key: str | None,
        channel: str | None,
        contact_id: int | None,
        extra: Mapping[str, Any] | None,
        options: dict[str, Any],
    ) -> Message:
        if isinstance(case_id, bool) or not isinstance(case_id, int):
            raise TypeError(f"case_id must be an int, not {_type_name(case_id)}")
        if contact_id is not None and (isinstance(contact_id, bool) or not isinstance(contact_id, int)):
            raise TypeError(f"contact_id must be an int, not {_type_name(contact_id)}")
        if not isinstance(message, str):
            raise TypeError(f"message must be a str, not {_type_name(message)}")
        extra_json = json.dumps(dict(extra)) if extra is not None else None
        typed, raw = self._native.send_message(
            case_id, message, type, translate_lang_key, channel, contact_id, extra_json, options
        )
        return Message._from_native(json.loads(typed), raw)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key='***')"


def _type_name(value: object) -> str:
    return type(value).__name__


class Client(_Configured):
    """A blocking client for the Acquire API.

    Build it once and share it: it is thread-safe, keeps connections alive, and releases
    the GIL while it waits on the network. Unset arguments come from ``ACQUIRE_API_KEY``,
    ``ACQUIRE_ACCOUNT_ID`` and ``ACQUIRE_BASE_URL``. Timeouts are in seconds.
    """

    def send_message(
        self,
        case_id: int,
        message: str,
        *,
        type: str = "message",
        translate_lang_key: str | None = None,
        channel: str | None = None,
        contact_id: int | None = None,
        extra: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        total_timeout: float | None = None,
        max_retries: int | None = None,
        retry_possibly_delivered: bool | None = None,
    ) -> Message:
        """Sends ``message`` into case ``case_id`` and returns the stored message.

        ``type`` is ``"message"`` (the customer sees it), ``"note"`` (agents only) or
        ``"event"``; ``contact_id`` sends it as that customer instead of as the agent;
        ``extra`` adds fields to the API's message object. The other arguments override
        the client's timeouts and retries for this call.
        """
        options = _options(
            timeout=timeout,
            connect_timeout=connect_timeout,
            total_timeout=total_timeout,
            max_retries=max_retries,
            retry_possibly_delivered=retry_possibly_delivered,
        )
        return self._send(case_id, message, type, translate_lang_key, channel, contact_id, extra, options)

    def close(self) -> None:
        """Nothing to release: connections close when the client is garbage collected."""

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncClient(_Configured):
    """The asyncio twin of :class:`Client`.

    Each send runs the GIL-free native call on the event loop's default thread pool.
    Cancelling the awaiting task stops the wait, not the request: a send already on the
    wire completes in the background and may still deliver the message.
    """

    async def send_message(
        self,
        case_id: int,
        message: str,
        *,
        type: str = "message",
        translate_lang_key: str | None = None,
        channel: str | None = None,
        contact_id: int | None = None,
        extra: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        total_timeout: float | None = None,
        max_retries: int | None = None,
        retry_possibly_delivered: bool | None = None,
    ) -> Message:
        """Sends a message; the arguments are those of :meth:`Client.send_message`."""
        options = _options(
            timeout=timeout,
            connect_timeout=connect_timeout,
            total_timeout=total_timeout,
            max_retries=max_retries,
            retry_possibly_delivered=retry_possibly_delivered,
        )
        import asyncio  # imported on first use: it costs most of `import acquire_io`

        return await asyncio.get_running_loop().run_in_executor(
            None, self._send, case_id, message, type, translate_lang_key, channel, contact_id, extra, options
        )

    async def close(self) -> None:
        """Nothing to release: connections close when the client is garbage collected."""

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


_default_client: Client | None = None


def send_message(case_id: int, message: str, **kwargs: Any) -> Message:
    """Sends with a client configured from the environment (created on first use).

    Takes the keyword arguments of :meth:`Client.send_message`.
    """
    global _default_client
    if _default_client is None:
        _default_client = Client()
    return _default_client.send_message(case_id, message, **kwargs)
