"""The results :class:`FoundCase`, :class:`ClosedCase`, :class:`Invitation` and
:class:`Snoozed`, and the checks of the read
side's arguments (types here; values in the core, before any request)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import Any, Literal, NamedTuple

from . import _native
from ._native import Case

__all__ = ["FoundCase", "ClosedCase", "InvitedAgent", "Invitation", "Snoozed"]


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


class InvitedAgent(NamedTuple):
    """One invited agent: whether they were online and whether the notification was sent
    (Acquire answers ``False`` for an offline agent)."""

    user_id: int
    online: bool
    sent: bool


class Invitation(NamedTuple):
    """What inviting into a case answered: each invited agent (a department's too), by id."""

    agents: list[InvitedAgent]
    raw: Any

    @classmethod
    def _from_native(cls, answer: tuple[list[tuple[int, bool, bool]], Any]) -> Invitation:
        agents, raw = answer
        return cls([InvitedAgent(*agent) for agent in agents], raw)


class Snoozed(NamedTuple):
    """What snoozing a case answered: the snooze, its case, when it elapses (UTC)."""

    id: int | None
    case_id: int | None
    contact_id: int | None
    until: datetime | None
    user_id: int | None
    message: str | None
    raw: Any


def check_ids(name: str, values: Iterable[int] | None) -> list[int]:
    """A list of id arguments, checked for type."""
    if values is None:
        return []
    if isinstance(values, (str, bytes, int)):
        raise TypeError(f"{name} must be a list of int, not {type(values).__name__}")
    return [check_id(name, value) for value in values]


def schedule_time(until: object) -> str:
    """A snooze's end: a ``datetime`` (a naive one is local time, as ``astimezone``
    reads it) or text the core parses (``YYYY-MM-DD HH:MM:SS`` UTC, or ISO 8601 with an
    offset)."""
    if isinstance(until, datetime):
        return until.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(until, str):
        return until
    raise TypeError(f"until must be a datetime or a str, not {type(until).__name__}")


def check_id(name: str, value: object) -> int:
    """An id argument, checked for type."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    return value


def text(name: str, value: object) -> str:
    """A text argument, checked for type."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return value


def check_limit(limit: int | None) -> None:
    """A page size, checked before any request (1 to 1000)."""
    case_query(None, None, (), (), (), limit)


def check_search(search: str, limit: int | None) -> None:
    """A contact search's text and page size, checked before any request."""
    text("text", search)
    check_limit(limit)
    _native.contacts_search_check(search)


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
        check_id("contact_id", contact_id)
    if status is not None and not isinstance(status, str):
        raise TypeError(f"status must be a str, not {type(status).__name__}")
    if limit is not None:
        check_id("limit", limit)
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
    return email, None if contact_id is None else check_id("contact_id", contact_id)


def found_case(found: tuple[Case, int, str, bool]) -> FoundCase:
    case, contact_id, source, created = found
    return FoundCase(case, contact_id, source, created)  # type: ignore[arg-type]
