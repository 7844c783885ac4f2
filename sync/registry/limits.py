"""Request bodies are capped while they stream in (413), before any route reads them.

Why an ASGI wrapper and not a check in the routes: a route that awaits `request.body()` has
already buffered whatever the client sent (eight 47 MB bodies took the registry from 101 to
821 MiB). Here a `Content-Length` over the cap is refused before a byte is read, and a body
sent without one (chunked) is cut off at the first chunk past the cap.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync import protocol
from sync.registry.errors import error_body


class TooLarge(HTTPException):
    """A body past its route's cap; FastAPI lets HTTPException through its body parsing."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit:,} bytes")
        self.limit = limit


def body_limit(path: str) -> int:
    """A push carries a batch of records; everything else is small."""
    return protocol.MAX_PUSH_BODY if path == protocol.PUSH else protocol.MAX_BODY


class BodyLimit:
    def __init__(self, app: ASGIApp, limit: Callable[[str], int] = body_limit) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.limit(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > cap:
            response = JSONResponse(error_body("too_large", TooLarge(cap).detail), status_code=413)
            await response(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise TooLarge(cap)
            return message

        await self.app(scope, counted, send)
