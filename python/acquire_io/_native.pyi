"""Type stubs of the native module (Rust, pyo3)."""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, ClassVar, Protocol, final

class _Parts(Protocol):
    """One message (acquire_io._parts._Parts), read by attribute."""

    @property
    def case_id(self) -> int | None: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str | None: ...
    @property
    def translate_lang_key(self) -> str | None: ...
    @property
    def channel(self) -> str | None: ...
    @property
    def as_contact_id(self) -> int | None: ...
    @property
    def extra(self) -> dict[str, Any] | None: ...

_Callback = Callable[[bool, Any], None]

__all__ = [
    "Case",
    "Client",
    "Contact",
    "DEFAULT_BATCH_CONCURRENCY",
    "Event",
    "Message",
    "MockServer",
    "Participant",
    "Sender",
    "StopFlag",
    "VERSION",
    "WebhookContact",
    "WebhookMessage",
    "WebhookUser",
    "cases_check",
    "cases_close",
    "cases_get",
    "cases_invite",
    "cases_list_page",
    "cases_open",
    "cases_snooze",
    "contacts_create",
    "contacts_find_by_email",
    "contacts_search_check",
    "contacts_search_page",
    "contacts_update",
    "contacts_get",
    "contacts_list_page",
    "find_case",
    "messages_get",
    "messages_list",
    "raw_request",
    "messages_update",
    "messages_delete",
    "messages_thread",
    "send_to_contact",
    "settle",
    "spawn_call",
    "stop_reports",
    "webhook_construct_event",
    "webhook_parse",
    "webhook_sign",
    "webhook_verify",
]

VERSION: str
DEFAULT_BATCH_CONCURRENCY: int

@final
class Client:
    def __new__(
        cls,
        api_key: str | None = None,
        account_id: str | None = None,
        base_url: str | None = None,
        app_info: str | None = None,
        options: dict[str, Any] | None = None,
        max_concurrency: int | None = None,
        on_event: Callable[[dict[str, Any]], object] | None = None,
        log_bodies: bool = False,
        mail_from: str | None = None,
        sms_from: str | None = None,
    ) -> Client: ...
    @property
    def base_url(self) -> str: ...
    def send_message(self, parts: _Parts, options: dict[str, Any] | None = None) -> Message: ...
    def send_messages(
        self,
        items: Sequence[_Parts],
        concurrency: int,
        options: dict[str, Any] | None = None,
        journal: str | None = None,
        stop: StopFlag | None = None,
        on_progress: Callable[[int, int], object] | None = None,
    ) -> list[tuple[int, str, Message | None, Any]]: ...

@final
class StopFlag:
    """Stops a batch: no new item starts once set."""

    def __init__(self) -> None: ...
    def stop(self) -> None: ...
    @property
    def stopped(self) -> bool: ...

def settle(
    client: Client, parts: _Parts, since: float, options: dict[str, Any] | None = None
) -> tuple[str, Message | None, str | None]: ...

class _Model:
    """Shared by the result classes: immutable, compared field by field."""

    _fields: ClassVar[tuple[str, ...]]
    _renames: ClassVar[dict[str, str]]
    __hash__: ClassVar[None]  # type: ignore[assignment]
    @property
    def extra(self) -> dict[str, Any]:
        """Fields the API sent that are not modelled, as they came."""
    def to_dict(self) -> dict[str, Any]:
        """This object and its nested objects as plain dicts (snake_case keys)."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Participant(_Model):
    """An agent or contact taking part in a case."""

    @property
    def id(self) -> int: ...
    @property
    def case_id(self) -> int | None: ...
    @property
    def participant_type(self) -> str | None:
        """``user`` (an agent) or ``contact``."""
    @property
    def user_id(self) -> int | None: ...
    @property
    def role(self) -> str | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def closed(self) -> bool | None: ...
    @property
    def meta(self) -> Any: ...
    @property
    def date_created(self) -> datetime | None: ...
    @property
    def date_last_assigned(self) -> datetime | None: ...

@final
class Contact(_Model):
    """The customer of a case."""

    @property
    def id(self) -> int: ...
    @property
    def client_type(self) -> str | None: ...
    @property
    def client_name(self) -> str | None: ...
    @property
    def client_version(self) -> str | None: ...
    @property
    def client_os_name(self) -> str | None: ...
    @property
    def client_os_version(self) -> str | None: ...
    @property
    def client_device_type(self) -> str | None: ...
    @property
    def client_device_vendor(self) -> str | None: ...
    @property
    def client_device_model(self) -> str | None: ...
    @property
    def client_details(self) -> Any: ...
    @property
    def meta(self) -> Any: ...
    @property
    def archive(self) -> bool | None: ...
    @property
    def company_id(self) -> int | None: ...
    @property
    def date_created(self) -> datetime | None: ...
    @property
    def date_updated(self) -> datetime | None: ...
    @property
    def fields(self) -> Any:
        """Name, e-mail, phone and custom attributes, as the API sent them."""
    @property
    def cases(self) -> list[Case]:
        """The contact's cases (read with the contact)."""
    @property
    def email(self) -> str | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...

