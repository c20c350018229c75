"""The shared cases of tests/vectors, run through the Python client."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from conftest import ERROR_CLASSES, VECTORS, vectors

import acquire_io
from acquire_io.testing import MockServer

REQUESTS = vectors("requests.json")
INVALID = vectors("invalid.json")
RESPONSES = vectors("responses.json")


def send_input(client: acquire_io.Client, given: dict[str, Any]) -> acquire_io.Message:
    return client.send_message(
        given["caseId"],
        given["message"],
        type=given.get("type", "message"),
        translate_lang_key=given.get("translateLangKey"),
        channel=given.get("channel"),
        as_contact_id=given.get("asContactId"),
        extra=given.get("extra"),
    )


@pytest.mark.parametrize("case", REQUESTS["cases"], ids=lambda c: c["name"])
def test_requests_are_exact_on_the_wire(server: MockServer, case: dict[str, Any]) -> None:
    client = acquire_io.Client(base_url=server.url, api_key=REQUESTS["apiKey"])
    send_input(client, case["input"])
    [request] = server.requests()
    assert request["method"] == REQUESTS["method"]
    assert request["path"] == f"{REQUESTS['path']}?{case['query']}"
    assert request["status"] == 200
    headers = dict(request["headers"])
    for name, value in REQUESTS["headers"].items():
        assert headers[name] == value
    assert headers["user-agent"].startswith(REQUESTS["userAgentPrefix"])
    assert request["body"] == case["body"]


@pytest.mark.parametrize("case", INVALID["cases"], ids=lambda c: c["name"])
def test_invalid_inputs_are_never_sent(server: MockServer, client: acquire_io.Client, case: dict[str, Any]) -> None:
    with pytest.raises(acquire_io.InvalidRequestError) as raised:
        send_input(client, case["input"])
    assert raised.value.field == case["field"]
    assert raised.value.attempts == 0
    assert raised.value.may_have_been_delivered is False
    assert server.requests() == []


def lookup(value: Any, path: str) -> Any:
    for key in path.split("."):
        value = value[int(key)] if key.isdigit() else value.get(key)
        if value is None:
            return None
    return value


def same(path: str, expected: Any, got: Any) -> bool:
    if isinstance(expected, str) and path.rsplit(".", 1)[-1].startswith("date"):

        def instant(s: str) -> datetime:
            return datetime.fromisoformat(s.replace("Z", "+00:00"))

        return isinstance(got, str) and instant(expected) == instant(got)
    return bool(expected == got)


@pytest.mark.parametrize("case", RESPONSES["cases"], ids=lambda c: c["name"])
def test_responses_become_messages_or_typed_errors(
    server: MockServer, client: acquire_io.Client, case: dict[str, Any]
) -> None:
    body = (VECTORS / case["bodyFile"]).read_text(encoding="utf-8") if "bodyFile" in case else case["body"]
    server.script({"status": case["status"], "headers": case["headers"], "body": body})
    expect_message: dict[str, Any] | None = case["expect"].get("message")
    if expect_message is not None:
        message = client.send_message(28, "hi")
        assert message.raw == body
        api_view = message.raw_data  # the API's own JSON
        typed = to_api_names(message)
        for path, expected in expect_message.items():
            assert same(path, expected, lookup(typed, path)), (path, lookup(typed, path), lookup(api_view, path))
        return
    expected = case["expect"]["error"]
    with pytest.raises(acquire_io.AcquireError) as raised:
        client.send_message(28, "hi")
    err: Any = raised.value
    assert type(err) is ERROR_CLASSES[expected["code"]]
    assert err.code == expected["code"]
    assert err.status == expected["status"]
    assert err.attempts == 1
    assert err.may_have_been_delivered is expected["mayHaveBeenDelivered"]
    if isinstance(err, acquire_io.APIStatusError):
        assert err.error_type == expected["errorType"]
        assert err.message == expected["message"]
        assert err.retry_after == expected["retryAfter"]
        assert err.body == body


def to_api_names(message: acquire_io.Message) -> dict[str, Any]:
    """The typed message back in the API's camelCase names, timestamps as ISO strings."""

    def convert(value: Any) -> Any:
        if isinstance(
            value, (acquire_io.Message, acquire_io.Case, acquire_io.Contact, acquire_io.Participant, acquire_io.Sender)
        ):
            out: dict[str, Any] = {}
            renames = {v: k for k, v in value._renames.items()}
            for name in value._fields:
                if name in ("extra", "raw"):
                    continue
                parts = name.split("_")
                key = renames.get(name, parts[0] + "".join(p.title() for p in parts[1:]))
                out[key] = convert(getattr(value, name))
            out.update(value.extra)
            return out
        if isinstance(value, list):
            return [convert(v) for v in value]
        if isinstance(value, datetime):
            return value.isoformat()
        return value

    result: dict[str, Any] = convert(message)
    return result
