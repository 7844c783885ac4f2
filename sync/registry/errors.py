"""Every error the API gives is an ErrorResponse (`{"error": {"code", "message"}}`), 4xx/5xx.

Why handlers for FastAPI's own errors too: a client (the sync job, an operator's script)
should parse one shape, and a malformed body must read as what is wrong, not as a 500.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException

from sync.messages import ErrorDetail, ErrorResponse, problems


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
    return JSONResponse(
        error_body("http_error", str(exc.detail)), status_code=exc.status_code, headers=exc.headers
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


def install(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(OperationalError, _database)
    app.add_exception_handler(IntegrityError, _refused)
    app.add_exception_handler(DataError, _refused)