@final
class Case(_Model):
    """A conversation."""

    @property
    def id(self) -> int: ...
    @property
    def thread_id(self) -> int | None: ...
    @property
    def visit_id(self) -> int | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def description(self) -> str | None: ...
    @property
    def channel(self) -> str | None: ...
    @property
    def status(self) -> str | None:
        """``active``, ``pending``, ``queue``, ``closed``, ..."""
    @property
    def closing_state(self) -> str | None: ...
    @property
    def closed_by(self) -> int | None: ...
    @property
    def queue_id(self) -> int | None: ...
    @property
    def queue_order(self) -> int | None: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def user_id(self) -> int | None: ...
    @property
    def wait_time(self) -> int | None: ...
    @property
    def meta(self) -> Any: ...
    @property
    def date_created(self) -> datetime | None: ...
    @property
    def date_updated(self) -> datetime | None: ...
    @property
    def date_queue(self) -> datetime | None: ...
    @property
    def date_pending(self) -> datetime | None: ...
    @property
    def date_active(self) -> datetime | None: ...
    @property
    def date_closed(self) -> datetime | None: ...
    @property
    def contact_id(self) -> int | None: ...
    @property
    def contact(self) -> Contact | None: ...
    @property
    def last_message(self) -> Message | None:
        """The newest message (in a thread listing)."""
    @property
    def users(self) -> list[Participant]: ...

