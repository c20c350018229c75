"""Contacts, cases and messages against the local server: typed results, lazy paging
(one request per page), find_case / send_to_contact and the typed errors, sync and async."""

from __future__ import annotations

import asyncio
import tracemalloc

import pytest

import acquire_io
from acquire_io.testing import MockServer


def paths(server: MockServer) -> list[str]:
    return [r["path"] for r in server.requests()]


def test_send_to_contact_reaches_the_active_case(client: acquire_io.Client, server: MockServer) -> None:
    sent = client.send_to_contact(email="ann@example.com", message="Your order shipped")
    assert isinstance(sent, acquire_io.Message)
    assert (sent.case_id, sent.message) == (28, "Your order shipped")
    assert server.messages()[0]["message"] == "Your order shipped"


def test_a_closed_history_is_reopened_in_its_thread(client: acquire_io.Client) -> None:
    found = client.find_case(email="bob@example.com")
    assert isinstance(found, acquire_io.FoundCase)
    assert found.source == "reopened"
    assert found.case.id != 30 and found.case.thread_id == 30
    assert found.case.status == "active"
    sent = client.send_to_contact(contact_id=6, message="Back again")
    assert sent.case_id == found.case.id
    thread = client.messages.thread(30, 6)
    assert [c.id for c in thread] == [30, found.case.id]
    last = thread[1].last_message
    assert last is not None and (last.id, last.message) == (sent.id, "Back again")
    assert client.messages.get(sent.id).message == "Back again"


def test_contacts_find_by_email_get_and_create(client: acquire_io.Client) -> None:
    sams = client.contacts.find_by_email("sam@example.com")
    assert [(c.id, c.name) for c in sams] == [(7, "Sam Park"), (8, "Samantha Park")]
    ann = client.contacts.get(5)
    assert (ann.email, ann.phone) == ("ann@example.com", "+1 415 555 0100")
    assert [c.id for c in ann.cases] == [28, 29]
    created = client.contacts.create(email="zoe@example.com", name="Zoe", fields={"plan": "gold"})
    assert created.email == "zoe@example.com" and created.fields["plan"] == "gold"
    assert [c.id for c in client.contacts.find_by_email("zoe@example.com")] == [created.id]


def test_contacts_search_finds_by_any_field_a_page_at_a_time(client: acquire_io.Client, server: MockServer) -> None:
    found = list(client.contacts.search("Park", limit=1))
    assert sorted({c.id for c in found}) == [7, 8]
    searches = [r for r in server.requests() if r["path"] == "/api/v1/crm/contact/list"]
    assert len(searches) >= 2, "one request per page of one"
    with pytest.raises(acquire_io.InvalidRequestError) as empty:
        client.contacts.search("  ")
    assert empty.value.field == "search"
    assert len([r for r in server.requests() if r["path"] == "/api/v1/crm/contact/list"]) == len(searches)


def test_typed_errors_name_what_was_looked_up(client: acquire_io.Client, server: MockServer) -> None:
    with pytest.raises(acquire_io.ContactNotFoundError) as missing:
        client.send_to_contact(email="nobody@example.com", message="hi")
    assert (missing.value.code, missing.value.query) == ("contact_not_found", "nobody@example.com")
    assert missing.value.may_have_been_delivered is False
    with pytest.raises(acquire_io.AmbiguousContactError) as ambiguous:
        client.find_case(email="sam@example.com")
    assert ambiguous.value.contact_ids == [7, 8]
    with pytest.raises(acquire_io.CaseNotFoundError) as caseless:
        client.find_case(email="nia@example.com")
    assert caseless.value.contact_id == 9
    assert isinstance(caseless.value, LookupError)
    assert server.stats()["stored"] == 0
    created = client.find_case(email="nia@example.com", create=True)
    assert created.source == "created" and not created.contact_created


def test_bad_input_fails_before_any_request(client: acquire_io.Client, server: MockServer) -> None:
    with pytest.raises(acquire_io.InvalidRequestError) as bad:
        client.find_case(email="not-an-email")
    assert bad.value.field == "email"
    with pytest.raises(acquire_io.InvalidRequestError) as bad:
        client.cases.list(where="status=active")
    assert bad.value.field == "where"
    for limit in (0, 1001):
        with pytest.raises(acquire_io.InvalidRequestError) as bad:
            client.cases.list(limit=limit)
        assert bad.value.field == "limit"
    with pytest.raises(TypeError):
        client.find_case(email="a@b.c", contact_id=5)
    with pytest.raises(TypeError):
        client.cases.get("28")  # type: ignore[arg-type]
    assert server.requests() == []


