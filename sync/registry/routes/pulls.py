"""Signed GETs a kiosk makes after pushing: catalogue, factors, allocations, rankings, keys,
the venue's events.

Allocations are granted on request: each pull tops the kiosk up to the registry's headroom
(`serve --headroom-t`): whole retired tonnes by serial (or a count, for a sell-first
project), within what the project has retired and not yet granted.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Query
from sqlalchemy import Connection, Row

from kiosk.timestamps import china_date, utc_now
from sync import protocol
from sync.messages import Allocations, Catalogue, Events, Factors, Keys, Rankings
from sync.registry import contract, credits, events, operations, purchase_storage, storage
from sync.registry.auth import SignedRequest
from sync.registry.errors import ApiError

ANSWERS = contract.errors(401, 403)
router = APIRouter(tags=["pulls"], responses=ANSWERS)


@router.get(protocol.CATALOGUE, response_model=Catalogue)
async def catalogue(signed: SignedRequest) -> dict[str, Any]:
    return await signed.run(lambda conn, _kiosk: operations.catalogue(conn=conn))


@router.get(protocol.FACTORS, response_model=Factors)
async def factors(signed: SignedRequest) -> dict[str, Any]:
    return await signed.run(lambda conn, _kiosk: operations.factors(conn=conn))


@router.get(protocol.ALLOCATIONS, response_model=Allocations)
async def allocations(signed: SignedRequest) -> dict[str, Any]:
    headroom = signed.request.app.state.headroom_g

    def work(conn: Connection, kiosk: Row) -> dict[str, Any]:
        credits.top_up(conn=conn, kiosk_id=kiosk.kiosk_id, headroom_g=headroom)
        rows = credits.allocations_for(conn=conn, kiosk_id=kiosk.kiosk_id)
        return {"kiosk_id": kiosk.kiosk_id, "allocations": rows}

    return await signed.run(work)


@router.get(protocol.RANKINGS, response_model=Rankings, responses=contract.errors(422))
async def rankings(
    signed: SignedRequest,
    scope: Literal["day", "venue", "all"] = "day",
    venue: str | None = Query(default=None, max_length=100),
    day: str | None = Query(
        default=None,
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        json_schema_extra={"format": "date"},
        description="a China day, YYYY-MM-DD (default: today)",
    ),
    limit: int = Query(default=20, ge=1, le=100),
) -> dict[str, Any]:
    """day: this venue today (China time, or `day`); venue: this venue ever; all: everywhere."""
    if day is not None:
        try:
            date.fromisoformat(day)
        except ValueError:
            raise ApiError(422, "invalid_request", f"day: {day} is not a date") from None

    def work(conn: Connection, kiosk: Row) -> dict[str, Any]:
        where = None if scope == "all" else (venue or kiosk.venue)
        today = china_date(utc_now()).isoformat()
        when = (day or today) if scope == "day" else None
        rows = storage.rankings(conn=conn, venue=where, day=when, limit=limit)
        return {"scope": scope, "venue": where, "day": when, "rankings": rows}

    return await signed.run(work)


@router.get(protocol.KEYS, response_model=Keys)
async def keys(signed: SignedRequest) -> dict[str, Any]:
    def work(conn: Connection, _kiosk: Row) -> dict[str, Any]:
        rows = storage.kiosk_keys(conn=conn)
        return {
            "keys": [{"kiosk_id": r.kiosk_id, "public_key": r.public_key} for r in rows],
            "revoked": purchase_storage.voided_cert_ids(conn=conn),
        }

    return await signed.run(work)


@router.get(protocol.EVENTS, response_model=Events, responses=contract.errors(422))
async def venue_events(
    signed: SignedRequest, venue: str | None = Query(default=None, max_length=100)
) -> dict[str, Any]:
    """The events at this venue (the kiosk's own, or the one it names: a kiosk that has not
    pushed a sale yet is at no venue here) that have not ended, with their progress."""

    def work(conn: Connection, kiosk: Row) -> dict[str, Any]:
        where = venue or kiosk.venue
        today = china_date(utc_now()).isoformat()
        listed = events.listed(conn, venue=where, after=today)
        return {"venue": where, "day": today, "events": listed}

    return await signed.run(work)
