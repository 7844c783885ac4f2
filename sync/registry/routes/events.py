"""The event's public page, /e/{event_id} (HTML, no login)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Connection

from kiosk.errors import InputError
from sync import protocol
from sync.registry import event_page, events
from sync.registry.routes import transaction

page_router = APIRouter(include_in_schema=False)


@page_router.get(protocol.EVENT_PAGE, response_class=HTMLResponse)
async def page(request: Request, event_id: str) -> HTMLResponse:
    def work(conn: Connection) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        if not events.EVENT_ID.fullmatch(event_id):
            return None, []
        try:
            return events.summary(conn, event_id), events.lines(conn, event_id)
        except InputError:
            return None, []

    found, lines = await transaction(request, work)
    status = 404 if found is None else 200
    return HTMLResponse(event_page.render(found, lines), status_code=status)
