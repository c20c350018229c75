"""Each exception class, with the fields a user relies on."""

from __future__ import annotations

import socket
import time

import pytest

import acquire_io
from acquire_io.testing import MockServer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_hierarchy() -> None:
    assert issubclass(acquire_io.InvalidRequestError, ValueError)
    for cls in (
        acquire_io.BadRequestError,
        acquire_io.AuthenticationError,
        acquire_io.PermissionDeniedError,
        acquire_io.NotFoundError,
        acquire_io.RateLimitError,
        acquire_io.InternalServerError,
    ):
        assert issubclass(cls, acquire_io.APIError) and issubclass(cls, acquire_io.AcquireError)
    assert issubclass(acquire_io.APITimeoutError, acquire_io.APIConnectionError)
    # OpenAI's tree: a failed call of any kind is an APIError; webhook errors are not calls.
    for cls in (
        acquire_io.APIConnectionError,
        acquire_io.APIResponseValidationError,
        acquire_io.ContactNotFoundError,
        acquire_io.InternalError,
    ):
        assert issubclass(cls, acquire_io.APIError)
    assert issubclass(acquire_io.InternalServerError, acquire_io.APIStatusError)
    for cls in (acquire_io.WebhookSignatureError, acquire_io.WebhookPayloadError):
        assert issubclass(cls, acquire_io.WebhookError) and not issubclass(cls, acquire_io.APIError)
        assert not hasattr(cls("x", code="signature_mismatch"), "may_have_been_delivered")
    assert acquire_io.errors.AcquireError is acquire_io.AcquireError


def test_authentication_error(server: MockServer) -> None:
    client = acquire_io.Client(base_url=server.url, api_key="wrong-key-123")
    with pytest.raises(acquire_io.AuthenticationError) as raised:
        client.send_message(28, "hi")
    err = raised.value
    assert (err.status, err.error_type, err.code) == (401, "ERROR_UNAUTHORIZED", "unauthorized")
    assert err.message == "missing, incorrect or invalid API key"
    assert (err.attempts, err.may_have_been_delivered, err.retry_after) == (1, False, None)
    assert "wrong-key-123" not in str(err) and "wrong-key-123" not in repr(err)


def test_permission_denied(server: MockServer) -> None:
    client = acquire_io.Client(base_url=server.url, api_key="mock-key-no-chat")
    with pytest.raises(acquire_io.PermissionDeniedError) as raised:
        client.send_message(28, "hi")
    assert (raised.value.status, raised.value.error_type) == (403, "ERROR_UNAUTHORIZED_ACCESS")


def test_bad_request_for_an_inactive_case(client: acquire_io.Client) -> None:
    with pytest.raises(acquire_io.BadRequestError) as raised:
        client.send_message(29, "hi")
    assert (raised.value.status, raised.value.error_type) == (400, "ERROR_INVALID_INPUT")
    assert "not active" in raised.value.message


def test_not_found_for_a_wrong_base_path(server: MockServer) -> None:
    client = acquire_io.Client(base_url=server.url + "/eu", api_key="mock-key")
    with pytest.raises(acquire_io.NotFoundError) as raised:
        client.send_message(28, "hi")
    assert raised.value.status == 404


def test_rate_limit_with_a_long_retry_after_is_returned(server: MockServer) -> None:
    server.script({"status": 429, "headers": {"retry-after": "90"}})
    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    with pytest.raises(acquire_io.RateLimitError) as raised:
        client.send_message(28, "hi")
    assert (raised.value.retry_after, raised.value.attempts) == (90.0, 1)


def test_server_error_may_have_been_delivered(server: MockServer) -> None:
    server.script({"status": 500, "store": True})
    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    with pytest.raises(acquire_io.InternalServerError) as raised:
        client.send_message(28, "hi")
    assert (raised.value.status, raised.value.error_type) == (500, "ERROR_SERVER_ERROR")
    assert raised.value.may_have_been_delivered is True
    assert len(server.messages()) == 1


