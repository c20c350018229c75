"""Bulk-send input: the :class:`SendMessage` item type and turning items into native parts.

Imported on first use of ``send_messages`` (or of ``acquire_io.SendMessage``), so that
``import acquire_io`` stays light.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Union

from ._parts import _parts, _type_name
from .errors import InvalidRequestError

if TYPE_CHECKING:
    from ._parts import _Parts

__all__ = ["SendMessage", "BulkItem"]


class SendMessage(NamedTuple):
    """One message for ``send_messages``: the arguments of ``send_message``.

    A plain ``(case_id, message)`` tuple or a dict with these keys works too.
    """

    case_id: int
    message: str
    type: str = "message"
    translate_lang_key: str | None = None
    channel: str | None = None
    contact_id: int | None = None
    extra: Mapping[str, Any] | None = None


BulkItem = Union[SendMessage, tuple[Any, ...], Mapping[str, Any]]
"""An item of ``send_messages``: a :class:`SendMessage`, a ``(case_id, message, ...)``
tuple, a dict with the keyword names of ``send_message``, or an object with those
attributes."""


def item_parts(index: int, item: BulkItem) -> _Parts:
    """One item of ``send_messages`` as native parts; a TypeError names its index."""
    where = f"messages[{index}]: "
    try:
        if isinstance(item, Mapping):
            message = SendMessage(**item)
        elif isinstance(item, tuple):
            message = SendMessage(*item)
        else:
            values = {name: getattr(item, name) for name in SendMessage._fields if hasattr(item, name)}
            message = SendMessage(**values)
    except TypeError as err:
        raise TypeError(f"{where}not a message ({err}); use (case_id, message), a dict or SendMessage") from None
    return _parts(message, where)


def batch_parts(messages: Iterable[BulkItem], concurrency: int) -> list[_Parts]:
    if isinstance(concurrency, bool) or not isinstance(concurrency, int):
        raise TypeError(f"concurrency must be an int, not {_type_name(concurrency)}")
    if concurrency < 1:
        raise InvalidRequestError("concurrency must be at least 1", code="invalid_config", field="concurrency")
    if isinstance(messages, (str, bytes, Mapping)):
        raise TypeError("send_messages takes an iterable of messages, such as a list of (case_id, message) tuples")
    return [item_parts(i, item) for i, item in enumerate(messages)]
