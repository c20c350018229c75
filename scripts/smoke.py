"""Smoke test of an installed acquire-io wheel (run from outside the repository): a send to
the in-process local server, and where the module was loaded from."""

import acquire_io
from acquire_io.testing import MockServer

with MockServer() as server:
    client = acquire_io.Client(base_url=server.url, api_key="mock-key")
    sent = client.send_message(28, "smoke")
    assert sent.case_id == 28 and server.requests()[0]["stored"]
print("smoke ok", acquire_io.__version__, acquire_io._native.__file__)
