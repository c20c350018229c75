"""Shared fixtures: a fresh local Acquire server per test and the shared vectors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import acquire_io
from acquire_io.testing import MockServer

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
DEFAULT_FIXTURES = Path(__file__).resolve().parents[2] / "crates" / "acquire-mock" / "fixtures" / "default.json"

# The exception class for each error code of the core.
ERROR_CLASSES: dict[str, type[acquire_io.AcquireError]] = {
    "bad_request": acquire_io.BadRequestError,
    "unauthorized": acquire_io.AuthenticationError,
    "forbidden": acquire_io.PermissionDeniedError,
    "not_found": acquire_io.NotFoundError,
    "rate_limited": acquire_io.RateLimitError,
    "server_error": acquire_io.InternalServerError,
    "api_error": acquire_io.APIStatusError,
    "timeout": acquire_io.APITimeoutError,
    "connection": acquire_io.APIConnectionError,
    "decode": acquire_io.APIResponseValidationError,
}


def vectors(name: str) -> dict[str, Any]:
    """One of the JSON files every language runs."""
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer() as running:
        yield running


@pytest.fixture
def client(server: MockServer) -> acquire_io.Client:
    return acquire_io.Client(base_url=server.url, api_key="mock-key", max_retries=0)