def test_unknown_ids_and_closed_cases_are_api_errors(client: acquire_io.Client) -> None:
    with pytest.raises(acquire_io.NotFoundError) as missing:
        client.cases.get(999)
    assert (missing.value.status, missing.value.error_type) == (404, "ERROR_RECORD_NOT_FOUND")
    assert missing.value.may_have_been_delivered is False
    closed = client.cases.close(28)
    assert isinstance(closed, acquire_io.ClosedCase)
    assert (closed.case_id, closed.contact_id, closed.user_id) == (28, 5, 23)
    with pytest.raises(acquire_io.BadRequestError) as refused:
        client.send_message(28, "hi")
    assert refused.value.error_type == "ERROR_INVALID_INPUT"


def test_2500_cases_page_lazily_one_request_per_page(client: acquire_io.Client, server: MockServer) -> None:
    ids = server.add_cases(9, count=2500)
    tracemalloc.start()
    pages = client.cases.list(contact_id=9, status="active", limit=100)
    assert server.requests() == []
    seen = []
    peak_after_first_page = 0
    for index, case in enumerate(pages):
        seen.append(case.id)
        if index == 150:
            peak_after_first_page = tracemalloc.get_traced_memory()[1]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seen == ids
    assert len(server.requests()) == 25
    assert all("limit=100" in p for p in paths(server))
    # Memory stays flat: at most a page of cases is held, whatever the list's length
    # (the ids themselves are the only thing that grows).
    assert peak < peak_after_first_page + 200_000, (peak_after_first_page, peak)


def test_async_client_reads_and_iterates_pages(server: MockServer) -> None:
    ids = server.add_cases(9, count=250)

    async def main() -> tuple[list[int], acquire_io.FoundCase, list[int]]:
        client = acquire_io.AsyncClient(base_url=server.url, api_key="mock-key")
        listed = [case.id async for case in client.cases.list(contact_id=9, limit=100)]
        found = await client.find_case(email="bob@example.com")
        sent = await client.send_to_contact(email="ann@example.com", message="async hi")
        contacts = [c.id async for c in client.contacts.list(limit=2)]
        assert sent.case_id == 28
        assert (await client.contacts.get(5)).email == "ann@example.com"
        with pytest.raises(acquire_io.AmbiguousContactError):
            await client.send_to_contact(email="sam@example.com", message="hi")
        return listed, found, contacts

    listed, found, contacts = asyncio.run(main())
    assert listed == ids
    assert found.source == "reopened"
    assert sorted(contacts) == [5, 6, 7, 8, 9]


def test_a_conversation_lists_every_message_in_either_order(client: acquire_io.Client, server: MockServer) -> None:
    sent = [client.send_message(28, text).id for text in ("first", "second", "third")]
    oldest = client.messages.list(28, order="oldest")
    assert [m.id for m in oldest if m.id in sent] == sent
    newest = client.messages.list(28, limit=2)
    assert [m.message for m in newest] == ["third", "second"]
    requests = len(server.requests())
    with pytest.raises(acquire_io.InvalidRequestError) as bad:
        client.messages.list(28, order="latest")  # type: ignore[arg-type]
    assert bad.value.field == "order"
    assert len(server.requests()) == requests, "nothing sent for bad input"

    async def transcript() -> list[acquire_io.Message]:
        return await acquire_io.AsyncClient(base_url=server.url, api_key="mock-key").messages.list(28, order="oldest")

    assert [m.id for m in asyncio.run(transcript())] == [m.id for m in client.messages.list(28, order="oldest")]


def test_a_sent_message_can_be_corrected_and_withdrawn(client: acquire_io.Client, server: MockServer) -> None:
    sent = client.send_message(28, "Your order ships Monday")
    fixed = client.messages.update(sent.id, "Your order ships Tuesday", translate_lang_key="fr")
    assert (fixed.id, fixed.message) == (sent.id, "Your order ships Tuesday") and fixed.date_updated is not None
    assert client.messages.get(sent.id).message == "Your order ships Tuesday"
    requests = len(server.requests())
    with pytest.raises(acquire_io.InvalidRequestError) as empty:
        client.messages.update(sent.id, " ")
    assert empty.value.field == "message" and len(server.requests()) == requests
    assert client.messages.delete(sent.id) == 1
    with pytest.raises(acquire_io.NotFoundError):
        client.messages.get(sent.id)

    async def delete_again() -> int:
        return await acquire_io.AsyncClient(base_url=server.url, api_key="mock-key").messages.delete(sent.id)

    with pytest.raises(acquire_io.NotFoundError):
        asyncio.run(delete_again())


