"""The clients: :class:`Client` (blocking, thread-safe) and :class:`AsyncClient`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping

from . import _native
from ._native import Message
from ._parts import _parts, _type_name
from .errors import APIError, InvalidRequestError

# `typing` would cost a third of `import acquire_io`: type-only imports are for the
# checkers, which treat any TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import asyncio
    import os
    from datetime import datetime
    from typing import Any, TypeVar

    from ._bulk import BulkItem
    from ._resources import AsyncCases, AsyncContacts, AsyncMessages, Cases, Contacts, FoundCase, Messages
    from ._settle import Settlement

    _C = TypeVar("_C", bound="_Configured")

    from ._parts import _Parts

__all__ = ["Client", "AsyncClient", "send_message"]

_IMPLEMENTATION = {"cpython": "CPython", "pypy": "PyPy"}.get(sys.implementation.name, sys.implementation.name)
_PYTHON = ".".join(map(str, sys.version_info[:3]))
_APP_INFO = f"acquire-io-python/{_native.VERSION} {_IMPLEMENTATION}/{_PYTHON}"
_OPTION_NAMES = (
    "timeout",
    "connect_timeout",
    "total_timeout",
    "max_retries",
    "retry_possibly_delivered",
    "settle_uncertain",
)
_DEFAULT_BATCH_CONCURRENCY = _native.DEFAULT_BATCH_CONCURRENCY


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
        settle_uncertain: bool | None = None,
        app_info: str | None = None,
        max_concurrency: int | None = None,
        on_event: Callable[[dict[str, Any]], object] | None = None,
        log_bodies: bool = False,
    ) -> None:
        if on_event is not None and not callable(on_event):
            raise TypeError(f"on_event must be callable, not {_type_name(on_event)}")
        if not isinstance(log_bodies, bool):
            raise TypeError(f"log_bodies must be a bool, not {_type_name(log_bodies)}")
        if max_concurrency is not None and (isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int)):
            raise TypeError(f"max_concurrency must be an int, not {_type_name(max_concurrency)}")
        self._settings: dict[str, Any] = dict(
            api_key=_Secret(api_key) if api_key is not None else None,
            account_id=account_id,
            base_url=base_url,
            timeout=timeout,
            connect_timeout=connect_timeout,
            total_timeout=total_timeout,
            max_retries=max_retries,
            retry_possibly_delivered=retry_possibly_delivered,
            settle_uncertain=settle_uncertain,
            app_info=app_info,
            max_concurrency=max_concurrency,
            on_event=on_event,
            log_bodies=log_bodies,
        )
        from urllib.parse import urlsplit

        from ._log import hook_for  # on first use: `logging` is not imported by `import acquire_io`

        suffix = f"{_APP_INFO} {app_info}" if app_info else _APP_INFO
        self._native = _native.Client(
            api_key,
            account_id,
            base_url,
            suffix,
            _options(**{k: self._settings[k] for k in _OPTION_NAMES}),
            max_concurrency,
            hook_for(on_event, lambda: urlsplit(self._native.base_url).hostname or ""),
            log_bodies,
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


def _path(journal: str | os.PathLike[str] | None) -> str | None:
    """A journal path as the native layer takes it."""
    if journal is None:
        return None
    import os

    return os.fspath(journal)


def _seconds(since: datetime | float) -> float:
    """A time as Unix seconds."""
    if isinstance(since, (int, float)) and not isinstance(since, bool):
        return float(since)
    timestamp = getattr(since, "timestamp", None)
    if timestamp is None:
        raise TypeError(f"since must be a datetime or Unix seconds, not {_type_name(since)}")
    return float(timestamp())


def _to_contact(
    email: str | None, contact_id: int | None, message: tuple[Any, ...]
) -> tuple[tuple[str | None, int | None], _Parts]:
    """The target (exactly one of ``email``/``contact_id``) and the message of a
    ``send_to_contact``; the case id is a placeholder the core replaces."""
    from ._resources import who

    text, kind, lang, channel, extra = message
    return who(email, contact_id), _parts((1, text, kind, lang, channel, None, extra))


class Client(_Configured):
    """A blocking client for the Acquire API.

    ``client.contacts``, ``client.cases`` and ``client.messages`` read (and create) the
    objects around a send; :meth:`find_case` and :meth:`send_to_contact` go from a
    customer's e-mail address to their conversation.

    Build it once and share it: it is thread-safe, keeps connections alive, and releases
    the GIL while it waits on the network. Unset arguments come from ``ACQUIRE_API_KEY``,
    ``ACQUIRE_ACCOUNT_ID`` and ``ACQUIRE_BASE_URL``. Timeouts are in seconds.
    ``max_concurrency`` (default 64) caps the sends of :meth:`send_messages` and sizes the
    keep-alive pool. ``on_event(event)`` is called with a dict for every request, attempt,
    retry and finished call (``{"event": "retry", "path": ..., "delay": 1.0, "reason":
    "rate_limited", ...}``), on the thread doing the call; an exception it raises is reported
    once and never breaks a call. The ``acquire_io`` logger (INFO: one line per call; DEBUG:
    per attempt; ``ACQUIRE_LOG=info|debug``) is fed when it is enabled as the client is built.
    Neither sees bodies unless ``log_bodies=True`` (then request and response events carry
    ``"body"``, cut to 1,000 bytes: they hold messages' text and customers' data).
    """

    @property
    def contacts(self) -> Contacts:
        """Find, list, read and create contacts."""
        from ._resources import Contacts

        return Contacts(self._native, self._run)

    @property
    def cases(self) -> Cases:
        """List, read, open (create or reopen) and close cases."""
        from ._resources import Cases

        return Cases(self._native, self._run)

    @property
    def messages(self) -> Messages:
        """A thread's cases with their last message; one stored message."""
        from ._resources import Messages

        return Messages(self._native, self._run)

    def _run(self, func: Callable[..., Any], *args: Any) -> Any:
        """Calls a native read-side function with this client (GIL released inside)."""
        return func(self._native, *args)

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
        parts = _parts((case_id, message, type, translate_lang_key, channel, contact_id, extra))
        options = _options(
            timeout=timeout,
            connect_timeout=connect_timeout,
            total_timeout=total_timeout,
            max_retries=max_retries,
            retry_possibly_delivered=retry_possibly_delivered,
        )
        return self._native.send_message(parts, options)

    def send_messages(
        self,
        messages: Iterable[BulkItem],
        *,
        concurrency: int = _DEFAULT_BATCH_CONCURRENCY,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        total_timeout: float | None = None,
        max_retries: int | None = None,
        retry_possibly_delivered: bool | None = None,
        journal: str | os.PathLike[str] | None = None,
    ) -> list[Message | APIError | InvalidRequestError]:
        """Sends every message, ``concurrency`` at a time (at most ``max_concurrency``),
        and returns one result per message in input order: the :class:`Message`, or the
        exception of an item that failed (an :class:`APIError`, or an
        :class:`InvalidRequestError` for a bad item).

        One failure never stops the others, and each send retries under the usual rules,
        so none is sent twice by the SDK. The GIL is released for the whole batch. An item
        of the wrong shape or type raises ``TypeError`` before anything is sent.

        With ``journal`` (a file path) the batch is resumable: every item is recorded on
        disk before it is sent and when it is done, so calling again with the same
        messages and file after a crash skips what was stored, settles what may have been
        (by reading the case back) and sends only the rest. A journal that cannot be used
        raises before anything is sent: ``JournalInUseError`` while another run holds it,
        ``JournalError`` when it belongs to another input or is damaged.
        """
        from ._bulk import batch_parts

        items = batch_parts(messages, concurrency)
        options = _options(
            timeout=timeout,
            connect_timeout=connect_timeout,
            total_timeout=total_timeout,
            max_retries=max_retries,
            retry_possibly_delivered=retry_possibly_delivered,
        )
        return self._native.send_messages(items, concurrency, options, _path(journal))

    def settle(
        self,
        case_id: int,
        message: str,
        *,
        since: datetime | float,
        type: str = "message",
        contact_id: int | None = None,
    ) -> Settlement:
        """Whether a send that failed "may have been delivered" is stored: reads the case
        back and answers a :class:`Settlement` (``delivered`` with the stored message,
        ``not_delivered``, or ``unknown`` with the reason). ``since`` is when the send
        began (a datetime or Unix seconds); the arguments are those of the send."""
        from ._settle import Settlement

        parts = _parts((case_id, message, type, None, None, contact_id, None))
        status, stored, reason = _native.settle(self._native, parts, _seconds(since))
        return Settlement(status, stored, reason)  # type: ignore[arg-type]

    def find_case(
        self,
        *,
        email: str | None = None,
        contact_id: int | None = None,
        create: bool = False,
        reopen: bool = True,
    ) -> FoundCase:
        """The case to write into for a customer, by e-mail address or contact id: their
        active case (the newest); else a new case in their latest case's thread
        (``reopen``, the default); else, with ``create=True``, a new case (and a new
        contact for an unknown address). Raises :class:`ContactNotFoundError`,
        :class:`AmbiguousContactError` or :class:`CaseNotFoundError` before changing
        anything."""
        from ._resources import found_case, who

        email, contact_id = who(email, contact_id)
        return found_case(_native.find_case(self._native, email, contact_id, create, reopen))

    def send_to_contact(
        self,
        *,
        message: str,
        email: str | None = None,
        contact_id: int | None = None,
        create: bool = False,
        reopen: bool = True,
        type: str = "message",
        translate_lang_key: str | None = None,
        channel: str | None = None,
        extra: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        total_timeout: float | None = None,
        max_retries: int | None = None,
        retry_possibly_delivered: bool | None = None,
    ) -> Message:
        """Sends ``message`` to a customer found by ``email`` or ``contact_id``: the case
        comes from :meth:`find_case` (same ``create``/``reopen``), the send options are
        those of :meth:`send_message`."""
        target, parts = _to_contact(email, contact_id, (message, type, translate_lang_key, channel, extra))
        options = _options(
            timeout=timeout,
            connect_timeout=connect_timeout,
            total_timeout=total_timeout,
            max_retries=max_retries,
            retry_possibly_delivered=retry_possibly_delivered,
        )
        return _native.send_to_contact(self._native, *target, create, reopen, parts, options)

    def close(self) -> None:
        """Nothing to release: connections close when the client is garbage collected."""

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_reports_stop_at_exit = False


