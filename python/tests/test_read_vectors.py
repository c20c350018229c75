"""The shared read-side vectors (tests/vectors/read-side.json): each docs example answers one
call; the request on the wire and the typed result or error are checked."""

from __future__ import annotations

import itertools
import json
from datetime import datetime
from typing import Any

import pytest
from conftest import ERROR_CLASSES, VECTORS, vectors

import acquire_io
from acquire_io.testing import MockServer

READ_SIDE = vectors("read-side.json")
MODELS = (acquire_io.Message, acquire_io.Case, acquire_io.Contact, acquire_io.Participant, acquire_io.Sender)


def api_names(value: Any) -> Any:
    """A typed result in the API's camelCase names, timestamps as ISO strings."""
    if isinstance(value, MODELS):
        out: dict[str, Any] = {}
        renames = {v: k for k, v in value._renames.items()}
        for name in value._fields:
            if name in ("extra", "raw"):
                continue
            first, *rest = name.split("_")
            out[renames.get(name, first + "".join(p.title() for p in rest))] = api_names(getattr(value, name))
        out.update(value.extra)
        return out
    if isinstance(value, (acquire_io.ClosedCase, acquire_io.Invitation, acquire_io.InvitedAgent, acquire_io.Snoozed)):
        return {camel(name): api_names(getattr(value, name)) for name in value._fields}
    if isinstance(value, list):
        return [api_names(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


def lookup(value: Any, path: str) -> Any:
    for key in path.split("."):
        if key == "length" and isinstance(value, list):
            return len(value)
        value = value[int(key)] if isinstance(value, list) else value.get(key)
        if value is None:
            return None
    return value


def same(path: str, expected: Any, got: Any) -> bool:
    last = path.rsplit(".", 1)[-1]
    if isinstance(expected, str) and (last.startswith("date") or last == "until"):
        return isinstance(got, str) and datetime.fromisoformat(
            expected.replace("Z", "+00:00")
        ) == datetime.fromisoformat(got.replace("Z", "+00:00"))
    return bool(expected == got)


def run(client: acquire_io.Client, call: str, args: dict[str, Any]) -> Any:
    if call == "contacts.find_by_email":
        return client.contacts.find_by_email(args["email"])
    if call == "contacts.list":
        return list(client.contacts.list(limit=args["limit"]))
    if call == "contacts.get":
        return client.contacts.get(args["id"])
    if call == "contacts.create":
        return client.contacts.create(email=args["email"], name=args["name"])
    if call == "cases.list":
        pages = client.cases.list(contact_id=args["contactId"], status=args["status"], limit=args["limit"])
        return list(itertools.islice(pages, args["take"]))
    if call == "cases.get":
        return client.cases.get(args["id"])
    if call == "cases.open":
        return client.cases.open(args["contactId"], thread_id=args.get("threadId"), message=args.get("message"))
    if call == "cases.close":
        return client.cases.close(args["id"])
    if call == "messages.thread":
        return client.messages.thread(args["threadId"], args["contactId"])
    if call == "messages.get":
        return client.messages.get(args["id"])
    if call == "messages.update":
        return client.messages.update(
            args["id"], args["message"], type=args.get("type"), translate_lang_key=args.get("translateLangKey")
        )
    if call == "messages.delete":
        return {"deleted": client.messages.delete(args["id"])}
    if call == "contacts.update":
        return client.contacts.update(args["id"], fields=args["fields"])
    if call == "cases.invite":
        return client.cases.invite(args["caseId"], agent_ids=args["agentIds"], department_ids=args["departmentIds"])
    if call == "cases.snooze":
        return client.cases.snooze(args["caseId"], args["until"], message=args.get("message"))
    raise AssertionError(f"unknown call {call}")


@pytest.mark.parametrize("case", READ_SIDE["cases"], ids=lambda c: c["name"])
def test_read_side_vectors(server: MockServer, client: acquire_io.Client, case: dict[str, Any]) -> None:
    answer = case["answer"]
    body = (VECTORS / answer["bodyFile"]).read_text(encoding="utf-8") if "bodyFile" in answer else answer["body"]
    path: str = case["request"]["path"]
    bare = path.removeprefix("/api/v1").split("?")[0]
    server.script({"status": answer["status"], "body": body, "forPath": bare})
    expected_error = case["expect"].get("error")
    if expected_error is None:
        actual = api_names(run(client, case["call"], case["args"]))
        for dotted, expected in case["expect"]["result"].items():
            assert same(dotted, expected, lookup(actual, dotted)), (dotted, lookup(actual, dotted))
    else:
        with pytest.raises(acquire_io.AcquireError) as raised:
            run(client, case["call"], case["args"])
        err: Any = raised.value
        assert type(err) is ERROR_CLASSES[expected_error["code"]]
        assert err.may_have_been_delivered is expected_error["mayHaveBeenDelivered"]
        assert err.status == expected_error["status"]
        if "errorType" in expected_error:
            assert err.error_type == expected_error["errorType"]
    [request] = server.requests()
    assert (request["method"], request["path"]) == (case["request"]["method"], path)
    if "body" in case["request"]:
        assert request["body"] == case["request"]["body"]
    if "bodyFile" in case["request"]:
        docs_request = (VECTORS / case["request"]["bodyFile"]).read_text(encoding="utf-8")
        assert json.loads(request["body"]) == json.loads(docs_request)
