"""One JSON line per request (method, path, status, duration, request id), written by the
listener thread, never on the request's own (the registry ran with uvicorn's access log off
and no log of its own)."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator

import pytest

from sync.registry import access_log


class Lines(logging.Handler):
    """What the listener writes, and on which thread each line was written."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[dict] = []
        self.made_on: list[tuple[int, int]] = []  # (the request's thread, the writer's)

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))
        self.made_on.append((record.thread or 0, threading.get_ident()))


@pytest.fixture
def written() -> Iterator[tuple[Lines, access_log.Writer]]:
    target = Lines()
    writer = access_log.Writer(target).start()
    yield target, writer
    writer.stop()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_each_request_is_one_json_line_with_its_request_id(client, written) -> None:
    target, writer = written
    ok = client.get("/v1/health", headers={"X-Request-ID": "kiosk-42.run-7"})
    missing = client.get("/v1/no-such-thing")
    forged = client.get("/v1/health", headers={"X-Request-ID": 'x"\n{"status": 200}'})
    writer.stop()  # drains the queue: every line is written when it returns
    assert [(line["method"], line["path"], line["status"]) for line in target.lines] == [
        ("GET", "/v1/health", 200),
        ("GET", "/v1/no-such-thing", 404),
        ("GET", "/v1/health", 200),
    ]
    first, second, third = target.lines
    assert first["request_id"] == ok.headers["x-request-id"] == "kiosk-42.run-7"
    assert (
        second["request_id"] == missing.headers["x-request-id"] and len(second["request_id"]) == 32
    )
    assert third["request_id"] == forged.headers["x-request-id"] != 'x"\n{"status": 200}'
    assert all(line["duration_ms"] >= 0 and line["at"].endswith("Z") for line in target.lines)
    assert all(request != writer for request, writer in target.made_on)  # off the request path
