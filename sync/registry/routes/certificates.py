"""Certificate lookup (JSON, public) and the page the QR opens (HTML, public).

The QR holds `HTTPS://HOST/C/<cert_id>/<token>` in upper case (QR alphanumeric mode), so the
page answers `/c/...` and `/C/...` alike, and cert ids are compared in upper case.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Connection

from sync import protocol
from sync.messages import CertificateStatus
from sync.registry import contract
from sync.registry.errors import ApiError
from sync.registry.lookup import Lookup, look_up
from sync.registry.page_cache import CACHE_CONTROL, Page, PageCache, not_modified
from sync.registry.routes import reading

router = APIRouter(tags=["certificates"])
page_router = APIRouter(include_in_schema=False)


@router.get(
    protocol.CERTIFICATE,
    response_model=CertificateStatus,
    responses=contract.errors(404),
)
async def certificate(cert_id: str, request: Request) -> dict[str, Any]:
    found: Lookup = await reading(
        request, lambda conn: look_up(conn=conn, cert_id=cert_id[:80], token=None)
    )
    if not found.received:
        raise ApiError(404, "not_found", f"the registry has not received certificate {cert_id}")
    facts = found.facts or {}
    return {
        "cert_id": found.cert_id,
        "received": True,
        "voided": found.voided,
        "project_id": facts.get("project_id"),
        "offset_g": facts.get("offset_g"),
        "paid_at": facts.get("issued"),
        "retirement_status": found.retirement_status,
        "ranges": [r.to_dict() for r in found.ranges],
        "retirement": found.retirement,
    }


async def _page(request: Request, cert_id: str, token: str | None) -> Response:
    if len(cert_id) > 80 or (token is not None and len(token) > 400):
        raise ApiError(404, "not_found", "no such page")
    cache: PageCache = request.app.state.page_cache

    def work(conn: Connection) -> Page:
        return cache.page(conn=conn, cert_id=cert_id, token=token)

    found = await reading(request, work)
    headers = {"ETag": found.etag, "Cache-Control": CACHE_CONTROL}
    if found.status == 200 and not_modified(request.headers.get("if-none-match"), found.etag):
        return Response(status_code=304, headers=headers)
    return HTMLResponse(found.body, status_code=found.status, headers=headers)


async def page(request: Request, cert_id: str) -> Response:
    return await _page(request, cert_id, None)


async def page_with_token(request: Request, cert_id: str, token: str) -> Response:
    return await _page(request, cert_id, token)


# /c/ and /C/ spelled out rather than a `/{c}/...` pattern, which would also match every API
# path (GET /v1/push would be a missing page, 404, instead of the method refused, 405).
for prefix in ("/c", "/C"):
    page_router.add_api_route(f"{prefix}/{{cert_id}}", page, response_class=HTMLResponse)
    page_router.add_api_route(
        f"{prefix}/{{cert_id}}/{{token}}", page_with_token, response_class=HTMLResponse
    )
