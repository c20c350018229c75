"""The acquire_io.testing helpers users test their own code with."""

from __future__ import annotations

import pytest

import acquire_io
from acquire_io.testing import MOCK_API_KEY, MockServer


def test_journal_script_messages_and_reset() -> None:
    with MockServer() as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert server.inbox_url == server.url + "/"
        client = acquire_io.Client(base_url=server.url, api_key=MOCK_API_KEY, max_retries=0)
        server.script([{"status": 503}, {"fault": "close", "store": False}])
        with pytest.raises(acquire_io.InternalServerError):
            client.send_message(28, "one")
        with pytest.raises(acquire_io.APIConnectionError) as raised:
            client.send_message(28, "two")
        assert raised.value.may_have_been_delivered is True
        client.send_message(28, "three")
        journal = server.requests()
        assert [(r["status"], r["stored"], r["fault"]) for r in journal] == [
            (503, False, None),
            (None, False, "close"),
            (200, True, None),
        ]
        assert dict(journal[2]["headers"])["authorization"] == "Bearer ***"
        assert [m["message"] for m in server.messages()] == ["three"]
        server.reset()
        assert server.requests() == [] and server.messages() == []


def test_custom_fixtures() -> None:
    fixtures = {
        "apiKeys": [{"key": "team-key", "chat": True, "sender": {"id": 7, "name": "Ana"}}],
        "cases": [{"id": 500, "status": "active", "contact": {"id": 9}, "users": []}],
    }
    with MockServer(fixtures=fixtures) as server:
        client = acquire_io.Client(base_url=server.url, api_key="team-key")
        msg = client.send_message(500, "hello")
        assert (msg.id, msg.sender_id) == (1, 7)
        assert msg.sender is not None and msg.sender.name == "Ana"


def test_bad_script_and_stopped_server() -> None:
    server = MockServer()
    with pytest.raises(ValueError):
        server.script({"fault": "explode"})
    server.stop()
    server.stop()
    with pytest.raises(RuntimeError):
        server.requests()


def test_static_mode_keeps_no_state() -> None:
    with MockServer(static=True) as server:
        client = acquire_io.Client(base_url=server.url, api_key=MOCK_API_KEY)
        assert client.send_message(28, "x").message == "this is test message"
        assert server.requests() == []


def test_pytest_fixture_points_the_environment_at_the_server(acquire_mock: MockServer) -> None:
    acquire_io.Client().send_message(28, "via fixture")
    assert acquire_mock.messages()[0]["message"] == "via fixture"
