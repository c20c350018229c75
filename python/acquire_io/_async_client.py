"""The clients' one implementation: :class:`AsyncClient` and its resources.

``_sync_client.py`` (:class:`Client`) is generated from this file by ``scripts/unasync.py``
(``async``/``await`` dropped, ``Async`` names made plain; ``make unasync``, checked by
``make lint``): edit this file, never that one.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Mapping

from . import _native
from ._base import _AsyncBase, request_options
from ._native import Case, Contact, Message
from ._parts import _parts

# `typing` would cost a third of `import acquire_io`: type-only imports are for the
# checkers, which treat any TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import os
    from datetime import datetime
    from typing import Any, Literal

    from typing_extensions import Unpack

    from ._bulk import BatchResult, BulkItem
    from ._options import MailFields, RequestOptions
    from ._resources import ClosedCase, FoundCase, Invitation, Snoozed
    from ._settle import Settlement

__all__ = ["AsyncClient", "AsyncContacts", "AsyncCases", "AsyncMessages"]


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


async def _pages(fetch: Callable[[int], Any]) -> AsyncIterator[Any]:
    """Every item of a list, asking for the next page only when this one is used up."""
    page: int | None = 0
    while page is not None:
        items, page, _total = await fetch(page)
        for item in items:
            yield item


class _AsyncResource:
    def __init__(self, client: AsyncClient) -> None:
        self._client = client


class AsyncContacts(_AsyncResource):
    """``client.contacts``: find, search, list, read and create contacts (customers)."""

    async def find_by_email(self, email: str, **options: Unpack[RequestOptions]) -> list[Contact]:
        """The contacts whose e-mail address is exactly ``email`` (ignoring case), each
        once, by id. Acquire lets several contacts share an address."""
        from ._resources import text

        found: list[Contact] = await self._client._call(
            _native.contacts_find_by_email, text("email", email), request_options(options)
        )
        return found

    def search(
        self, text: str, *, limit: int | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncIterator[Contact]:
        """Every contact whose name, e-mail, phone or other field matches ``text``, as
        Acquire's contact search finds them, ``limit`` (default 100, at most 1000) per
        request; use :meth:`find_by_email` for exact e-mail matches. Lazy: a request per
        page as you iterate."""
        from ._resources import check_search

        check_search(text, limit)
        call = self._client._call
        opts = request_options(options)
        return _pages(lambda page: call(_native.contacts_search_page, text, page, limit, opts))

    def list(self, *, limit: int | None = None, **options: Unpack[RequestOptions]) -> AsyncIterator[Contact]:
        """Every contact, fetched ``limit`` (default 100, at most 1000) per request."""
        from ._resources import check_limit

        check_limit(limit)
        call = self._client._call
        opts = request_options(options)
        return _pages(lambda page: call(_native.contacts_list_page, page, limit, opts))

    async def get(self, contact_id: int, **options: Unpack[RequestOptions]) -> Contact:
        """One contact with its fields and ``cases``."""
        from ._resources import check_id

        contact: Contact = await self._client._call(
            _native.contacts_get, check_id("contact_id", contact_id), request_options(options)
        )
        return contact

    async def create(
        self,
        *,
        email: str | None = None,
        name: str | None = None,
        phone: str | None = None,
        fields: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Contact:
        """Creates a contact (Acquire allows duplicate e-mail addresses: look first with
        :meth:`find_by_email`). Not retried once it may have reached Acquire."""
        from ._resources import contact_fields

        contact: Contact = await self._client._call(
            _native.contacts_create, contact_fields(email, name, phone, fields), request_options(options)
        )
        return contact

    async def update(
        self,
        contact_id: int,
        *,
        email: str | None = None,
        name: str | None = None,
        phone: str | None = None,
        fields: Mapping[str, str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Contact:
        """Changes a contact: the given fields are merged into its fields, the others kept.
        Idempotent, so retried like a read; an empty change raises before sending."""
        from ._resources import check_id, contact_fields

        contact: Contact = await self._client._call(
            _native.contacts_update,
            check_id("contact_id", contact_id),
            contact_fields(email, name, phone, fields),
            request_options(options),
        )
        return contact


class AsyncCases(_AsyncResource):
    """``client.cases``: list, read, open (create or reopen), close, invite into and snooze
    cases."""

    def list(
        self,
        *,
        contact_id: int | None = None,
        status: str | None = None,
        where: Iterable[str] | str = (),
        select: Iterable[str] | str = (),
        relations: Iterable[str] | str = (),
        limit: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncIterator[Case]:
        """The cases that match, fetched ``limit`` (default 100, at most 1000) per request.
        ``where`` takes ``column|operator|value`` conditions (``"channel|eq|chat"``). A bad
        condition or limit raises :class:`~acquire_io.InvalidRequestError` here."""
        from ._resources import case_query

        query = case_query(contact_id, status, where, select, relations, limit)
        call = self._client._call
        opts = request_options(options)
        return _pages(lambda page: call(_native.cases_list_page, query, page, opts))

    async def get(self, case_id: int, **options: Unpack[RequestOptions]) -> Case:
        """One case with its contact."""
        from ._resources import check_id

        case: Case = await self._client._call(_native.cases_get, check_id("case_id", case_id), request_options(options))
        return case

    async def open(
        self,
        contact_id: int,
        *,
        thread_id: int | None = None,
        message: str | None = None,
        title: str | None = None,
        channel: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Case:
        """Opens a case for a contact; with ``thread_id`` (an earlier case's thread) it
        reopens that conversation as a new case. ``message`` is stored as its first
        message. Not retried once it may have reached Acquire."""
        from ._resources import check_id

        case: Case = await self._client._call(
            _native.cases_open,
            check_id("contact_id", contact_id),
            thread_id,
            message,
            title,
            channel,
            request_options(options),
        )
        return case

    async def close(self, case_id: int, **options: Unpack[RequestOptions]) -> ClosedCase:
        """Closes a case."""
        from ._resources import ClosedCase, check_id

        closed = await self._client._call(_native.cases_close, check_id("case_id", case_id), request_options(options))
        return ClosedCase(*closed)

    async def invite(
        self,
        case_id: int,
        *,
        agent_ids: Iterable[int] | None = None,
        department_ids: Iterable[int] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Invitation:
        """Invites agents and departments (at least one) into a case; each is notified and
        can join it. Not retried once it may have reached Acquire."""
        from ._resources import Invitation, check_id, check_ids

        answer = await self._client._call(
            _native.cases_invite,
            check_id("case_id", case_id),
            check_ids("agent_ids", agent_ids),
            check_ids("department_ids", department_ids),
            request_options(options),
        )
        return Invitation._from_native(answer)

    async def snooze(
        self,
        case_id: int,
        until: datetime | str,
        *,
        message: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Snoozed:
        """Snoozes a case (out of the active view) until ``until``: a ``datetime`` or
        ``"YYYY-MM-DD HH:MM:SS"`` (UTC). A past or malformed time raises
        :class:`~acquire_io.InvalidRequestError` before anything is sent. Not retried once
        it may have reached Acquire."""
        from ._resources import Snoozed, check_id, schedule_time

        snoozed = await self._client._call(
            _native.cases_snooze,
            check_id("case_id", case_id),
            schedule_time(until),
            message,
            request_options(options),
        )
        return Snoozed(*snoozed)


class AsyncMessages(_AsyncResource):
    """``client.messages``: a conversation's messages, a thread's cases with their last
    message, one message."""

    async def thread(self, thread_id: int, contact_id: int, **options: Unpack[RequestOptions]) -> list[Case]:
        """The cases of a thread, each with ``last_message``."""
        from ._resources import check_id

        cases: list[Case] = await self._client._call(
            _native.messages_thread,
            check_id("thread_id", thread_id),
            check_id("contact_id", contact_id),
            request_options(options),
        )
        return cases

    async def get(self, message_id: int, **options: Unpack[RequestOptions]) -> Message:
        """One stored message."""
        from ._resources import check_id

        message: Message = await self._client._call(
            _native.messages_get, check_id("message_id", message_id), request_options(options)
        )
        return message

    async def list(
        self,
        case_id: int,
        *,
        order: Literal["newest", "oldest"] = "newest",
        limit: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> list[Message]:
        """Every message of a conversation (case ``case_id``) — the agents', the
        customer's, notes and events — newest first (``order="oldest"``: a transcript), at
        most ``limit``. Acquire answers a case's whole history at once (one request)."""
        from ._resources import check_id, text

        messages: list[Message] = await self._client._call(
            _native.messages_list, check_id("case_id", case_id), text("order", order), limit, request_options(options)
        )
        return messages

    async def update(
        self,
        message_id: int,
        message: str,
        *,
        type: str = "message",
        translate_lang_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Message:
        """Corrects a sent message: its new text (and ``type``, translation); answers the
        stored message with ``date_updated``. An agent's message may be edited; an edit is
        idempotent, so every retryable failure is retried."""
        from ._resources import check_id, text

        for name, value in (("type", type), ("translate_lang_key", translate_lang_key)):
            if value is not None:
                text(name, value)
        edited: Message = await self._client._call(
            _native.messages_update,
            check_id("message_id", message_id),
            text("message", message),
            type,
            translate_lang_key,
            request_options(options),
        )
        return edited

    async def delete(self, message_id: int, **options: Unpack[RequestOptions]) -> int:
        """Deletes a message (it cannot be undone); answers how many were deleted (1). An
        unknown id raises :class:`~acquire_io.NotFoundError`."""
        from ._resources import check_id

        deleted: int = await self._client._call(
            _native.messages_delete, check_id("message_id", message_id), request_options(options)
        )
        return deleted
