"""GET /v1/health: public; says whether the database answers (for load balancers)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import text

from sync import protocol
from sync.registry import contract
from sync.registry.routes import transaction
from sync.registry.schemas import Health

router = APIRouter(tags=["health"])


@router.get(protocol.HEALTH, response_model=Health, responses=contract.errors())
async def health(request: Request) -> Health:
    await transaction(request, lambda conn: conn.execute(text("SELECT 1")))
    engine = request.app.state.engine
    return Health(status="ok", protocol=protocol.PROTOCOL_VERSION, database=engine.dialect.name)
