"""The answer of :meth:`~acquire_io.Client.settle`: whether an uncertain send is stored."""

from __future__ import annotations

from typing import Literal, NamedTuple

from ._native import Message

__all__ = ["Settlement"]


class Settlement(NamedTuple):
    """What reading the case back proved about a send.

    ``status`` is ``"delivered"`` (``message`` is the stored message: do not send again),
    ``"not_delivered"`` (safe to send again) or ``"unknown"`` (``reason`` says why neither
    could be proven: sending again may duplicate it).
    """

    status: Literal["delivered", "not_delivered", "unknown"]
    message: Message | None
    reason: str | None
