"""Type stubs of the native module (Rust, pyo3)."""

from typing import Any

VERSION: str

class Client:
    def __init__(
        self,
        api_key: str | None = None,
        account_id: str | None = None,
        base_url: str | None = None,
        app_info: str | None = None,
        options: dict[str, Any] | None = None,
    ) -> None: ...
    @property
    def base_url(self) -> str: ...
    def send_message(
        self,
        case_id: int,
        text: str,
        message_type: str | None = None,
        translate_lang_key: str | None = None,
        channel: str | None = None,
        contact_id: int | None = None,
        extra_json: str | None = None,
        options: dict[str, Any] | None = None,
    ) -> tuple[str, str]: ...

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
