"""Property tests of the public entry points: any input either sends a well-formed
request or raises a typed error before sending — never a crash, never a malformed request
on the wire. Plus injection attempts through the account id and base URL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import acquire_io
from acquire_io.testing import MockServer

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
ANY = st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary() | st.lists(st.integers())


def well_formed(body: str, query: str) -> None:
    """What the docs require of a request that reached the server."""
    sent: dict[str, Any] = json.loads(body)
    assert isinstance(sent["caseId"], int) and sent["caseId"] > 0
    message = sent["message"]
    assert message["type"] in ("message", "note", "event")
    # Rust's White_Space: Python's isspace() also counts the separators U+001C..U+001F.
    assert isinstance(message["message"], str)
    assert any(not c.isspace() or "\x1c" <= c <= "\x1f" for c in message["message"])
    assert "-x-user-type=user" in query or "-x-user-type=contact&contactId=" in query


@pytest.fixture(scope="module")
def server() -> Any:
    with MockServer() as running:
        yield running


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    case_id=st.sampled_from([28, 29, 0, -1]) | st.integers(),
    text=st.text(max_size=40),
    kind=st.sampled_from(["message", "note", "event"]) | st.text(max_size=8),
    lang=st.none() | st.sampled_from(["en", "pt-BR", "fr"]) | st.text(max_size=12),
    channel=st.none() | st.text(max_size=8),
    as_contact_id=st.none() | st.sampled_from([5]) | st.integers(),
    extra=st.none() | st.dictionaries(st.text(max_size=10), JSON_VALUES, max_size=3),
)
def test_any_typed_input_sends_a_valid_request_or_raises_before_sending(
    server: MockServer,
    case_id: int,
    text: str,
    kind: str,
    lang: str | None,
    channel: str | None,
    as_contact_id: int | None,
    extra: dict[str, Any] | None,
) -> None:
    client = acquire_io.Client(base_url=server.url, api_key="mock-key", max_retries=0)
    before = len(server.requests())
    try:
        client.send_message(
            case_id, text, type=kind, translate_lang_key=lang, channel=channel, as_contact_id=as_contact_id, extra=extra
        )
    except acquire_io.InvalidRequestError:
        assert len(server.requests()) == before, "rejected input must not be sent"
        return
    except acquire_io.APIError as err:
        assert err.error_type in ("ERROR_RECORD_NOT_FOUND", "ERROR_INVALID_INPUT")
        assert "not active" in err.message or err.error_type == "ERROR_RECORD_NOT_FOUND", err.message
    request = server.requests()[-1]
    well_formed(request["body"], request["path"])


@settings(max_examples=200, deadline=None)
@given(case_id=ANY, text=ANY, extra=ANY | st.dictionaries(st.text(), ANY))
def test_values_of_any_type_raise_typeerror_or_a_typed_error(case_id: Any, text: Any, extra: Any) -> None:
    client = acquire_io.Client(base_url="http://127.0.0.1:9", api_key="k", max_retries=0, connect_timeout=0.2)
    try:
        client.send_message(case_id, text, extra=extra)
    except (TypeError, acquire_io.AcquireError):
        pass


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("account_id", "evil.com/x"),
        ("account_id", "a@b"),
        ("account_id", "x:1"),
        ("account_id", "a.b"),
        ("account_id", "my co"),
        ("account_id", "münchen"),
        ("account_id", "a\nb"),
        ("base_url", "http://example.com"),
        ("base_url", "http://127.0.0.1.evil.com"),
        ("base_url", "https://user:pw@myco.acquire.io"),
        ("base_url", "myco.acquire.io"),
        ("base_url", "https://myco.acquire.io?x=1"),
        ("base_url", "file:///etc/passwd"),
    ],
)
def test_account_and_url_injection_is_refused_before_any_traffic(setting: str, value: str) -> None:
    with pytest.raises(acquire_io.InvalidRequestError) as raised:
        acquire_io.Client(api_key="k", **{setting: value})
    assert raised.value.field == {"account_id": "accountId", "base_url": "baseUrl"}[setting]
    assert raised.value.attempts == 0
