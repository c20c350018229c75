"""The ``acquire_io`` logger, fed by the client's events: INFO, one line per finished call;
DEBUG, each request, attempt and retry. ``ACQUIRE_LOG=info`` (or ``debug``) turns it on
without code. Lines carry the method, path, ids, statuses, error codes and timings, never
the API key, a message's text or a body."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

Hook = Callable[[dict[str, Any]], object]

logger = logging.getLogger("acquire_io")

_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


def configure_from_env() -> None:
    """A stderr handler at the level ``ACQUIRE_LOG`` names (once; nothing when unset)."""
    level = _LEVELS.get(os.environ.get("ACQUIRE_LOG", "").strip().lower())
    if level is not None and not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)


def log_event(event: dict[str, Any]) -> None:
    """One event as a log record: its summary (written by the core, as Node's logger and
    ``acquire -v`` write it), at INFO for a finished call and DEBUG for the rest."""
    if event["event"] == "finished":
        logger.info("%s", event["summary"])
    else:
        logger.debug("%s", event["summary"])


def hook_for(on_event: Hook | None, server_address: Callable[[], str]) -> Hook | None:
    """What the native client calls: the logger (when enabled for INFO as the client is
    built), OpenTelemetry spans (when a tracer provider is configured; ``server_address``
    gives their host) and the user's hook; ``None`` when none wants events, so they cost
    nothing."""
    from ._otel import span_hook

    configure_from_env()
    hooks: list[Hook] = [log_event] if logger.isEnabledFor(logging.INFO) else []
    spans = span_hook(server_address)
    if spans is not None:
        hooks.append(spans)
    if on_event is not None:
        hooks.append(on_event)
    if len(hooks) <= 1:
        return hooks[0] if hooks else None

    def each(event: dict[str, Any]) -> None:
        for hook in hooks:
            hook(event)

    return each
