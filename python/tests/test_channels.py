"""Sending by e-mail and SMS against the local server: the channel is the case's, the sender
the client's mail_from / sms_from, the recipient the contact's; what cannot be sent is refused
before anything is."""

from __future__ import annotations

import asyncio
import json

import pytest

import acquire_io
from acquire_io.testing import MockServer


@pytest.fixture
def senders(server: MockServer) -> acquire_io.Client:
    return acquire_io.Client(
        base_url=server.url, api_key="mock-key", mail_from="support@acme.example", sms_from="+1 555 0100"
    )


def test_an_email_goes_by_mail_with_its_fields(senders: acquire_io.Client, server: MockServer) -> None:
    case = senders.cases.open(5, channel="email", title="Your order #1001")
    sent = senders.send_message(
        case.id, "It ships today", channel="email", mail={"cc": ["boss@acme.example"], "subject": "Re: order"}
    )
    assert (sent.case_id, sent.channel, sent.message) == (case.id, "email", "It ships today")
    posted = server.requests()[-1]
    assert posted["path"] == "/api/v1/mail/add-message"
    data = json.loads(posted["body"])["data"]
    assert (data["to"], data["from"], data["cc"], data["subject"]) == (
        ["ann@example.com"],
        "support@acme.example",
        ["boss@acme.example"],
        "Re: order",
    )
    assert senders.messages.get(sent.id).meta["subject"] == "Re: order"


def test_send_to_contact_answers_by_sms_in_an_sms_case(senders: acquire_io.Client, server: MockServer) -> None:
    case = senders.cases.open(5, channel="sms")
    sent = senders.send_to_contact(email="ann@example.com", message="Your code is 4242")
    assert (sent.case_id, sent.channel) == (case.id, "sms")
    body = json.loads(server.requests()[-1]["body"])
    assert (body["To"], body["From"], body["Body"]) == ("+1 415 555 0100", "+1 555 0100", "Your code is 4242")


def test_what_cannot_be_sent_is_refused_before_sending(senders: acquire_io.Client, server: MockServer) -> None:
    bare = acquire_io.Client(base_url=server.url, api_key="mock-key")
    case = senders.cases.open(6, channel="email")
    for client, case_id, field in ((senders, 28, "channel"), (bare, case.id, "mailFrom")):
        with pytest.raises(acquire_io.InvalidRequestError) as refused:
            client.send_message(case_id, "hi", channel="email")
        assert refused.value.field == field
    with pytest.raises(acquire_io.InvalidRequestError) as chat:
        senders.send_message(28, "hi", mail={"subject": "x"})
    assert chat.value.field == "subject"
    with pytest.raises(TypeError):
        senders.send_message(28, "hi", channel="email", mail={"sbject": "x"})  # type: ignore[typeddict-unknown-key]
    assert server.messages() == []
    assert all(r["method"] == "GET" for r in server.requests()[1:])


def test_the_async_client_sends_an_email(server: MockServer) -> None:
    async def main() -> acquire_io.Message:
        async with acquire_io.AsyncClient(
            api_key="mock-key", base_url=server.url, mail_from="support@acme.example"
        ) as client:
            case = await client.cases.open(5, channel="email")
            return await client.send_message(case.id, "Hello", channel="email")

    assert asyncio.run(main()).channel == "email"
