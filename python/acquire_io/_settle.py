"""The answer of :meth:`~acquire_io.Client.settle`: whether an uncertain send is stored."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, NamedTuple

from ._native import Message

__all__ = ["Settlement", "unix_seconds"]


class Settlement(NamedTuple):
    """What reading the case back proved about a send.

    ``status`` is ``"delivered"`` (``message`` is the stored message: do not send again),
    ``"not_delivered"`` (safe to send again) or ``"unknown"`` (``reason`` says why neither
    could be proven: sending again may duplicate it).
    """

    status: Literal["delivered", "not_delivered", "unknown"]
    message: Message | None
    reason: str | None


def unix_seconds(since: datetime | float) -> float:
    """A time (a datetime or Unix seconds) as Unix seconds."""
    if isinstance(since, (int, float)) and not isinstance(since, bool):
        return float(since)
    timestamp = getattr(since, "timestamp", None)
    if timestamp is None:
        raise TypeError(f"since must be a datetime or Unix seconds, not {type(since).__name__}")
    return float(timestamp())
