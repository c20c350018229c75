"""Acquire's webhooks: check a delivery's ``x-acquire-signature`` and read its event.

>>> from acquire_io import webhooks
>>> event = webhooks.construct_event(raw_body, headers.get("x-acquire-signature"), SECRET)  # doctest: +SKIP
>>> if event.kind == "case_message_new" and event.last_contact_message:  # doctest: +SKIP
...     client.send_message(event.case_id, "Thanks, we are on it!")

Pass the **raw** request body (bytes as received, not re-serialized JSON). The signature
is the hex HMAC-SHA256 of the body under the webhook's secret, compared in constant time;
a body whose ``JSON.stringify`` form was signed (what Acquire's docs compute) verifies too.
Acquire's scheme has no timestamp, so make handlers idempotent (on the message id).
"""

from __future__ import annotations

from . import _native
from ._native import Event, WebhookContact, WebhookMessage, WebhookUser
from .errors import WebhookPayloadError, WebhookSignatureError

__all__ = [
    "SIGNATURE_HEADER",
    "verify",
    "sign",
    "construct_event",
    "parse_event",
    "Event",
    "WebhookContact",
    "WebhookMessage",
    "WebhookUser",
    "WebhookSignatureError",
    "WebhookPayloadError",
]

SIGNATURE_HEADER = "x-acquire-signature"
"""The header that carries the signature (header names are case-insensitive)."""


def verify(body: bytes | str, signature: str | None, secret: str) -> None:
    """Raises :class:`WebhookSignatureError` unless ``signature`` (the header's value, or
    ``None`` when it is missing) signs the raw ``body`` under ``secret``."""
    _native.webhook_verify(body, signature, secret)


def sign(body: bytes | str, secret: str) -> str:
    """The ``x-acquire-signature`` Acquire would send for ``body`` (for your own tests)."""
    return _native.webhook_sign(body, secret)


def parse_event(body: bytes | str) -> Event:
    """Reads a webhook body *without* checking its signature; raises
    :class:`WebhookPayloadError` if it is not an event."""
    return _native.webhook_parse(body)


def construct_event(body: bytes | str, signature: str | None, secret: str) -> Event:
    """:func:`verify`, then :func:`parse_event`: the event of a genuine delivery."""
    return _native.webhook_construct_event(body, signature, secret)
