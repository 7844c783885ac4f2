"""The public project page (HTML, no sign-in), linked from every certificate page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Connection

from sync.registry.project_page import not_found, project_facts, render_project
from sync.registry.routes import transaction

page_router = APIRouter(include_in_schema=False)


@page_router.get("/p/{project_id}", response_class=HTMLResponse)
async def project_page(request: Request, project_id: str) -> HTMLResponse:
    if len(project_id) > 100:
        return HTMLResponse(not_found(project_id[:100]), status_code=404)

    def work(conn: Connection) -> dict[str, Any] | None:
        return project_facts(conn=conn, project_id=project_id)

    facts = await transaction(request, work)
    if facts is None:
        return HTMLResponse(not_found(project_id), status_code=404)
    return HTMLResponse(render_project(facts))
