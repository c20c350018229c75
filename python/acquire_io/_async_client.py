"""The clients' one implementation: :class:`AsyncClient` (its resources are in
``_async_resources.py``).

``_sync_client.py`` (:class:`Client`) is generated from this file by ``scripts/unasync.py``
(``async``/``await`` dropped, ``Async`` names made plain; ``make unasync``, checked by
``make lint``): edit this file, never that one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from . import _native
from ._async_resources import AsyncCases, AsyncContacts, AsyncMessages
from ._base import _AsyncBase, request_options
from ._native import Message
from ._parts import _parts

# `typing` would cost a third of `import acquire_io`: type-only imports are for the
# checkers, which treat any TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import os
    from datetime import datetime
    from typing import Any

    from typing_extensions import Unpack

    from ._bulk import BatchResult, BulkItem
    from ._options import MailFields, RequestOptions
    from ._resources import FoundCase
    from ._settle import Settlement

__all__ = ["AsyncClient"]


class AsyncClient(_AsyncBase):
    """A client for the Acquire API whose methods are coroutines, for asyncio code
    (:class:`Client` has the same methods, blocking).

    ``client.contacts``, ``client.cases`` and ``client.messages`` read (and create) the
    objects around a send; :meth:`find_case` and :meth:`send_to_contact` go from a
    customer's e-mail address to their conversation.

    Build it once and share it: it is thread-safe and keeps connections alive. Unset
    arguments come from ``ACQUIRE_API_KEY``, ``ACQUIRE_ACCOUNT_ID`` and ``ACQUIRE_BASE_URL``.
    Timeouts are in seconds; every method also takes them per call as ``**options``
    (:class:`RequestOptions`). ``max_concurrency`` (default 64) caps the calls running at
    once on the client's own threads and sizes the keep-alive pool. Calls wait on the
    client's threads, never on the event loop or its default executor, so
    ``asyncio.to_thread`` and other libraries' thread work never queue behind a slow
    Acquire; cancelling the awaiting task stops the wait, not a request already on the
    wire. ``on_event(event)`` is called with a dict for every request, attempt, retry and
    finished call (``{"event": "retry", "summary": ..., "path": ..., "delay": 1.0,
    "reason": "rate_limited", ...}``), on the thread doing the call; an exception it raises
    is reported once and never breaks a call. The ``acquire_io`` logger (INFO: one line per
    call; DEBUG: per attempt; ``ACQUIRE_LOG=info|debug``) is fed when it is enabled as the
    client is built. Neither sees bodies unless ``log_bodies=True`` (then request and
    response events carry ``"body"``, cut to 1,000 bytes: they hold messages' text and
    customers' data).
    """

    @property
    def contacts(self) -> AsyncContacts:
        """Find, search, list, read and create contacts."""
        return AsyncContacts(self)

    @property
    def cases(self) -> AsyncCases:
        """List, read, open (create or reopen) and close cases."""
        return AsyncCases(self)

    @property
    def messages(self) -> AsyncMessages:
        """A conversation's messages; a thread's cases with their last message; one stored
        message."""
        return AsyncMessages(self)

    async def send_message(
        self,
        case_id: int,
        message: str,
        *,
        type: str = "message",
        translate_lang_key: str | None = None,
        channel: str | None = None,
        as_contact_id: int | None = None,
        extra: Mapping[str, Any] | None = None,
        mail: MailFields | None = None,
        **options: Unpack[RequestOptions],
    ) -> Message:
        """Sends ``message`` into case ``case_id`` and returns the stored message.

        ``type`` is ``"message"`` (the customer sees it), ``"note"`` (agents only) or
        ``"event"``; ``translate_lang_key`` asks Acquire to translate it (``"fr"``);
        ``as_contact_id`` sends it as that customer instead of as the agent; ``extra`` adds
        fields to the API's message object. ``channel="email"`` sends an e-mail into an
        e-mail case (``mail``: its subject, recipients, HTML body; from the client's
        ``mail_from``), ``channel="sms"`` an SMS into an SMS case (from ``sms_from``): the
        case is read first, and a case of another channel is refused before sending.
        """
        parts = _parts((case_id, message, type, translate_lang_key, channel, as_contact_id, extra, mail))
        sent: Message = await self._call(_native.Client.send_message, parts, request_options(options))
        return sent

    async def send_messages(
        self,
        messages: Iterable[BulkItem],
        *,
        concurrency: int = _native.DEFAULT_BATCH_CONCURRENCY,
        journal: str | os.PathLike[str] | None = None,
        on_progress: Callable[[int, int], object] | None = None,
        **options: Unpack[RequestOptions],
    ) -> list[BatchResult]:
        """Sends every message, ``concurrency`` at a time (at most ``max_concurrency``),
        and returns one :class:`BatchResult` per message in input order: its ``index``,
        the stored ``message`` or the ``error`` (an :class:`APIError`, or an
        :class:`InvalidRequestError` for a bad item), and its ``source``.
        ``on_progress(done, total)`` is called as items finish (on the event loop with
        asyncio, else on the sending threads); an exception it raises is reported as
        unraisable and never stops the batch.

        One failure never stops the others, and each send retries under the usual rules,
        so none is sent twice by the SDK. An item of the wrong shape or type raises
        ``TypeError`` before anything is sent. With asyncio, cancelling the awaiting task
        stops the batch: no new item starts, sends under way finish (and are journaled).

        With ``journal`` (a file path) the batch is resumable: every item is recorded on
        disk before it is sent and when it is done, so calling again with the same
        messages and file after a crash skips what was stored, settles what may have been
        (by reading the case back) and sends only the rest. A journal that cannot be used
        raises before anything is sent: ``JournalInUseError`` while another run holds it,
        ``JournalError`` when it belongs to another input or is damaged.
        """
        from ._bulk import batch_parts, batch_results, journal_path

        items = batch_parts(messages, concurrency)
        if on_progress is not None and not callable(on_progress):
            raise TypeError(f"on_progress must be callable, not {type(on_progress).__name__}")
        stop = _native.StopFlag()
        try:
            outcomes = await self._call(
                _native.Client.send_messages,
                items,
                concurrency,
                request_options(options),
                journal_path(journal),
                stop,
                self._progress(on_progress),
            )
        except BaseException:
            stop.stop()
            raise
        return batch_results(outcomes)

    async def settle(
        self,
        case_id: int,
        message: str,
        *,
        since: datetime | float,
        type: str = "message",
        as_contact_id: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> Settlement:
        """Whether a send that failed "may have been delivered" is stored: reads the case
        back and answers a :class:`Settlement` (``delivered`` with the stored message,
        ``not_delivered``, or ``unknown`` with the reason). ``since`` is when the send
        began (a datetime or Unix seconds); the other arguments are those of the send."""
        from ._settle import Settlement, unix_seconds

        parts = _parts((case_id, message, type, None, None, as_contact_id, None))
        status, stored, reason = await self._call(_native.settle, parts, unix_seconds(since), request_options(options))
        return Settlement(status, stored, reason)

    async def find_case(
        self,
        *,
        email: str | None = None,
        contact_id: int | None = None,
        create: bool = False,
        reopen: bool = True,
        **options: Unpack[RequestOptions],
    ) -> FoundCase:
        """The case to write into for a customer, by e-mail address or contact id: their
        active case (the newest); else a new case in their latest case's thread
        (``reopen``, the default); else, with ``create=True``, a new case (and a new
        contact for an unknown address). Raises :class:`ContactNotFoundError`,
        :class:`AmbiguousContactError` or :class:`CaseNotFoundError` before changing
        anything."""
        from ._resources import found_case, who

        email, contact_id = who(email, contact_id)
        found = await self._call(_native.find_case, email, contact_id, create, reopen, request_options(options))
        return found_case(found)

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
        mail: MailFields | None = None,
        **options: Unpack[RequestOptions],
    ) -> Message:
        """Sends ``message`` to a customer found by ``email`` or ``contact_id``: the case
        comes from :meth:`find_case` (same ``create``/``reopen``), the other arguments are
        those of :meth:`send_message`. Without ``channel`` it follows the case's: an e-mail
        case gets an e-mail, an SMS case an SMS, so one call reaches the customer however
        they wrote in."""
        from ._resources import who

        email, contact_id = who(email, contact_id)
        parts = _parts((None, message, type, translate_lang_key, channel, None, extra, mail), case=False)
        sent: Message = await self._call(
            _native.send_to_contact, email, contact_id, create, reopen, parts, request_options(options)
        )
        return sent

    async def raw_request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, str] | None = None,
        body: Any = None,
        idempotent: bool = False,
        **options: Unpack[RequestOptions],
    ) -> Any:
        """Sends a request the SDK does not model yet — ``method`` (GET, POST, PUT, DELETE)
        to ``path`` below ``/api/v1`` (such as ``/crm/objects/case/28``), with ``query``
        parameters and a JSON ``body`` — with this client's key, timeouts, retries, typed
        errors and events, and answers the response's JSON as it came (``{"data": ...}``).
        A write is retried only when it surely did not reach Acquire, unless
        ``idempotent=True``. A URL or a path outside ``/api/v1`` is refused."""
        from ._resources import text

        pairs = [(text("query", k), text("query", v)) for k, v in (query or {}).items()]
        if not isinstance(idempotent, bool):
            raise TypeError(f"idempotent must be a bool, not {type(idempotent).__name__}")
        return await self._call(
            _native.raw_request,
            text("method", method),
            text("path", path),
            pairs,
            body,
            idempotent,
            request_options(options),
        )

    async def close(self) -> None:
        """Nothing to release: connections close when the client is garbage collected."""

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