@final
class Sender(_Model):
    """The agent or contact that sent a message."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str | None: ...
    @property
    def first_name(self) -> str | None: ...
    @property
    def last_name(self) -> str | None: ...
    @property
    def photo(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def client_id(self) -> str | None: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def sender_type(self) -> str | None: ...
    @property
    def access_level(self) -> Any: ...
    @property
    def departments(self) -> list[Any]: ...
    @property
    def roles(self) -> list[Any]: ...
    @property
    def meta_details(self) -> Any: ...

@final
class Message(_Model):
    """A message stored in a conversation, as returned by ``send_message``."""

    @property
    def id(self) -> int: ...
    @property
    def case_id(self) -> int: ...
    @property
    def thread_id(self) -> int | None: ...
    @property
    def contact_id(self) -> int | None: ...
    @property
    def channel(self) -> str | None: ...
    @property
    def sender_type(self) -> str | None:
        """``user`` (an agent) or ``contact``."""
    @property
    def sender_id(self) -> int | None: ...
    @property
    def type(self) -> str | None:
        """``message``, ``note`` or ``event``."""
    @property
    def seen(self) -> bool | None: ...
    @property
    def message(self) -> str | None: ...
    @property
    def meta(self) -> Any: ...
    @property
    def date_created(self) -> datetime | None: ...
    @property
    def date_updated(self) -> datetime | None: ...
    @property
    def case(self) -> Case | None: ...
    @property
    def sender(self) -> Sender | None: ...
    @property
    def raw(self) -> str:
        """The exact HTTP response body."""
    @property
    def raw_data(self) -> dict[str, Any]:
        """The API's JSON for this message (the response's ``data``), as a new dict."""

def stop_reports() -> None: ...

# A page: (items, next page number or None, total or None).
_Page = tuple[list[Any], int | None, int | None]
# A case query: (contact id, status, where conditions, select, relations, page size).
_Query = tuple[int | None, str | None, list[str], list[str], list[str], int | None]

def contacts_find_by_email(client: Client, email: str, options: dict[str, Any] | None = None) -> list[Contact]: ...
def contacts_search_check(text: str) -> None: ...
def contacts_search_page(
    client: Client, text: str, page: int, limit: int | None = None, options: dict[str, Any] | None = None
) -> _Page: ...
def contacts_list_page(
    client: Client, page: int, limit: int | None = None, options: dict[str, Any] | None = None
) -> _Page: ...
def contacts_get(client: Client, contact_id: int, options: dict[str, Any] | None = None) -> Contact: ...
def contacts_create(
    client: Client, fields: list[tuple[str, str]], options: dict[str, Any] | None = None
) -> Contact: ...
def contacts_update(
    client: Client, contact_id: int, fields: list[tuple[str, str]], options: dict[str, Any] | None = None
) -> Contact: ...
def cases_check(query: _Query) -> None: ...
def cases_list_page(client: Client, query: _Query, page: int, options: dict[str, Any] | None = None) -> _Page: ...
def cases_get(client: Client, case_id: int, options: dict[str, Any] | None = None) -> Case: ...
def cases_open(
    client: Client,
    contact_id: int,
    thread_id: int | None = None,
    message: str | None = None,
    title: str | None = None,
    channel: str | None = None,
    options: dict[str, Any] | None = None,
) -> Case: ...
def cases_close(
    client: Client, case_id: int, options: dict[str, Any] | None = None
) -> tuple[int, int | None, int | None, Any]: ...
def cases_invite(
    client: Client,
    case_id: int,
    agent_ids: list[int],
    department_ids: list[int],
    options: dict[str, Any] | None = None,
) -> tuple[list[tuple[int, bool, bool]], Any]: ...
def cases_snooze(
    client: Client,
    case_id: int,
    until: str,
    message: str | None = None,
    options: dict[str, Any] | None = None,
) -> tuple[int | None, int | None, int | None, datetime | None, int | None, str | None, Any]: ...
def messages_thread(
    client: Client, thread_id: int, contact_id: int, options: dict[str, Any] | None = None
) -> list[Case]: ...
def messages_get(client: Client, message_id: int, options: dict[str, Any] | None = None) -> Message: ...
def raw_request(
    client: Client,
    method: str,
    path: str,
    query: list[tuple[str, str]],
    body: Any,
    idempotent: bool,
    options: dict[str, Any] | None = None,
) -> Any: ...
def messages_update(
    client: Client,
    message_id: int,
    message: str,
    message_type: str,
    translate_lang_key: str | None = None,
    options: dict[str, Any] | None = None,
) -> Message: ...
def messages_delete(client: Client, message_id: int, options: dict[str, Any] | None = None) -> int: ...
def messages_list(
    client: Client, case_id: int, order: str, limit: int | None = None, options: dict[str, Any] | None = None
) -> list[Message]: ...
def find_case(
    client: Client,
    email: str | None,
    contact_id: int | None,
    create: bool,
    reopen: bool,
    options: dict[str, Any] | None = None,
) -> tuple[Case, int, str, bool]: ...
def send_to_contact(
    client: Client,
    email: str | None,
    contact_id: int | None,
    create: bool,
    reopen: bool,
    parts: _Parts,
    options: dict[str, Any] | None = None,
) -> Message: ...
def spawn_call(client: Client, callback: _Callback, func: Callable[..., Any], args: tuple[Any, ...]) -> None: ...
def webhook_verify(body: bytes | str, signature: str | None, secret: str) -> None: ...
def webhook_sign(body: bytes | str, secret: str) -> str: ...
def webhook_parse(body: bytes | str) -> Event: ...
def webhook_construct_event(body: bytes | str, signature: str | None, secret: str) -> Event: ...

@final
class WebhookContact:
    """The customer a webhook is about."""

    @property
    def id(self) -> int | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def fields(self) -> dict[str, Any]:
        """Every field the payload gave for the contact."""

@final
class WebhookUser:
    """An agent, bot or customer named by a webhook (v1 events)."""

    @property
    def id(self) -> str | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def type(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...

@final
class WebhookMessage:
    """A message carried by a webhook."""

    @property
    def id(self) -> int | None: ...
    @property
    def channel(self) -> str | None: ...
    @property
    def sender_id(self) -> int | None: ...
    @property
    def sender_type(self) -> str | None:
        """``contact`` (the customer) or ``user`` (an agent)."""
    @property
    def type(self) -> str | None: ...
    @property
    def message(self) -> str | None: ...
    @property
    def seen(self) -> bool | None: ...
    @property
    def date_created(self) -> datetime | None: ...
    @property
    def user(self) -> WebhookUser | None: ...
    @property
    def is_from_contact(self) -> bool:
        """Whether the customer wrote it."""

@final
class Event:
    """One webhook delivery: its event name, data and the typed fields the docs show."""

    @property
    def name(self) -> str:
        """The event name as sent (``case:status``, ``CHAT_ON_MESSAGE``, ...)."""
    @property
    def kind(self) -> str:
        """``case_status``, ``case_message_new``, ``user_case_invite``, ``user_case_joined``,
        ``chat_on_start``, ``chat_on_accept``, ``chat_on_message``, ``chat_on_close`` or ``other``."""
    @property
    def generation(self) -> str:
        """``v1`` (``CHAT_ON_*``) or ``v2``."""
    @property
    def data(self) -> dict[str, Any]: ...
    @property
    def raw(self) -> str: ...
    @property
    def case_id(self) -> int | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def contact(self) -> WebhookContact | None: ...
    @property
    def user(self) -> WebhookUser | None: ...
    @property
    def messages(self) -> list[WebhookMessage]: ...
    @property
    def last_contact_message(self) -> WebhookMessage | None: ...

@final
class MockServer:
    def __new__(
        cls,
        host: str = "127.0.0.1",
        port: int = 0,
        fixtures_json: str | None = None,
        static_mode: bool = False,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
    ) -> MockServer: ...
    @property
    def url(self) -> str: ...
    def requests(self) -> str: ...
    def messages(self) -> str: ...
    def script(self, steps_json: str) -> None: ...
    def set_webhook(self, url: str | None, secret: str | None = None) -> None: ...
    def webhooks(self) -> str: ...
    def stats(self) -> str: ...
    def add_contact(self, contact_json: str) -> str: ...
    def add_cases(self, contact_id: int, status: str, count: int) -> list[int]: ...
    def contact_message(self, case_id: int, text: str) -> str: ...
    def set_case_status(self, case_id: int, status: str) -> str: ...
    def reset(self) -> None: ...
    def stop(self) -> None: ...
