"""Every error the API gives is `{"error": {"code", "message"}}`, whatever went wrong.

Why handlers for FastAPI's own errors too: a client (the sync job, an operator's script)
should parse one shape, and a malformed body must read as what is wrong, not as a 500.
Why `Guard`, an ASGI wrapper, for anything else: Starlette's own last-resort handler answers
plain text and re-raises, so the server logs a traceback; the guard answers the JSON shape
(500, code `internal`, naming a request id) and logs one line with the same id.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("diandian.registry")
REQUEST_ID = "X-Request-Id"
HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


def _where(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def invalid_message(problems: list[dict[str, Any]]) -> str:
    """pydantic's errors as one line: `where: what` for the first five."""
    found = [f"{_where(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in problems]
    more = f" (and {len(found) - 5} more)" if len(found) > 5 else ""
    return "; ".join(found[:5]) + more


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status)


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    message = invalid_message(list(exc.errors()))
    return JSONResponse(error_body("invalid_request", message), status_code=422)


async def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = HTTP_CODES.get(exc.status_code, "http_error")
    return JSONResponse(
        error_body(code, str(exc.detail)), status_code=exc.status_code, headers=exc.headers
    )


async def _database(_request: Request, _exc: Exception) -> JSONResponse:
    """A locked or unreachable database: try again later (503), never a bare 500."""
    return JSONResponse(
        error_body("unavailable", "the registry's database is busy or unreachable; retry later"),
        status_code=503,
        headers={"Retry-After": "5"},
    )


async def _refused(_request: Request, exc: Exception) -> JSONResponse:
    """A value the database refused (a constraint, a bad byte): the request wrote nothing."""
    status, code = (409, "conflict") if isinstance(exc, IntegrityError) else (422, "invalid_value")
    return JSONResponse(
        error_body(code, "the database refused a value in this request"), status_code=status
    )


class Guard:
    """The outermost layer of the app: a request id on every answer, and for any exception
    nothing else handled, a JSON 500 and one log line (never a traceback to the client)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = request_id
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                headers.append((REQUEST_ID.lower().encode(), request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as exc:
            what = " ".join(f"{type(exc).__name__}: {exc}".split())[:500]
            log.error(
                "request %s %s %s failed: %s", request_id, scope["method"], scope["path"], what
            )
            if started:
                return  # the answer is half sent: the server closes the connection
            message = f"the registry failed on this request; it is logged as {request_id}"
            response = JSONResponse(error_body("internal", message), status_code=500)
            await response(scope, receive, sending)


def install(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(OperationalError, _database)
    app.add_exception_handler(IntegrityError, _refused)
    app.add_exception_handler(DataError, _refused)
