"""The resources of :class:`~acquire_io.AsyncClient` — ``client.contacts``, ``client.cases``,
``client.messages`` — and their lazy pages: one implementation, as the client's.

``_sync_resources.py`` is generated from this file by ``scripts/unasync.py``: edit this
file, never that one.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Mapping

from . import _native
from ._base import _AsyncBase, request_options
from ._native import Case, Contact, Message

# `typing` would cost a third of `import acquire_io`: type-only imports are for the
# checkers, which treat any TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any, Literal

    from typing_extensions import Unpack

    from ._options import RequestOptions
    from ._resources import ClosedCase, Invitation, Snoozed

__all__ = ["AsyncContacts", "AsyncCases", "AsyncMessages"]


async def _pages(fetch: Callable[[int], Any]) -> AsyncIterator[Any]:
    """Every item of a list, asking for the next page only when this one is used up."""
    page: int | None = 0
    while page is not None:
        items, page, _total = await fetch(page)
        for item in items:
            yield item


class _AsyncResource:
    def __init__(self, client: _AsyncBase) -> None:
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
