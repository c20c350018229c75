"""Both Python clients against the declared surface (tests/surface.json): every operation
with its parameters in order, which are required, ``**options`` and the result, no public
method the manifest does not declare, and the per-call options with the same bounds and
error fields as every other front end."""

from __future__ import annotations

import asyncio
import inspect
import json
from pathlib import Path
from typing import Any

import pytest

import acquire_io
from acquire_io.testing import MockServer

MANIFEST = json.loads((Path(__file__).resolve().parents[2] / "tests" / "surface.json").read_text())
OPERATIONS = MANIFEST["operations"]
OPTIONS = MANIFEST["options"]["list"]


def python_params(op: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in op["params"] if p.get("python", p["name"]) is not None]


def method(client: object, op: dict[str, Any]) -> Any:
    target = client
    for part in op["name"].split("."):
        target = getattr(target, part)
    return target


@pytest.fixture(params=["Client", "AsyncClient"])
def client(request: pytest.FixtureRequest) -> Any:
    # Nothing is sent: building a client opens no connection.
    return getattr(acquire_io, request.param)(base_url="http://127.0.0.1:9", api_key="mock-key")


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op["name"])
def test_each_operation_has_the_declared_parameters_and_result(client: Any, op: dict[str, Any]) -> None:
    func = method(client, op)
    signature = inspect.signature(func)
    *named, options = signature.parameters.values()
    assert [p.name for p in named] == [p.get("python", p["name"]) for p in python_params(op)]
    for param, declared in zip(named, python_params(op)):
        required = param.default is inspect.Parameter.empty
        assert required == bool(declared.get("required")), f"{op['name']}({param.name}) required"
    assert options.kind is inspect.Parameter.VAR_KEYWORD and options.name == "options"
    assert options.annotation == f"Unpack[{MANIFEST['options']['python']}]"
    result = op["result"]["python"]
    if isinstance(client, acquire_io.AsyncClient):
        if result.startswith("Iterator["):
            result = "Async" + result
            assert not inspect.iscoroutinefunction(func)
        else:
            assert inspect.iscoroutinefunction(func), f"{op['name']} is a coroutine"
    assert signature.return_annotation == result


def test_no_public_method_is_undeclared(client: Any) -> None:
    declared: dict[str, set[str]] = {"": set(MANIFEST["client_members"]["python"])}
    for op in OPERATIONS:
        *resource, name = op["name"].split(".")
        declared.setdefault(".".join(resource), set()).add(name)
    for resource, names in declared.items():
        target = client if not resource else getattr(client, resource)
        public = {name for name in dir(target) if not name.startswith("_")}
        assert public == names, f"{resource or 'client'}: {public ^ names}"


def test_request_options_are_the_declared_options() -> None:
    assert list(acquire_io.RequestOptions.__annotations__) == [o["name"] for o in OPTIONS]


def test_every_declared_error_class_exists() -> None:
    for op in OPERATIONS:
        for name in op["errors"]:
            assert issubclass(getattr(acquire_io, name), acquire_io.AcquireError), name


# A value out of bounds for each option, and the field its error names in every front end.
BAD = {"timeout": -1.0, "connect_timeout": 0.0, "total_timeout": -5.0, "max_retries": -1}


@pytest.mark.parametrize("option", [o for o in OPTIONS if o["name"] in BAD], ids=lambda o: o["name"])
def test_a_bad_per_call_option_names_the_same_field_on_every_call(server: MockServer, option: dict[str, Any]) -> None:
    bad = {option["name"]: BAD[option["name"]]}
    sync = acquire_io.Client(base_url=server.url, api_key="mock-key")
    calls = [
        lambda: sync.send_message(28, "hi", **bad),
        lambda: sync.contacts.get(5, **bad),
        lambda: sync.cases.close(28, **bad),
        lambda: sync.find_case(email="ann@example.com", **bad),
        lambda: sync.settle(28, "hi", since=0, **bad),
    ]
    for call in calls:
        with pytest.raises(acquire_io.InvalidRequestError) as raised:
            call()
        assert raised.value.field == option["field"]

    async def on_async() -> None:
        client = acquire_io.AsyncClient(base_url=server.url, api_key="mock-key")
        with pytest.raises(acquire_io.InvalidRequestError) as raised:
            await client.messages.get(329, **bad)
        assert raised.value.field == option["field"]

    asyncio.run(on_async())
    assert server.requests() == [], "a bad option sends nothing"


def test_per_call_options_apply_to_reads(server: MockServer) -> None:
    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    server.script({"forPath": "/crm/objects/contact/5", "status": 503})
    with pytest.raises(acquire_io.InternalServerError) as raised:
        client.contacts.get(5, max_retries=0)
    assert raised.value.attempts == 1
    server.script({"forPath": "/crm/objects/contact/5", "status": 503})
    assert client.contacts.get(5).id == 5  # the client's default retries it


def test_an_unknown_option_is_a_type_error(client: Any) -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'timeout_ms'"):
        result = client.cases.get(28, timeout_ms=5)
        if inspect.iscoroutine(result):
            asyncio.run(result)


def test_async_client_settles_like_the_blocking_one(server: MockServer) -> None:
    blocking = acquire_io.Client(base_url=server.url, api_key="mock-key")
    sent = blocking.send_message(28, "did it land?")

    async def settle() -> acquire_io.Settlement:
        client = acquire_io.AsyncClient(base_url=server.url, api_key="mock-key")
        return await client.settle(28, "did it land?", since=0)

    settled = asyncio.run(settle())
    assert (settled.status, settled.message.id if settled.message else None) == ("delivered", sent.id)
    assert blocking.settle(28, "did it land?", since=0) == settled
