"""The exceptions raised by acquire_io, in one tree under :class:`AcquireError`.

::

    AcquireError                      message, code
    ├── InvalidRequestError           bad input or configuration; nothing was sent (attempts 0)
    ├── WebhookError                  a webhook delivery that must not be acted on
    │   ├── WebhookSignatureError
    │   └── WebhookPayloadError
    └── APIError                      a call failed: attempts, may_have_been_delivered
        ├── APIStatusError            a non-2xx answer: status, error_type, body, retry_after
        │   ├── BadRequestError, AuthenticationError, PermissionDeniedError,
        │   │   NotFoundError, RateLimitError, InternalServerError
        ├── APIConnectionError        no complete answer
        │   └── APITimeoutError
        ├── APIResponseValidationError  a 2xx that is not the expected JSON
        ├── ContactNotFoundError, CaseNotFoundError, AmbiguousContactError
        ├── JournalError (→ JournalInUseError), BatchCancelledError, UnsettledError
        └── InternalError             a bug in acquire_io

The names and their meaning follow OpenAI's Python SDK (``APIError`` is any failed call,
connection errors included; ``APIStatusError`` a non-2xx answer).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AcquireError",
    "InvalidRequestError",
    "WebhookError",
    "WebhookSignatureError",
    "WebhookPayloadError",
    "APIError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "RateLimitError",
    "InternalServerError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
    "ContactNotFoundError",
    "CaseNotFoundError",
    "AmbiguousContactError",
    "JournalError",
    "JournalInUseError",
    "BatchCancelledError",
    "UnsettledError",
    "InternalError",
]


class AcquireError(Exception):
    """Base class of every acquire_io error. ``code`` is the core's stable error code
    (``"unauthorized"``, ``"timeout"``, ``"signature_mismatch"``, ...)."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class InvalidRequestError(AcquireError, ValueError):
    """The input or configuration was rejected before anything was sent.

    ``field`` names the offending value by its API name (``caseId``, ``message``,
    ``translateLangKey``, ``contactId``, ``apiKey``, ``accountId``, ``baseUrl``, ...).
    Like a failed call it has ``attempts`` (0) and ``may_have_been_delivered`` (False).
    """

    attempts: int = 0
    may_have_been_delivered: bool = False

    def __init__(self, message: str, *, field: str, code: str = "invalid_request") -> None:
        super().__init__(message, code=code)
        self.field = field


class WebhookError(AcquireError):
    """A webhook delivery that must not be acted on (answer it with 4xx)."""


class WebhookSignatureError(WebhookError):
    """The ``x-acquire-signature`` does not hold: ``code`` is ``missing_signature``,
    ``malformed_signature``, ``signature_mismatch`` or ``empty_secret``. Answer 401."""


class WebhookPayloadError(WebhookError, ValueError):
    """The body is not an event (not a JSON object with an ``event`` name)."""

    def __init__(self, message: str, *, code: str = "invalid_payload") -> None:
        super().__init__(message, code=code)


class APIError(AcquireError):
    """A call to Acquire failed. ``attempts`` is how many HTTP attempts were made and
    ``may_have_been_delivered`` whether the message (or change) may have reached Acquire,
    so that repeating it could duplicate it."""

    def __init__(self, message: str, *, code: str, attempts: int = 0, may_have_been_delivered: bool = False) -> None:
        super().__init__(message, code=code)
        self.attempts = attempts
        self.may_have_been_delivered = may_have_been_delivered


