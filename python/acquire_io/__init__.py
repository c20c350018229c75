"""Send messages into Acquire (acquire.io) customer conversations.

>>> import acquire_io
>>> client = acquire_io.Client(account_id="myco", api_key="...")  # doctest: +SKIP
>>> msg = client.send_message(28, "Hello!")  # doctest: +SKIP
"""

from . import errors, webhooks
from ._client import AsyncClient, Client, send_message
from ._native import VERSION as __version__
from ._native import Case, Contact, Message, Participant, Sender
from .errors import (
    AcquireError,
    AmbiguousContactError,
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BatchCancelledError,
    CaseNotFoundError,
    ContactNotFoundError,
    InternalError,
    InternalServerError,
    InvalidRequestError,
    JournalError,
    JournalInUseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnsettledError,
    WebhookError,
    WebhookPayloadError,
    WebhookSignatureError,
)

TYPE_CHECKING = False  # the checkers treat it as true; `typing` stays unimported
if TYPE_CHECKING:
    from ._bulk import BatchResult, BulkItem, SendMessage
    from ._options import MailFields, RequestOptions
    from ._resources import ClosedCase, FoundCase, Invitation, InvitedAgent, Snoozed
    from ._settle import Settlement


def __getattr__(name: str) -> object:
    """``SendMessage`` and ``BulkItem`` load with the bulk-send module, ``RequestOptions``,
    ``Settlement`` and the read side's results (``FoundCase``, ``ClosedCase``, ``Invitation``,
    ``InvitedAgent``, ``Snoozed``) with their modules, on first use."""
    if name in ("SendMessage", "BulkItem", "BatchResult"):
        from . import _bulk

        return getattr(_bulk, name)
    if name in ("RequestOptions", "MailFields"):
        from . import _options

        return getattr(_options, name)
    if name == "Settlement":
        from ._settle import Settlement

        return Settlement
    if name in ("FoundCase", "ClosedCase", "Invitation", "InvitedAgent", "Snoozed"):
        from . import _resources

        return getattr(_resources, name)
    raise AttributeError(f"module 'acquire_io' has no attribute {name!r}")


__all__ = [
    "__version__",
    "errors",
    "webhooks",
    "Client",
    "AsyncClient",
    "send_message",
    "RequestOptions",
    "MailFields",
    "SendMessage",
    "BulkItem",
    "BatchResult",
    "Message",
    "Case",
    "Contact",
    "Participant",
    "Sender",
    "AcquireError",
    "InvalidRequestError",
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
    "WebhookError",
    "WebhookSignatureError",
    "WebhookPayloadError",
    "ContactNotFoundError",
    "CaseNotFoundError",
    "AmbiguousContactError",
    "JournalError",
    "JournalInUseError",
    "BatchCancelledError",
    "UnsettledError",
    "InternalError",
    "Settlement",
    "FoundCase",
    "ClosedCase",
    "Invitation",
    "InvitedAgent",
    "Snoozed",
]