def test_timeout_names_its_phase(server: MockServer) -> None:
    server.script({"fault": "stall"})
    client = acquire_io.Client(base_url=server.url, api_key="mock-key", timeout=0.2)
    with pytest.raises(acquire_io.APITimeoutError) as raised:
        client.send_message(28, "hi")
    err = raised.value
    assert (err.phase, err.code, err.attempts, err.may_have_been_delivered) == ("response", "timeout", 1, True)


def test_connection_refused_is_retried_and_not_delivered() -> None:
    client = acquire_io.Client(base_url=f"http://127.0.0.1:{free_port()}", api_key="k", max_retries=1)
    with pytest.raises(acquire_io.APIConnectionError) as raised:
        client.send_message(28, "hi")
    err = raised.value
    assert not isinstance(err, acquire_io.APITimeoutError)
    assert (err.code, err.attempts, err.may_have_been_delivered) == ("connection", 2, False)


def test_dropped_connection_after_sending(server: MockServer) -> None:
    server.script({"fault": "reset"})
    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    with pytest.raises(acquire_io.APIConnectionError) as raised:
        client.send_message(28, "hi")
    assert (raised.value.attempts, raised.value.may_have_been_delivered) == (1, True)


def test_undecodable_success(server: MockServer) -> None:
    server.script({"fault": "invalidUtf8"})
    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    with pytest.raises(acquire_io.APIResponseValidationError) as raised:
        client.send_message(28, "hi")
    assert (raised.value.status, raised.value.may_have_been_delivered) == (200, True)


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"api_key": None, "base_url": "http://127.0.0.1:1"}, "apiKey"),
        ({"api_key": "k", "account_id": "evil.com/x"}, "accountId"),
        ({"api_key": "k", "base_url": "http://example.com"}, "baseUrl"),
        ({"api_key": "k", "base_url": "http://127.0.0.1:1", "timeout": -1.0}, "timeout"),
        ({"api_key": "k", "base_url": "http://127.0.0.1:1", "max_retries": 11}, "maxRetries"),
    ],
)
def test_bad_configuration(monkeypatch: pytest.MonkeyPatch, kwargs: dict, field: str) -> None:  # type: ignore[type-arg]
    monkeypatch.delenv("ACQUIRE_API_KEY", raising=False)
    with pytest.raises(acquire_io.InvalidRequestError) as raised:
        acquire_io.Client(**kwargs)
    assert raised.value.field == field


def test_wrong_python_types_are_type_errors(client: acquire_io.Client) -> None:
    for bad in ("28", 28.0, True, None):
        with pytest.raises(TypeError):
            client.send_message(bad, "hi")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        client.send_message(28, b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        client.send_message(28, "hi", extra={"when": time})  # type: ignore[dict-item]
    with pytest.raises(acquire_io.InvalidRequestError) as raised:
        client.send_message(2**70, "hi")
    assert raised.value.field == "caseId"


def test_a_rust_panic_is_an_acquire_error_not_an_abort(server: MockServer) -> None:
    """The test build's panic trigger (feature panic-trigger) panics inside the binding."""
    import asyncio

    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    for call in (
        lambda: client.send_message(28, "__acquire_panic__"),
        lambda: client.send_messages([(28, "__acquire_panic__")]),
    ):
        with pytest.raises(acquire_io.AcquireError) as raised:
            call()
        assert type(raised.value) is acquire_io.InternalError
        assert "internal error in acquire-core" in str(raised.value)
        # One meaning in every language: a panic part-way may have sent the message.
        assert (raised.value.code, raised.value.may_have_been_delivered) == ("internal", True)

    async def in_asyncio() -> None:
        aclient = acquire_io.AsyncClient(base_url=server.url, api_key="mock-key")
        with pytest.raises(acquire_io.AcquireError, match="internal error"):
            await aclient.send_message(28, "__acquire_panic__")

    asyncio.run(in_asyncio())
    assert client.send_message(28, "still alive").message == "still alive"
    assert server.messages()[-1]["message"] == "still alive"