class APIStatusError(APIError):
    """Acquire (or a proxy in front of it) answered with a non-2xx status.

    ``status`` is the HTTP status, ``error_type`` Acquire's type (``ERROR_INVALID_INPUT``,
    ...) when the body names one, ``message`` the body's message or the status line,
    ``body`` the raw body (at most 64 KiB), ``retry_after`` the server's ``Retry-After``
    in seconds.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        code: str = "api_error",
        error_type: str | None = None,
        body: str = "",
        retry_after: float | None = None,
        attempts: int = 1,
        may_have_been_delivered: bool = False,
    ) -> None:
        super().__init__(message, code=code, attempts=attempts, may_have_been_delivered=may_have_been_delivered)
        self.status = status
        self.error_type = error_type
        self.body = body
        self.retry_after = retry_after


class BadRequestError(APIStatusError):
    """400/409/422: the API rejected the input (unknown or inactive case, bad field)."""


class AuthenticationError(APIStatusError):
    """401 ``ERROR_UNAUTHORIZED``: the API key is missing, wrong or revoked."""


class PermissionDeniedError(APIStatusError):
    """403 ``ERROR_UNAUTHORIZED_ACCESS``: the API key lacks the permission."""


class NotFoundError(APIStatusError):
    """404: no such endpoint or object (check the account id or base URL)."""


class RateLimitError(APIStatusError):
    """429: too many requests; wait ``retry_after`` seconds if given."""


class InternalServerError(APIStatusError):
    """5xx: Acquire or a proxy failed; the message may or may not have been stored."""


class APIConnectionError(APIError):
    """No complete response: the connection failed, broke, or TLS failed."""


class APITimeoutError(APIConnectionError):
    """A timeout fired; ``phase`` is ``connect``, ``send``, ``response`` or ``body``."""

    def __init__(
        self,
        message: str,
        *,
        phase: str,
        code: str = "timeout",
        attempts: int = 1,
        may_have_been_delivered: bool = False,
    ) -> None:
        super().__init__(message, code=code, attempts=attempts, may_have_been_delivered=may_have_been_delivered)
        self.phase = phase


class APIResponseValidationError(APIError):
    """A 2xx answer whose body is not the expected JSON; the message was delivered."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        body: str = "",
        code: str = "decode",
        attempts: int = 1,
        may_have_been_delivered: bool = True,
    ) -> None:
        super().__init__(message, code=code, attempts=attempts, may_have_been_delivered=may_have_been_delivered)
        self.status = status
        self.body = body


class ContactNotFoundError(APIError, LookupError):
    """No contact has the e-mail address (or the contact id is unknown); nothing was
    changed. ``query`` is what was looked up. Pass ``create=True`` to add the contact."""

    def __init__(self, message: str, *, query: str, code: str = "contact_not_found", attempts: int = 1) -> None:
        super().__init__(message, code=code, attempts=attempts)
        self.query = query


class CaseNotFoundError(APIError, LookupError):
    """The contact (``contact_id``) has no case to write into; nothing was changed. Pass
    ``create=True`` to open one."""

    def __init__(self, message: str, *, contact_id: int, code: str = "case_not_found", attempts: int = 1) -> None:
        super().__init__(message, code=code, attempts=attempts)
        self.contact_id = contact_id


class AmbiguousContactError(APIError, LookupError):
    """Several contacts share the e-mail address (``query``), so none was picked;
    nothing was changed. ``contact_ids`` lists them: pass one as ``contact_id``."""

    def __init__(
        self, message: str, *, query: str, contact_ids: list[int], code: str = "ambiguous_contact", attempts: int = 1
    ) -> None:
        super().__init__(message, code=code, attempts=attempts)
        self.query = query
        self.contact_ids = contact_ids


class JournalError(APIError):
    """The batch journal cannot be used (another input's, damaged, or not writable). Before
    a batch: nothing was sent. During one: the batch stopped, and no item is reported done
    that is not recorded. ``field`` is the journal's path."""

    def __init__(
        self,
        message: str,
        *,
        field: str,
        code: str = "journal",
        attempts: int = 0,
        may_have_been_delivered: bool = False,
    ) -> None:
        super().__init__(message, code=code, attempts=attempts, may_have_been_delivered=may_have_been_delivered)
        self.field = field


