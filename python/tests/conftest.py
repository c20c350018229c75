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
