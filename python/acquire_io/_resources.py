"""The read side: ``client.contacts``, ``client.cases``, ``client.messages`` (blocking and
asyncio), and the results :class:`FoundCase` and :class:`ClosedCase`.

Lists page lazily: a generator (an async iterator on :class:`~acquire_io.AsyncClient`)
that asks for the next page only when the current one is used up.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from typing import Any, Literal, NamedTuple

from . import _native
from ._native import Case, Contact, Message

__all__ = ["FoundCase", "ClosedCase", "Contacts", "Cases", "Messages", "AsyncContacts", "AsyncCases", "AsyncMessages"]

# Runs a native function with the client as first argument (blocking or on its threads).
_Call = Callable[..., Any]


class FoundCase(NamedTuple):
    """The case :meth:`~acquire_io.Client.find_case` found or opened: send into ``case.id``.

    ``source`` says how: ``"active"`` (the contact's newest active case), ``"reopened"``
    (a new case in the latest case's thread) or ``"created"``.
    """

    case: Case
    contact_id: int
    source: Literal["active", "reopened", "created"]
    contact_created: bool


class ClosedCase(NamedTuple):
    """What closing a case answered: the case, its contact, who closed it, the raw data."""

    case_id: int
    contact_id: int | None
    user_id: int | None
    raw: Any


def _id(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    return value


def _strings(name: str, values: Iterable[str] | str) -> list[str]:
    if isinstance(values, str):
        return [values]
    items = list(values)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name} items must be str, not {type(item).__name__}")
    return items


def case_query(
    contact_id: int | None,
    status: str | None,
    where: Iterable[str] | str,
    select: Iterable[str] | str,
    relations: Iterable[str] | str,
    limit: int | None,
) -> _native._Query:
    """The native case query, checked by the core (which writes the ``where`` conditions)."""
    if contact_id is not None:
        _id("contact_id", contact_id)
    if status is not None and not isinstance(status, str):
        raise TypeError(f"status must be a str, not {type(status).__name__}")
    if limit is not None:
        _id("limit", limit)
    conditions = _strings("where", where)
    query = (contact_id, status, conditions, _strings("select", select), _strings("relations", relations), limit)
    _native.cases_check(query)  # a bad query fails here, before any request
    return query


def contact_fields(
    email: str | None, name: str | None, phone: str | None, fields: Mapping[str, str] | None
) -> list[tuple[str, str]]:
    """The fields of a new contact."""
    pairs = [(k, v) for k, v in (("email", email), ("name", name), ("phone", phone)) if v is not None]
    pairs += list((fields or {}).items())
    for key, value in pairs:
        if not isinstance(value, str):
            raise TypeError(f"{key} must be a str, not {type(value).__name__}")
    return pairs


def who(email: str | None, contact_id: int | None) -> tuple[str | None, int | None]:
    """Exactly one of an e-mail address or a contact id."""
    if (email is None) == (contact_id is None):
        raise TypeError("pass exactly one of email= or contact_id=")
    if email is not None and not isinstance(email, str):
        raise TypeError(f"email must be a str, not {type(email).__name__}")
    return email, None if contact_id is None else _id("contact_id", contact_id)


def found_case(found: tuple[Case, int, str, bool]) -> FoundCase:
    case, contact_id, source, created = found
    return FoundCase(case, contact_id, source, created)  # type: ignore[arg-type]


def _pages(fetch: Callable[[int], _native._Page]) -> Iterator[Any]:
    page: int | None = 0
    while page is not None:
        items, page, _total = fetch(page)
        yield from items


async def _async_pages(fetch: Callable[[int], Any]) -> AsyncIterator[Any]:
    page: int | None = 0
    while page is not None:
        items, page, _total = await fetch(page)
        for item in items:
            yield item


class _Resource:
    def __init__(self, native: _native.Client, call: _Call) -> None:
        self._native = native
        self._call = call


class Contacts(_Resource):
    """``client.contacts``: find, list, read and create contacts (customers)."""

    def search(self, email: str) -> list[Contact]:
        """The contacts whose e-mail address is exactly ``email`` (ignoring case), each
        once, by id. Acquire lets several contacts share an address."""
        found: list[Contact] = self._call(_native.contacts_find, email)
        return found

    def list(self, *, limit: int | None = None) -> Iterator[Contact]:
        """Every contact, fetched ``limit`` (default 100, at most 1000) per request."""
        case_query(None, None, (), (), (), limit)  # checks the limit before any request
        return _pages(lambda page: self._call(_native.contacts_list_page, page, limit))

    def get(self, contact_id: int) -> Contact:
        """One contact with its fields and ``cases``."""
        contact: Contact = self._call(_native.contacts_get, _id("contact_id", contact_id))
        return contact

    def create(
        self,
        *,
        email: str | None = None,
        name: str | None = None,
        phone: str | None = None,
        fields: Mapping[str, str] | None = None,
    ) -> Contact:
        """Creates a contact (Acquire allows duplicate e-mail addresses: look first with
        :meth:`search`). Not retried once it may have reached Acquire."""
        contact: Contact = self._call(_native.contacts_create, contact_fields(email, name, phone, fields))
        return contact


class Cases(_Resource):
    """``client.cases``: list, read, open (create or reopen) and close cases."""

    def list(
        self,
        *,
        contact_id: int | None = None,
        status: str | None = None,
        where: Iterable[str] | str = (),
        select: Iterable[str] | str = (),
        relations: Iterable[str] | str = (),
        limit: int | None = None,
    ) -> Iterator[Case]:
        """The cases that match, fetched ``limit`` (default 100, at most 1000) per request.
        ``where`` takes ``column|operator|value`` conditions (``"channel|eq|chat"``). A bad
        condition or limit raises :class:`~acquire_io.InvalidRequestError` here."""
        query = case_query(contact_id, status, where, select, relations, limit)
        return _pages(lambda page: self._call(_native.cases_list_page, query, page))

    def get(self, case_id: int) -> Case:
        """One case with its contact."""
        case: Case = self._call(_native.cases_get, _id("case_id", case_id))
        return case

    def open(
        self,
        contact_id: int,
        *,
        thread_id: int | None = None,
        message: str | None = None,
        title: str | None = None,
        channel: str | None = None,
    ) -> Case:
        """Opens a case for a contact; with ``thread_id`` (an earlier case's thread) it
        reopens that conversation as a new case. ``message`` is stored as its first
        message. Not retried once it may have reached Acquire."""
        case: Case = self._call(_native.cases_open, _id("contact_id", contact_id), thread_id, message, title, channel)
        return case

    def close(self, case_id: int) -> ClosedCase:
        """Closes a case."""
        return ClosedCase(*self._call(_native.cases_close, _id("case_id", case_id)))


class Messages(_Resource):
    """``client.messages``: a thread's cases with their last message, one message."""

    def thread(self, thread_id: int, contact_id: int) -> list[Case]:
        """The cases of a thread, each with ``last_message``."""
        cases: list[Case] = self._call(
            _native.messages_thread, _id("thread_id", thread_id), _id("contact_id", contact_id)
        )
        return cases

    def get(self, message_id: int) -> Message:
        """One stored message."""
        message: Message = self._call(_native.messages_get, _id("message_id", message_id))
        return message


class AsyncContacts(_Resource):
    """The asyncio twin of :class:`Contacts`."""

    async def search(self, email: str) -> list[Contact]:
        """See :meth:`Contacts.search`."""
        found: list[Contact] = await self._call(_native.contacts_find, email)
        return found

    def list(self, *, limit: int | None = None) -> AsyncIterator[Contact]:
        """See :meth:`Contacts.list`; use with ``async for``."""
        case_query(None, None, (), (), (), limit)
        return _async_pages(lambda page: self._call(_native.contacts_list_page, page, limit))

    async def get(self, contact_id: int) -> Contact:
        """See :meth:`Contacts.get`."""
        contact: Contact = await self._call(_native.contacts_get, _id("contact_id", contact_id))
        return contact

    async def create(
        self,
        *,
        email: str | None = None,
        name: str | None = None,
        phone: str | None = None,
        fields: Mapping[str, str] | None = None,
    ) -> Contact:
        """See :meth:`Contacts.create`."""
        contact: Contact = await self._call(_native.contacts_create, contact_fields(email, name, phone, fields))
        return contact


class AsyncCases(_Resource):
    """The asyncio twin of :class:`Cases`."""

    def list(
        self,
        *,
        contact_id: int | None = None,
        status: str | None = None,
        where: Iterable[str] | str = (),
        select: Iterable[str] | str = (),
        relations: Iterable[str] | str = (),
        limit: int | None = None,
    ) -> AsyncIterator[Case]:
        """See :meth:`Cases.list`; use with ``async for``."""
        query = case_query(contact_id, status, where, select, relations, limit)
        return _async_pages(lambda page: self._call(_native.cases_list_page, query, page))

    async def get(self, case_id: int) -> Case:
        """See :meth:`Cases.get`."""
        case: Case = await self._call(_native.cases_get, _id("case_id", case_id))
        return case

    async def open(
        self,
        contact_id: int,
        *,
        thread_id: int | None = None,
        message: str | None = None,
        title: str | None = None,
        channel: str | None = None,
    ) -> Case:
        """See :meth:`Cases.open`."""
        case: Case = await self._call(
            _native.cases_open, _id("contact_id", contact_id), thread_id, message, title, channel
        )
        return case

    async def close(self, case_id: int) -> ClosedCase:
        """See :meth:`Cases.close`."""
        return ClosedCase(*await self._call(_native.cases_close, _id("case_id", case_id)))


class AsyncMessages(_Resource):
    """The asyncio twin of :class:`Messages`."""

    async def thread(self, thread_id: int, contact_id: int) -> list[Case]:
        """See :meth:`Messages.thread`."""
        cases: list[Case] = await self._call(
            _native.messages_thread, _id("thread_id", thread_id), _id("contact_id", contact_id)
        )
        return cases

    async def get(self, message_id: int) -> Message:
        """See :meth:`Messages.get`."""
        message: Message = await self._call(_native.messages_get, _id("message_id", message_id))
        return message
