"""GET /v1/health: public; says whether the database answers (for load balancers)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from sync import protocol
from sync.messages import Health
from sync.registry import contract, storage
from sync.registry.routes import reading

router = APIRouter(tags=["health"])


@router.get(protocol.HEALTH, response_model=Health, responses=contract.errors())
async def health(request: Request) -> Health:
    await reading(request, lambda conn: storage.answers(conn=conn))
    engine = request.app.state.engine
    return Health(status="ok", protocol=protocol.PROTOCOL_VERSION, database=engine.dialect.name)
