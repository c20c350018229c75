"""Bulk-send input: the :class:`SendMessage` item type and turning items into native parts.

Imported on first use of ``send_messages`` (or of ``acquire_io.SendMessage``), so that
``import acquire_io`` stays light.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Union

from ._native import Message
from ._parts import _parts, _type_name
from .errors import APIError, InvalidRequestError

if TYPE_CHECKING:
    from ._parts import _Parts

__all__ = ["SendMessage", "BulkItem", "BatchResult", "batch_parts", "batch_results", "journal_path"]


class SendMessage(NamedTuple):
    """One message for ``send_messages``: the arguments of ``send_message``.

    A plain ``(case_id, message)`` tuple or a dict with these keys works too.
    """

    case_id: int
    message: str
    type: str = "message"
    translate_lang_key: str | None = None
    channel: str | None = None
    as_contact_id: int | None = None
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


@dataclass(frozen=True)
class BatchResult:
    """One message's outcome in ``send_messages``, the same shape in every language: its
    ``index`` in the input, the stored ``message`` or the ``error``, and its ``source``:
    ``"sent"`` (by this run), ``"recorded"`` (by an earlier run of the journal: skipped),
    ``"settled"`` (an earlier run's uncertain send, found stored by reading the case back)
    or ``"not_sent"`` (invalid, stopped, unsettled, or the journal failed first)."""

    index: int
    source: Literal["sent", "recorded", "settled", "not_sent"]
    message: Message | None
    error: APIError | InvalidRequestError | None

    @property
    def ok(self) -> bool:
        """Whether the message is stored (``message`` is set)."""
        return self.error is None


def batch_results(outcomes: list[tuple[Any, ...]]) -> list[BatchResult]:
    """The native ``(index, source, message, exception)`` tuples as results."""
    return [BatchResult(*outcome) for outcome in outcomes]


def journal_path(journal: str | os.PathLike[str] | None) -> str | None:
    """A journal path as the native layer takes it."""
    return None if journal is None else os.fspath(journal)


def batch_parts(messages: Iterable[BulkItem], concurrency: int) -> list[_Parts]:
    """Every item of ``send_messages`` as native parts, and the concurrency checked."""
    if isinstance(concurrency, bool) or not isinstance(concurrency, int):
        raise TypeError(f"concurrency must be an int, not {_type_name(concurrency)}")
    if concurrency < 1:
        raise InvalidRequestError("concurrency must be at least 1", code="invalid_config", field="concurrency")
    if isinstance(messages, (str, bytes, Mapping)):
        raise TypeError("send_messages takes an iterable of messages, such as a list of (case_id, message) tuples")
    return [item_parts(i, item) for i, item in enumerate(messages)]