def _stop_reports_at_exit() -> None:
    """Once: at interpreter exit, SDK threads stop handing results to event loops (a thread
    holding the GIL while Python finalizes aborts the process)."""
    global _reports_stop_at_exit
    if not _reports_stop_at_exit:
        import atexit

        atexit.register(_native.stop_reports)
        _reports_stop_at_exit = True


def _settle(future: asyncio.Future[Any], ok: bool, value: Any) -> None:
    """Completes an awaited send on the event loop (unless the waiter was cancelled)."""
    if future.cancelled():
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


class AsyncClient(_Configured):
    """The asyncio twin of :class:`Client`.

    Sends wait on the client's own threads (at most ``max_concurrency``, default 64,
    started when sends overlap and stopped after 10 s idle), never on the event loop or
    its default executor, so ``asyncio.to_thread`` and other libraries' thread work never
    queue behind a slow Acquire. Cancelling the awaiting task stops the wait, not the
    request: a send already on the wire completes in the background and may still
    deliver the message.
    """

    async def _spawned(self, start: Callable[..., None], *args: Any) -> Any:
        """Runs a native send on the client's threads and awaits its outcome."""
        import asyncio  # imported on first use: it costs most of `import acquire_io`

        _stop_reports_at_exit()
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()

        def done(ok: bool, value: Any) -> None:  # on an SDK thread, holding the GIL
            loop.call_soon_threadsafe(_settle, future, ok, value)

        start(done, *args)
        return await future

    @property
    def contacts(self) -> AsyncContacts:
        """See :attr:`Client.contacts`."""
        from ._resources import AsyncContacts

        return AsyncContacts(self._native, self._call)

    @property
    def cases(self) -> AsyncCases:
        """See :attr:`Client.cases`."""
        from ._resources import AsyncCases

        return AsyncCases(self._native, self._call)

    @property
    def messages(self) -> AsyncMessages:
        """See :attr:`Client.messages`."""
        from ._resources import AsyncMessages

        return AsyncMessages(self._native, self._call)

    async def _call(self, func: Callable[..., Any], *args: Any) -> Any:
        """Runs a native read-side function with this client on the client's own threads."""
        native = self._native
        return await self._spawned(lambda done: _native.spawn_call(native, done, func, (native, *args)))

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
        parts = _parts((case_id, message, type, translate_lang_key, channel, contact_id, extra))
        options = _options(
            timeout=timeout,
            connect_timeout=connect_timeout,
            total_timeout=total_timeout,
            max_retries=max_retries,
            retry_possibly_delivered=retry_possibly_delivered,
        )
        sent: Message = await self._spawned(self._native.spawn_send, parts, options)
        return sent

    async def send_messages(
        self,
        messages: Iterable[BulkItem],
        *,
        concurrency: int = _DEFAULT_BATCH_CONCURRENCY,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        total_timeout: float | None = None,
        max_retries: int | None = None,
        retry_possibly_delivered: bool | None = None,
        journal: str | os.PathLike[str] | None = None,
    ) -> list[Message | APIError | InvalidRequestError]:
        """Sends many messages; the arguments and results are those of
        :meth:`Client.send_messages`. Cancelling the awaiting task stops the batch: no new
        item starts, sends under way finish (and are journaled), the task ends with
        ``CancelledError``."""
        from ._bulk import batch_parts

        items = batch_parts(messages, concurrency)
        options = _options(
            timeout=timeout,
            connect_timeout=connect_timeout,
            total_timeout=total_timeout,
            max_retries=max_retries,
            retry_possibly_delivered=retry_possibly_delivered,
        )
        stop = _native.StopFlag()
        try:
            results: list[Message | APIError | InvalidRequestError] = await self._spawned(
                self._native.spawn_send_messages, items, concurrency, options, _path(journal), stop
            )
        except BaseException:
            stop.stop()
            raise
        return results

    async def find_case(
        self,
        *,
        email: str | None = None,
        contact_id: int | None = None,
        create: bool = False,
        reopen: bool = True,
    ) -> FoundCase:
        """See :meth:`Client.find_case`."""
        from ._resources import found_case, who

        email, contact_id = who(email, contact_id)
        return found_case(await self._call(_native.find_case, email, contact_id, create, reopen))

    async def send_to_contact(
        self,
        *,
        message: str,
        email: str | None = None,
        contact_id: int | None = None,
        create: bool = False,
        reopen: bool = True,
        type: str = "message",
        translate_lang_key: str | None = None,
        channel: str | None = None,
        extra: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        total_timeout: float | None = None,
        max_retries: int | None = None,
        retry_possibly_delivered: bool | None = None,
    ) -> Message:
        """See :meth:`Client.send_to_contact`."""
        target, parts = _to_contact(email, contact_id, (message, type, translate_lang_key, channel, extra))
        options = _options(
            timeout=timeout,
            connect_timeout=connect_timeout,
            total_timeout=total_timeout,
            max_retries=max_retries,
            retry_possibly_delivered=retry_possibly_delivered,
        )
        sent: Message = await self._call(_native.send_to_contact, *target, create, reopen, parts, options)
        return sent

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
