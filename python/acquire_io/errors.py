"""The exceptions raised by acquire_io, in one hierarchy under :class:`AcquireError`."""

from __future__ import annotations

__all__ = [
    "AcquireError",
    "InvalidRequestError",
    "APIError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
    "WebhookSignatureError",
    "WebhookPayloadError",
    "ContactNotFoundError",
    "CaseNotFoundError",
    "AmbiguousContactError",
    "JournalError",
    "BatchCancelledError",
    "UnsettledError",
]


class AcquireError(Exception):
    """Base class of every acquire_io error.

    ``code`` is the core's stable error code (``"unauthorized"``, ``"timeout"``, ...),
    ``attempts`` how many HTTP attempts were made, and ``may_have_been_delivered``
    whether the message may have reached Acquire (so that resending could duplicate it).
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "internal",
        attempts: int = 0,
        may_have_been_delivered: bool = False,
        **details: object,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.attempts = attempts
        self.may_have_been_delivered = may_have_been_delivered
        for name, value in details.items():
            setattr(self, name, value)


class InvalidRequestError(AcquireError, ValueError):
    """The input or configuration was rejected before anything was sent.

    ``field`` names the offending value by its API name (``caseId``, ``message``,
    ``translateLangKey``, ``contactId``, ``apiKey``, ``accountId``, ``baseUrl``, ...).
    """

    field: str


class APIError(AcquireError):
    """Acquire (or a proxy in front of it) answered with a non-2xx status.

    ``status`` is the HTTP status, ``error_type`` Acquire's type (``ERROR_INVALID_INPUT``,
    ...) when the body names one, ``message`` the body's message or the status line,
    ``body`` the raw body (at most 64 KiB), ``retry_after`` the server's ``Retry-After``
    in seconds.
    """

    status: int
    error_type: str | None = None
    body: str = ""
    retry_after: float | None = None

    def __init__(self, message: str, *, api_message: str | None = None, **details: object) -> None:
        super().__init__(message, **details)  # type: ignore[arg-type]
        if api_message is not None:
            self.message = api_message


class BadRequestError(APIError):
    """400/409/422: the API rejected the input (unknown or inactive case, bad field)."""


class AuthenticationError(APIError):
    """401 ``ERROR_UNAUTHORIZED``: the API key is missing, wrong or revoked."""


class PermissionDeniedError(APIError):
    """403 ``ERROR_UNAUTHORIZED_ACCESS``: the API key lacks the permission."""


class NotFoundError(APIError):
    """404: no such endpoint or object (check the account id or base URL)."""


class RateLimitError(APIError):
    """429: too many requests; wait ``retry_after`` seconds if given."""


class ServerError(APIError):
    """5xx: Acquire or a proxy failed; the message may or may not have been stored."""


class APIConnectionError(AcquireError):
    """No complete response: the connection failed, broke, or TLS failed."""


class APITimeoutError(APIConnectionError):
    """A timeout fired; ``phase`` is ``connect``, ``send``, ``response`` or ``body``."""

    phase: str


class APIResponseValidationError(AcquireError):
    """A 2xx answer whose body is not the expected JSON; the message was delivered."""

    status: int
    body: str = ""


class WebhookSignatureError(AcquireError):
    """A webhook delivery whose ``x-acquire-signature`` does not hold: ``code`` is
    ``missing_signature``, ``malformed_signature``, ``signature_mismatch`` or
    ``empty_secret``. Answer it with 401 and do not act on the body."""


class WebhookPayloadError(AcquireError, ValueError):
    """A webhook body that is not an event (not a JSON object with an ``event`` name)."""


class ContactNotFoundError(AcquireError, LookupError):
    """No contact has the e-mail address (or the contact id is unknown); nothing was
    changed. ``query`` is what was looked up. Pass ``create=True`` to add the contact."""

    query: str


class CaseNotFoundError(AcquireError, LookupError):
    """The contact (``contact_id``) has no case to write into; nothing was changed. Pass
    ``create=True`` to open one."""

    contact_id: int


class AmbiguousContactError(AcquireError, LookupError):
    """Several contacts share the e-mail address (``query``), so none was picked;
    nothing was changed. ``contact_ids`` lists them: pass one as ``contact_id``."""

    query: str
    contact_ids: list[int]


class JournalError(AcquireError):
    """The batch journal cannot be used (another input's, damaged, or not writable). Before
    a batch: nothing was sent. During one: the batch stopped, and no item is reported done
    that is not recorded. ``field`` is the journal's path."""

    field: str


class BatchCancelledError(AcquireError):
    """The batch was stopped (cancelled) before this item was sent; nothing was sent for
    it. Run the batch again with its journal to send the rest."""


class UnsettledError(AcquireError):
    """A resumed batch found this item started by an earlier run, and reading the case
    back could not prove whether it was stored; it was not sent again
    (``may_have_been_delivered`` is true)."""
