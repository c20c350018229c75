"""The per-call options every method takes as ``**options`` (:class:`RequestOptions`), and
an e-mail's fields (:class:`MailFields`)."""

from __future__ import annotations

from typing import TypedDict

__all__ = ["RequestOptions", "MailFields"]


class RequestOptions(TypedDict, total=False):
    """Overrides of the client's timeouts and retries for one call, passed as keyword
    arguments (``client.contacts.get(5, timeout=60)``); unset ones keep the client's.
    A bad value raises :class:`~acquire_io.InvalidRequestError` naming the field as the
    core does (``timeout``, ``connectTimeout``, ``totalTimeout``, ``maxRetries``)."""

    timeout: float
    """Seconds allowed for each phase after connecting (sending, awaiting the response,
    reading the body)."""
    connect_timeout: float
    """Seconds allowed to connect (DNS, TCP, TLS)."""
    total_timeout: float
    """Seconds for the whole call, retries and back-off included."""
    max_retries: int
    """How many times a failed attempt may be retried (0 to 10)."""
    retry_possibly_delivered: bool
    """Also retry failures after which the message (or change) may have been made."""
    settle_uncertain: bool
    """Read the case back when a send may have been delivered, instead of failing."""


class MailFields(TypedDict, total=False):
    """An e-mail's fields, the ``mail`` of a send into an e-mail case (every one optional)."""

    to: list[str]
    """Recipients (default: the case's contact's address)."""
    subject: str
    """The subject (default: the case's title)."""
    html_body: str
    """The HTML body (default: the text, HTML-escaped, lines joined by ``<br>``)."""
    cc: list[str]
    """Copy to."""
    bcc: list[str]
    """Blind copy to."""
