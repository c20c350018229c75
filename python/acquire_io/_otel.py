"""An OpenTelemetry client span per call, when ``opentelemetry-api`` is installed (the
``acquire-io[otel]`` extra) and a tracer provider is configured as the client is built.

Built from the client's events: a call's first request starts the span (a child of the
current span on the calling thread), its end sets the attributes and ends it. Attribute
names follow OpenTelemetry's HTTP client conventions; no key, text or body is recorded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def span_hook(server_address: Callable[[], str]) -> Callable[[dict[str, Any]], None] | None:
    """A hook that records spans, or ``None`` (no ``opentelemetry-api``, or no provider).
    ``server_address`` gives the host requests go to, once the client is built."""
    try:
        from opentelemetry import trace
    except ImportError:
        return None
    if isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
        return None  # nothing would record: no cost
    from . import _native

    tracer = trace.get_tracer("acquire_io", _native.VERSION)
    open_spans: dict[int, Any] = {}  # by thread: a call's events come from one thread

    def record(event: dict[str, Any]) -> None:
        kind, thread = event["event"], threading.get_ident()
        if kind == "request" and event["attempt"] == 1:
            attributes = {
                "server.address": server_address(),
                "http.request.method": event["method"],
                "url.path": event["path"],
            }
            if event["case_id"] is not None:
                attributes["acquire.case_id"] = event["case_id"]
            name = f"{event['method']} {event['path']}"
            open_spans[thread] = tracer.start_span(name, kind=trace.SpanKind.CLIENT, attributes=attributes)
        elif kind == "retry" and thread in open_spans:
            open_spans[thread].add_event("retry", {"delay_s": event["delay"], "reason": event["reason"]})
        elif kind == "finished" and thread in open_spans:
            span = open_spans.pop(thread)
            span.set_attribute("http.request.resend_count", event["attempts"] - 1)
            span.set_attribute("acquire.may_have_been_delivered", event["may_have_been_delivered"])
            if event["status"] is not None:
                span.set_attribute("http.response.status_code", event["status"])
            if event["error"] is not None:
                span.set_attribute("error.type", event["error"])
                span.set_status(trace.Status(trace.StatusCode.ERROR))
            span.end()

    return record
