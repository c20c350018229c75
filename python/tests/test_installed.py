"""The package as a user gets it: the built wheel installed into a fresh virtualenv."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from acquire_io.testing import MockServer

SCRIPT = """
import os, acquire_io
client = acquire_io.Client(base_url=os.environ["URL"], api_key="mock-key")
msg = client.send_message(28, "from a fresh venv")
print(msg.id, msg.case.status)
"""


def test_wheel_installs_and_sends(tmp_path: Path) -> None:
    wheel = os.environ.get("ACQUIRE_WHEEL")
    if not wheel:
        pytest.skip("set ACQUIRE_WHEEL to the built wheel (make test does)")
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-index", wheel], check=True)
    with MockServer() as server:
        done = subprocess.run(
            [python, "-c", SCRIPT],
            env={**os.environ, "URL": server.url},
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == ["329", "active"]
        assert server.messages()[0]["message"] == "from a fresh venv"
    assert sys.prefix not in str(python)
