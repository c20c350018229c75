"""Type stubs of the native module (Rust, pyo3)."""

from collections.abc import Callable
from typing import Any

# (case_id, text, type, translate_lang_key, channel, contact_id, extra as JSON text)
_Parts = tuple[int, str, str, str | None, str | None, int | None, str | None]
# (the typed message as JSON text, the raw response body)
_Sent = tuple[str, str]
_Callback = Callable[[bool, Any], None]

VERSION: str

class Client:
    def __init__(
        self,
        api_key: str | None = None,
        account_id: str | None = None,
        base_url: str | None = None,
        app_info: str | None = None,
        options: dict[str, Any] | None = None,
        max_concurrency: int | None = None,
    ) -> None: ...
    @property
    def base_url(self) -> str: ...
    def send_message(self, parts: _Parts, options: dict[str, Any] | None = None) -> _Sent: ...
    def send_messages(
        self, items: list[_Parts], concurrency: int, options: dict[str, Any] | None = None
    ) -> list[tuple[bool, Any]]: ...
    def spawn_send(self, callback: _Callback, parts: _Parts, options: dict[str, Any] | None = None) -> None: ...
    def spawn_send_messages(
        self, callback: _Callback, items: list[_Parts], concurrency: int, options: dict[str, Any] | None = None
    ) -> None: ...

class MockServer:
    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        fixtures_json: str | None = None,
        static_mode: bool = False,
    ) -> None: ...
    @property
    def url(self) -> str: ...
    def requests(self) -> str: ...
    def messages(self) -> str: ...
    def script(self, steps_json: str) -> None: ...
    def reset(self) -> None: ...
    def stop(self) -> None: ...