def test_a_raw_request_reaches_what_the_sdk_does_not_model(client: acquire_io.Client, server: MockServer) -> None:
    case = client.raw_request("GET", "/crm/objects/case/28", query={"relations": "messages"})
    assert case["data"]["id"] == 28 and isinstance(case["data"]["messages"], list)
    requests = len(server.requests())
    with pytest.raises(acquire_io.InvalidRequestError) as outside:
        client.raw_request("GET", "https://elsewhere.example/x")
    assert outside.value.field == "path" and len(server.requests()) == requests
    with pytest.raises(acquire_io.NotFoundError):
        client.raw_request("GET", "/crm/objects/case/999", max_retries=0)


def test_a_contact_update_merges_its_fields(client: acquire_io.Client) -> None:
    updated = client.contacts.update(5, phone="+1 415 555 0199", fields={"plan": "gold"})
    assert updated.phone == "+1 415 555 0199"
    read = client.contacts.get(5)
    assert (read.email, read.phone, read.fields["plan"]) == ("ann@example.com", "+1 415 555 0199", "gold")
    with pytest.raises(acquire_io.InvalidRequestError) as empty:
        client.contacts.update(5)
    assert empty.value.field == "fields"


def test_an_invitation_adds_each_agent_once(client: acquire_io.Client, server: MockServer) -> None:
    invitation = client.cases.invite(28, agent_ids=[1], department_ids=[2])
    assert isinstance(invitation, acquire_io.Invitation)
    assert invitation.agents == [
        acquire_io.InvitedAgent(1, True, True),
        acquire_io.InvitedAgent(11, False, False),
        acquire_io.InvitedAgent(26, False, False),
    ]
    case = next(iter(client.cases.list(where="id|eq|28", relations="users")))
    invited = [u.user_id for u in case.users if u.role == "invited"]
    assert invited == [11, 26]  # agent 1 already owns the case
    sent = len(server.requests())
    with pytest.raises(acquire_io.InvalidRequestError) as nobody:
        client.cases.invite(28)
    assert nobody.value.field == "agentIds"
    with pytest.raises(TypeError):
        client.cases.invite(28, agent_ids=11)  # type: ignore[arg-type]
    assert len(server.requests()) == sent
    with pytest.raises(acquire_io.NotFoundError) as unknown:
        client.cases.invite(28, agent_ids=[99])
    assert (unknown.value.status, unknown.value.error_type) == (404, "ERROR_RECORD_NOT_FOUND")


def test_a_snooze_takes_a_datetime_or_text_and_refuses_the_past(client: acquire_io.Client, server: MockServer) -> None:
    from datetime import datetime, timedelta, timezone

    until = datetime(2099, 1, 2, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    snoozed = client.cases.snooze(28, until, message="after the audit")
    assert isinstance(snoozed, acquire_io.Snoozed)
    assert (snoozed.case_id, snoozed.contact_id, snoozed.user_id) == (28, 5, 23)
    assert snoozed.until == datetime(2099, 1, 2, 8, 30, tzinfo=timezone.utc)
    assert snoozed.message == "after the audit"
    assert client.cases.get(28).extra["snooze"]["scheduleDate"] == "2099-01-02 08:30:00"
    assert client.cases.snooze(28, "2099-02-01 00:00:00").until == datetime(2099, 2, 1, tzinfo=timezone.utc)
    sent = len(server.requests())
    for bad in ("next week", "2020-05-28 12:30:00", datetime(2020, 5, 28, tzinfo=timezone.utc)):
        with pytest.raises(acquire_io.InvalidRequestError) as refused:
            client.cases.snooze(28, bad)
        assert refused.value.field == "scheduleDate"
    assert len(server.requests()) == sent


def test_the_async_client_invites_and_snoozes(server: MockServer) -> None:
    async def main() -> tuple[acquire_io.Invitation, acquire_io.Snoozed]:
        async with acquire_io.AsyncClient(api_key="mock-key", base_url=server.url) as client:
            return (
                await client.cases.invite(28, agent_ids=[11]),
                await client.cases.snooze(28, "2099-01-01 00:00:00"),
            )

    invitation, snoozed = asyncio.run(main())
    assert [a.user_id for a in invitation.agents] == [11]
    assert snoozed.case_id == 28
