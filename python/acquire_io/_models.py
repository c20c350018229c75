"""Typed results: :class:`Message` with its :class:`Case`, :class:`Contact`, case
:class:`Participant` s and :class:`Sender`.

Only ids are guaranteed; every other field may be ``None`` because the API omits or nulls
them at times. Fields this package does not know are kept in each object's ``extra``.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Optional, TypeVar

__all__ = ["Message", "Case", "Contact", "Participant", "Sender"]

_T = TypeVar("_T", bound="_Model")
_FRACTION = re.compile(r"\.(\d{1,6})\d*")


def _parse_time_portable(value: str) -> datetime | None:
    """Python < 3.11: ``fromisoformat`` wants ``+00:00`` and 3 or 6 fraction digits."""
    text = _FRACTION.sub(lambda m: "." + m.group(1).ljust(6, "0"), value.replace("Z", "+00:00"))
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _parse_time(value: Any) -> datetime | None:
    """Parses the core's RFC 3339 UTC timestamps (``2021-03-10T11:32:00.123Z``)."""
    if not isinstance(value, str):
        return None
    if sys.version_info >= (3, 11):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return _parse_time_portable(value)


# How each API key of a model is read: (field name, kind, nested model).
_PLAIN, _TIME, _NESTED, _LIST = range(4)
_Spec = dict[str, tuple[str, int, Optional["type[_Model]"]]]


class _Model:
    """Builds a dataclass from the API's camelCase dict, keeping unknown keys in ``extra``."""

    _renames: ClassVar[dict[str, str]] = {}
    _nested: ClassVar[dict[str, type[_Model]]] = {}
    _lists: ClassVar[dict[str, type[_Model]]] = {}
    _spec_cache: ClassVar[_Spec | None] = None

    @classmethod
    def _spec(cls) -> _Spec:
        spec = cls.__dict__.get("_spec_cache")
        if spec is None:
            spec = {}
            api_names = {v: k for k, v in cls._renames.items()}
            for f in dataclasses.fields(cls):  # type: ignore[arg-type]
                if f.name in ("extra", "raw_body"):
                    continue
                head, *rest = f.name.split("_")
                key = api_names.get(f.name, head + "".join(part.title() for part in rest))
                if key in cls._nested:
                    spec[key] = (f.name, _NESTED, cls._nested[key])
                elif key in cls._lists:
                    spec[key] = (f.name, _LIST, cls._lists[key])
                elif f.name.startswith("date_"):
                    spec[key] = (f.name, _TIME, None)
                else:
                    spec[key] = (f.name, _PLAIN, None)
            cls._spec_cache = spec
        return spec

    @classmethod
    def _from_api(cls: type[_T], data: dict[str, Any]) -> _T:
        spec = cls._spec()
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in data.items():
            entry = spec.get(key)
            if entry is None:
                extra[key] = value
                continue
            name, kind, model = entry
            if kind == _PLAIN:
                kwargs[name] = value
            elif kind == _TIME:
                kwargs[name] = _parse_time(value)
            elif kind == _NESTED:
                kwargs[name] = model._from_api(value) if model and isinstance(value, dict) else None
            elif model is not None:
                kwargs[name] = [model._from_api(v) for v in value or () if isinstance(v, dict)]
        return cls(extra=extra, **kwargs)  # type: ignore[call-arg]

    def to_dict(self) -> dict[str, Any]:
        """This object and its nested objects as plain dicts (snake_case keys)."""
        return dataclasses.asdict(self)  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True)
class Participant(_Model):
    """An agent or contact taking part in a case."""

    id: int
    case_id: int | None = None
    participant_type: str | None = None
    """``user`` (an agent) or ``contact``."""
    user_id: int | None = None
    role: str | None = None
    status: str | None = None
    closed: bool | None = None
    meta: Any = None
    date_created: datetime | None = None
    date_last_assigned: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    _renames: ClassVar[dict[str, str]] = {"type": "participant_type"}


@dataclass(frozen=True)
class Contact(_Model):
    """The customer of a case."""

    id: int
    client_type: str | None = None
    client_name: str | None = None
    client_version: str | None = None
    client_os_name: str | None = None
    client_os_version: str | None = None
    client_device_type: str | None = None
    client_device_vendor: str | None = None
    client_device_model: str | None = None
    client_details: Any = field(default=None, repr=False)
    meta: Any = None
    archive: bool | None = None
    company_id: int | None = None
    date_created: datetime | None = None
    date_updated: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class Case(_Model):
    """A conversation."""

    id: int
    thread_id: int | None = None
    visit_id: int | None = None
    title: str | None = None
    description: str | None = None
    channel: str | None = None
    status: str | None = None
    """``active``, ``pending``, ``queue``, ``closed``, ..."""
    closing_state: str | None = None
    closed_by: int | None = None
    queue_id: int | None = None
    queue_order: int | None = None
    parent_id: int | None = None
    user_id: int | None = None
    wait_time: int | None = None
    meta: Any = field(default=None, repr=False)
    date_created: datetime | None = None
    date_updated: datetime | None = None
    date_queue: datetime | None = None
    date_pending: datetime | None = None
    date_active: datetime | None = None
    date_closed: datetime | None = None
    contact: Contact | None = field(default=None, repr=False)
    users: list[Participant] = field(default_factory=list, repr=False)
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    _nested: ClassVar[dict[str, type[_Model]]] = {"contact": Contact}
    _lists: ClassVar[dict[str, type[_Model]]] = {"users": Participant}


@dataclass(frozen=True)
class Sender(_Model):
    """The agent or contact that sent a message."""

    id: int
    name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    photo: str | None = None
    email: str | None = None
    client_id: str | None = None
    parent_id: int | None = None
    sender_type: str | None = None
    access_level: Any = None
    departments: list[Any] = field(default_factory=list)
    roles: list[Any] = field(default_factory=list)
    meta_details: Any = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    _renames: ClassVar[dict[str, str]] = {"type": "sender_type"}


@dataclass(frozen=True)
class Message(_Model):
    """A message stored in a conversation, as returned by ``send_message``."""

    id: int
    case_id: int
    thread_id: int | None = None
    contact_id: int | None = None
    channel: str | None = None
    sender_type: str | None = None
    """``user`` (an agent) or ``contact``."""
    sender_id: int | None = None
    message_type: str | None = None
    """``message``, ``note`` or ``event``."""
    seen: bool | None = None
    message: str | None = None
    meta: Any = None
    date_created: datetime | None = None
    date_updated: datetime | None = None
    case: Case | None = field(default=None, repr=False)
    sender: Sender | None = field(default=None, repr=False)
    extra: dict[str, Any] = field(default_factory=dict, repr=False)
    raw_body: str = field(default="", repr=False, compare=False)
    """The exact HTTP response body."""

    _renames: ClassVar[dict[str, str]] = {"type": "message_type"}
    _nested: ClassVar[dict[str, type[_Model]]] = {"case": Case, "sender": Sender}

    @property
    def raw(self) -> dict[str, Any]:
        """The API's JSON for this message (the response's ``data``), as a dict."""
        data: dict[str, Any] = json.loads(self.raw_body)["data"]
        return data

    @classmethod
    def _from_native(cls, data: dict[str, Any], raw_body: str) -> Message:
        message = cls._from_api(data)
        object.__setattr__(message, "raw_body", raw_body)
        return message