class JournalInUseError(JournalError):
    """Another run (this process or another) is using the batch journal: nothing was sent.
    Wait for that run to finish, or stop it, then run again. ``field`` is the journal's
    path."""

    def __init__(self, message: str, *, field: str, code: str = "journal_in_use", attempts: int = 0) -> None:
        super().__init__(message, field=field, code=code, attempts=attempts)


class BatchCancelledError(APIError):
    """The batch was stopped (cancelled) before this item was sent; nothing was sent for
    it. Run the batch again with its journal to send the rest."""

    def __init__(self, message: str, *, code: str = "cancelled", attempts: int = 0) -> None:
        super().__init__(message, code=code, attempts=attempts)


class UnsettledError(APIError):
    """A resumed batch found this item started by an earlier run, and reading the case
    back could not prove whether it was stored; it was not sent again
    (``may_have_been_delivered`` is true)."""

    def __init__(self, message: str, *, code: str = "unsettled", attempts: int = 0) -> None:
        super().__init__(message, code=code, attempts=attempts, may_have_been_delivered=True)


class InternalError(APIError):
    """A bug in acquire_io (a panic in its Rust core, reported instead of crashing);
    the message may have been delivered."""

    def __init__(self, message: str, *, code: str = "internal", attempts: int = 0) -> None:
        super().__init__(message, code=code, attempts=attempts, may_have_been_delivered=True)


_STATUS_CLASSES: dict[str, type[APIStatusError]] = {
    "bad_request": BadRequestError,
    "unauthorized": AuthenticationError,
    "forbidden": PermissionDeniedError,
    "not_found": NotFoundError,
    "rate_limited": RateLimitError,
    "server_error": InternalServerError,
    "api_error": APIStatusError,
}

_WEBHOOK_CODES = frozenset({"empty_secret", "missing_signature", "malformed_signature", "signature_mismatch"})


def _from_fields(fields: dict[str, Any]) -> AcquireError:
    """The exception for the core's error fields (``acquire_core::ErrorFields``); called
    by the native module, so that the classes are chosen in one place."""
    code: str = fields["code"]
    message: str = fields["message"]
    call = {"attempts": fields.get("attempts", 0)}
    delivered = {**call, "may_have_been_delivered": fields.get("may_have_been_delivered", False)}
    if code in ("invalid_request", "invalid_config"):
        return InvalidRequestError(message, field=fields.get("field") or "", code=code)
    if code in _WEBHOOK_CODES:
        return WebhookSignatureError(message, code=code)
    if code == "invalid_payload":
        return WebhookPayloadError(message)
    if code in _STATUS_CLASSES:
        return _STATUS_CLASSES[code](
            fields.get("api_message") or message,
            code=code,
            status=fields["status"],
            error_type=fields.get("error_type"),
            body=fields.get("body") or "",
            retry_after=fields.get("retry_after"),
            **delivered,
        )
    if code == "timeout":
        return APITimeoutError(message, phase=fields.get("phase") or "", **delivered)
    if code == "connection":
        return APIConnectionError(message, code=code, **delivered)
    if code == "decode":
        return APIResponseValidationError(
            message, status=fields.get("status") or 0, body=fields.get("body") or "", **delivered
        )
    if code == "contact_not_found":
        return ContactNotFoundError(message, query=fields.get("query") or "", **call)
    if code == "case_not_found":
        return CaseNotFoundError(message, contact_id=fields.get("contact_id") or 0, **call)
    if code == "ambiguous_contact":
        return AmbiguousContactError(
            message, query=fields.get("query") or "", contact_ids=fields.get("contact_ids") or [], **call
        )
    if code == "journal":
        return JournalError(message, field=fields.get("field") or "", **delivered)
    if code == "journal_in_use":
        return JournalInUseError(message, field=fields.get("field") or "", **call)
    if code == "cancelled":
        return BatchCancelledError(message, **call)
    if code == "unsettled":
        return UnsettledError(message, **call)
    return InternalError(message, code=code, **call)
