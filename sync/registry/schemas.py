"""Request and response shapes of the /v1 API (they need not match the tables).

Request models forbid unknown fields, so a typo in a field name is a 422 that names it
rather than a silently ignored value.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kiosk.order_state import EVENTS
from sync import protocol

ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EnrolRequest(Strict):
    token: str = Field(min_length=8, max_length=200)
    kiosk_id: str = Field(min_length=1, max_length=64, pattern=ID)
    public_key: str = Field(min_length=40, max_length=64)
    name: str = Field(default="", max_length=200)


class EnrolResponse(BaseModel):
    kiosk_id: str
    name: str
    protocol: int


class PushRecord(Strict):
    outbox_id: int = Field(ge=0)
    order_id: str = Field(min_length=1, max_length=64, pattern=ID)
    event: Literal[tuple(e.value for e in EVENTS)]  # type: ignore[valid-type]
    payload: dict[str, Any]


class PushRequest(Strict):
    batch_id: str = Field(min_length=1, max_length=100, pattern=ID)
    records: list[PushRecord] = Field(max_length=protocol.MAX_BATCH)


class PushResult(BaseModel):
    outbox_id: int
    order_id: str
    event: str
    status: Literal["accepted", "duplicate", "rejected"]
    reason: str | None = None
    note: str | None = None


class PushResponse(BaseModel):
    batch_id: str
    results: list[PushResult]
    high_water: int | None = None


class Health(BaseModel):
    status: str
    protocol: int
    database: str


class Allocation(BaseModel):
    project_id: str
    granted_g: int


class Allocations(BaseModel):
    kiosk_id: str
    allocations: list[Allocation]


class Ranking(BaseModel):
    rank: int
    nickname: str
    venue: str
    offset_g: int
    purchases: int


class Rankings(BaseModel):
    scope: str
    venue: str | None
    day: str | None
    rankings: list[Ranking]


class KioskKey(BaseModel):
    kiosk_id: str
    public_key: str


class Keys(BaseModel):
    keys: list[KioskKey]


class Catalogue(BaseModel):
    version: str
    demo: bool
    projects: list[dict[str, Any]]


class Factors(BaseModel):
    version: str
    table: dict[str, Any]


class Retirement(BaseModel):
    id: int
    project_id: str
    serial_first: str
    serial_last: str
    tonnes: int
    retired_at: str


class CertificateStatus(BaseModel):
    cert_id: str
    received: bool
    voided: bool = False
    project_id: str | None = None
    offset_g: int | None = None
    paid_at: str | None = None
    retirement: Retirement | None = None
