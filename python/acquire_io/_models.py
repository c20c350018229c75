from __future__ import annotations

import json
import re
import sys
from datetime import datetime
from typing import Any, ClassVar, Optional, TypeVar

__all__ = ["Message", "Case", "Contact", "Participant", "Sender"]

_T = TypeVar("_T", bound="_Model")
_FRACTION = re.compile(r"\.(\d{1,6})\d*")
# Fields left out of repr (large or nested; reach them as attributes).
_NOT_IN_REPR = frozenset({"extra", "raw_body", "meta", "case", "sender", "contact", "users", "client_details"})


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


def _plain(value: Any) -> Any:
    """A model, or a list of them, as plain data."""
    if isinstance(value, _Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# How each API key of a model is read: (field name, kind, nested model).
_PLAIN, _TIME, _NESTED, _LIST = range(4)
_Spec = dict[str, tuple[str, int, Optional["type[_Model]"]]]


class _Model:
    """An immutable record built from the API's camelCase dict.

    Its fields are the public annotated attributes of the class (defaults are the class
    attributes); unknown keys are kept in ``extra``. Equality compares every field but
    ``raw_body``. (Plain classes instead of dataclasses keep ``import acquire_io`` fast.)
    """

    _renames: ClassVar[dict[str, str]] = {}
    _nested: ClassVar[dict[str, type[_Model]]] = {}
    _lists: ClassVar[dict[str, type[_Model]]] = {}
    _fields: ClassVar[tuple[str, ...]] = ()
    _spec_cache: ClassVar[_Spec | None] = None
    extra: dict[str, Any]

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        annotations = cls.__dict__.get("__annotations__") or cls.__annotations__
        cls._fields = tuple(name for name in annotations if not name.startswith("_"))

    def __init__(self, **values: Any) -> None:
        unknown = set(values) - set(self._fields)
        if unknown:
            raise TypeError(f"unknown field(s) of {type(self).__name__}: {', '.join(sorted(unknown))}")
        for name in self._fields:
            if name in values:
                value = values[name]
            else:
                value = getattr(type(self), name, None)
                if isinstance(value, (list, dict)) or name == "extra":
                    value = type(value)() if value is not None else {}
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self._fields if n != "raw_body")

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields if n not in _NOT_IN_REPR)
        return f"{type(self).__name__}({shown})"

    def to_dict(self) -> dict[str, Any]:
        """This object and its nested objects as plain dicts (snake_case keys)."""
        return {n: _plain(getattr(self, n)) for n in self._fields if n != "raw_body"}

    @classmethod
    def _spec(cls) -> _Spec:
        spec = cls.__dict__.get("_spec_cache")
        if spec is None:
            spec = {}
            api_names = {v: k for k, v in cls._renames.items()}
            for name in cls._fields:
                if name in ("extra", "raw_body"):
                    continue
                head, *rest = name.split("_")
                key = api_names.get(name, head + "".join(part.title() for part in rest))
                if key in cls._nested:
                    spec[key] = (name, _NESTED, cls._nested[key])
                elif key in cls._lists:
                    spec[key] = (name, _LIST, cls._lists[key])
                elif name.startswith("date_"):
                    spec[key] = (name, _TIME, None)
                else:
                    spec[key] = (name, _PLAIN, None)
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
        return cls(extra=extra, **kwargs)


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
    extra: dict[str, Any] = {}

    _renames: ClassVar[dict[str, str]] = {"type": "participant_type"}


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
    client_details: Any = None
    meta: Any = None
    archive: bool | None = None
    company_id: int | None = None
    date_created: datetime | None = None
    date_updated: datetime | None = None
    extra: dict[str, Any] = {}


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
    meta: Any = None
    date_created: datetime | None = None
    date_updated: datetime | None = None
    date_queue: datetime | None = None
    date_pending: datetime | None = None
    date_active: datetime | None = None
    date_closed: datetime | None = None
    contact: Contact | None = None
    users: list[Participant] = []
    extra: dict[str, Any] = {}

    _nested: ClassVar[dict[str, type[_Model]]] = {"contact": Contact}
    _lists: ClassVar[dict[str, type[_Model]]] = {"users": Participant}


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
    departments: list[Any] = []
    roles: list[Any] = []
    meta_details: Any = None
    extra: dict[str, Any] = {}

    _renames: ClassVar[dict[str, str]] = {"type": "sender_type"}


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
    case: Case | None = None
    sender: Sender | None = None
    extra: dict[str, Any] = {}
    raw_body: str = ""
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
