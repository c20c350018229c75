"""What the two clients share: configuration (``_Configured``), per-call options, and how
each runs a native call — :class:`_SyncBase` on the calling thread (the GIL released
inside), :class:`_AsyncBase` on the client's own threads, completing an asyncio future."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping

from . import _native
from ._parts import _type_name

# `typing` would cost a third of `import acquire_io`: type-only imports are for the
# checkers, which treat any TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import asyncio
    from typing import Any, TypeVar

    _C = TypeVar("_C", bound="_Configured")

__all__ = ["OPTION_NAMES", "request_options"]

_IMPLEMENTATION = {"cpython": "CPython", "pypy": "PyPy"}.get(sys.implementation.name, sys.implementation.name)
_PYTHON = ".".join(map(str, sys.version_info[:3]))
_APP_INFO = f"acquire-io-python/{_native.VERSION} {_IMPLEMENTATION}/{_PYTHON}"

OPTION_NAMES = (
    "timeout",
    "connect_timeout",
    "total_timeout",
    "max_retries",
    "retry_possibly_delivered",
    "settle_uncertain",
)
"""The per-call options (:class:`acquire_io.RequestOptions`), in the order of the docs."""


def request_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """The ``**options`` of a call as the native layer takes them (``None`` = the
    client's value); an unknown name is a ``TypeError``, as for any keyword argument."""
    unknown = [name for name in options if name not in OPTION_NAMES]
    if unknown:
        raise TypeError(f"unexpected keyword argument {unknown[0]!r} (per-call options: {', '.join(OPTION_NAMES)})")
    return {name: options.get(name) for name in OPTION_NAMES}


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
        settle_uncertain: bool | None = None,
        app_info: str | None = None,
        max_concurrency: int | None = None,
        on_event: Callable[[dict[str, Any]], object] | None = None,
        log_bodies: bool = False,
        mail_from: str | None = None,
        sms_from: str | None = None,
    ) -> None:
        if on_event is not None and not callable(on_event):
            raise TypeError(f"on_event must be callable, not {_type_name(on_event)}")
        if not isinstance(log_bodies, bool):
            raise TypeError(f"log_bodies must be a bool, not {_type_name(log_bodies)}")
        if max_concurrency is not None and (isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int)):
            raise TypeError(f"max_concurrency must be an int, not {_type_name(max_concurrency)}")
        options = dict(
            timeout=timeout,
            connect_timeout=connect_timeout,
            total_timeout=total_timeout,
            max_retries=max_retries,
            retry_possibly_delivered=retry_possibly_delivered,
            settle_uncertain=settle_uncertain,
        )
        self._settings: dict[str, Any] = dict(
            api_key=_Secret(api_key) if api_key is not None else None,
            account_id=account_id,
            base_url=base_url,
            app_info=app_info,
            max_concurrency=max_concurrency,
            on_event=on_event,
            log_bodies=log_bodies,
            mail_from=mail_from,
            sms_from=sms_from,
            **options,
        )
        from urllib.parse import urlsplit

        from ._log import hook_for  # on first use: `logging` is not imported by `import acquire_io`

        suffix = f"{_APP_INFO} {app_info}" if app_info else _APP_INFO
        self._native = _native.Client(
            api_key,
            account_id,
            base_url,
            suffix,
            request_options(options),
            max_concurrency,
            hook_for(on_event, lambda: urlsplit(self._native.base_url).hostname or ""),
            log_bodies,
            mail_from,
            sms_from,
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

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key='***')"


class _SyncBase(_Configured):
    """Runs each native call on the calling thread (the GIL is released while it waits)."""

    def _call(self, func: Callable[..., Any], *args: Any) -> Any:
        return func(self._native, *args)

    def _progress(self, report: Callable[[int, int], object] | None) -> Callable[[int, int], object] | None:
        """A batch's progress callback, called on the sending threads."""
        return report


_reports_stop_at_exit = False


def _stop_reports_at_exit() -> None:
    """Once: at interpreter exit, SDK threads stop handing results to event loops (a thread
    holding the GIL while Python finalizes aborts the process)."""
    global _reports_stop_at_exit
    if not _reports_stop_at_exit:
        import atexit

        atexit.register(_native.stop_reports)
        _reports_stop_at_exit = True


def _complete(future: asyncio.Future[Any], ok: bool, value: Any) -> None:
    """Completes an awaited call on the event loop (unless the waiter was cancelled)."""
    if future.cancelled():
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


class _AsyncBase(_Configured):
    """Runs each native call on the client's own threads (at most ``max_concurrency``,
    started when calls overlap and stopped after 10 s idle), never on the event loop or its
    default executor, and awaits its outcome."""

    async def _call(self, func: Callable[..., Any], *args: Any) -> Any:
        import asyncio  # imported on first use: it costs most of `import acquire_io`

        _stop_reports_at_exit()
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()

        def done(ok: bool, value: Any) -> None:  # on an SDK thread, holding the GIL
            loop.call_soon_threadsafe(_complete, future, ok, value)

        native = self._native
        _native.spawn_call(native, done, func, (native, *args))
        return await future

    def _progress(self, report: Callable[[int, int], object] | None) -> Callable[[int, int], object] | None:
        """A batch's progress callback, handed to the running event loop."""
        if report is None:
            return None
        import asyncio

        loop = asyncio.get_running_loop()
        return lambda done, total: loop.call_soon_threadsafe(report, done, total)
