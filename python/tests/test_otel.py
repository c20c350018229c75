"""One OpenTelemetry client span per call, with the HTTP client attributes, recorded by the
SDK's in-memory exporter (in a child process: the tracer provider is process-global)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from acquire_io.testing import MockServer

SCRIPT = """
import json, sys
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))
trace.set_tracer_provider(provider)

import acquire_io

client = acquire_io.Client(base_url=sys.argv[1], api_key="mock-key")
with trace.get_tracer("app").start_as_current_span("handle order"):
    client.send_message(28, "A private note")  # the script makes it a 429, then a 200
try:
    client.send_message(28, "Second private note")  # a 500
except acquire_io.InternalServerError:
    pass
spans = [
    {"name": s.name, "kind": s.kind.name, "parent": s.parent.span_id if s.parent else None,
     "id": s.context.span_id, "attributes": dict(s.attributes), "events": [e.name for e in s.events],
     "status": s.status.status_code.name}
    for s in exporter.get_finished_spans()
]
print(json.dumps(spans))
"""


def test_one_client_span_per_call_with_the_http_attributes() -> None:
    with MockServer() as server:
        server.script(
            {"status": 429, "headers": {"retry-after": "0"}}, {"status": 429, "headers": {"retry-after": "0"}}
        )
        server.script({"status": 500, "forText": "Second private note"})
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, server.url], capture_output=True, text=True, check=True, timeout=60
        )
    spans: list[dict[str, Any]] = json.loads(done.stdout)
    first, app, second = spans  # ended in this order
    assert app["name"] == "handle order" and first["parent"] == app["id"]
    assert first["name"] == "POST /crm/messenger/chat/add-message" and first["kind"] == "CLIENT"
    assert first["attributes"] == {
        "server.address": "127.0.0.1",
        "http.request.method": "POST",
        "url.path": "/crm/messenger/chat/add-message",
        "acquire.case_id": 28,
        "http.request.resend_count": 2,
        "acquire.may_have_been_delivered": False,
        "http.response.status_code": 200,
    }
    assert first["events"] == ["retry", "retry"] and first["status"] == "UNSET"
    assert second["attributes"]["error.type"] == "server_error"
    assert second["attributes"]["acquire.may_have_been_delivered"] is True
    assert second["status"] == "ERROR"
    assert "private note" not in done.stdout and "mock-key" not in done.stdout
