"""The registry's access log: one JSON line per request (method, path, status, duration,
request id), written off the request path.

The middleware only builds a dict and puts a record on a queue (logging's QueueHandler); a
QueueListener thread turns it into JSON and writes it, so a slow disk or journal never
slows a kiosk's push. Each response carries its `X-Request-ID` (the caller's, when it sent a
sane one, else a new one), so a kiosk's error report and the log line find each other.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import queue
import re
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, datetime
from typing import Any

from kiosk.timestamps import stamp

LOGGER = "diandian.registry.access"
HEADER = b"x-request-id"
SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class AccessLog:
    """Pure ASGI middleware (no response buffering, unlike BaseHTTPMiddleware)."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app
        self.log = logging.getLogger(LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        given = dict(scope.get("headers") or []).get(HEADER, b"").decode("latin-1")
        request_id = given if SANE_ID.fullmatch(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id  # errors.Guard names it too
        status = 500  # if the app fails before it answers

        async def answer(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (HEADER, request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, answer)
        finally:
            self.log.info(
                "%s %s %s",
                scope.get("method", ""),
                scope.get("path", ""),
                status,
                extra={
                    "access": {
                        "method": scope.get("method", ""),
                        "path": scope.get("path", ""),
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                        "request_id": request_id,
                    }
                },
            )


class JsonLines(logging.Formatter):
    """A record's access fields (and when it was made) as one JSON object."""

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "access", None) or {"message": record.getMessage()}
        at = stamp(datetime.fromtimestamp(record.created, UTC))
        return json.dumps({"at": at, **fields}, ensure_ascii=False)


class _Enqueue(logging.handlers.QueueHandler):
    """Puts the record as it is: formatting is the listener's work (an in-process queue
    needs no pickling, so the record's fields can travel unformatted)."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        return record


class Writer:
    """The listener thread that writes the access log to `target` (JSON lines). While it
    runs, the access logger only enqueues; stop() writes what is queued and ends it."""

    def __init__(self, target: logging.Handler) -> None:
        if target.formatter is None:
            target.setFormatter(JsonLines())
        self.lines: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
        self.handler = _Enqueue(self.lines)
        self.listener = logging.handlers.QueueListener(self.lines, target)
        self.running = False

    def start(self) -> Writer:
        log = logging.getLogger(LOGGER)
        log.addHandler(self.handler)
        log.setLevel(logging.INFO)
        log.propagate = False  # the app's own log (stderr) does not get each request again
        self.listener.start()
        self.running = True
        return self

    def stop(self) -> None:
        if not self.running:
            return
        self.running = False
        log = logging.getLogger(LOGGER)
        log.removeHandler(self.handler)
        log.propagate = True
        self.listener.stop()
