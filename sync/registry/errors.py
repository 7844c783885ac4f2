"""Every error the API gives is an ErrorResponse (`{"error": {"code", "message"}}`), 4xx/5xx,
whatever went wrong.

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

from sync.messages import ErrorDetail, ErrorResponse, problems

log = logging.getLogger("diandian.registry")
HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "too_large"}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_body(code: str, message: str) -> dict[str, Any]:
    return ErrorResponse(error=ErrorDetail(code=code, message=message)).model_dump()


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status)


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse(error_body("invalid_request", problems(exc.errors())), status_code=422)


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
    """Around the routes: for any exception nothing else handled, a JSON 500 naming the
    request id (the access log's, see access_log.py) and one log line with it; never a
    traceback to the client."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        request_id = state.setdefault("request_id", uuid.uuid4().hex)
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
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
