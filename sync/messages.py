"""The protocol's messages (the /v1 API's bodies), one set for both sides: the registry
validates requests and shapes answers with them, the kiosk builds its requests and checks the
answers with them. They need not match the registry's tables.

Request models forbid unknown fields, so a typo in a field name is a 422 that names it rather
than a silently ignored value. Answers allow unknown fields: a registry may add some
compatibly (e.g. `high_water` and `note` on a push answer, 2026-11-26), and a kiosk ignores
what it does not know. What a kiosk signs and sends is the canonical JSON of a request's
`model_dump()` (sync.protocol.canonical), whose keys are the fields below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kiosk.day_summary import OUTBOX_EVENTS
from kiosk.day_summary import DaySummary as DaySummary  # a message too: the kiosk makes it
from kiosk.day_summary import Totals as Totals
from sync import protocol

ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"
ORDER_ID_MAX, BATCH_ID_MAX = 64, 100  # lengths (sync.registry.push_body checks them too)
# The Base64 of 32 bytes (every 32 bytes is an Ed25519 public key): 43 characters, the last
# holding 2 bits of padding, then "=".
PUBLIC_KEY = r"^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$"


def problems(errors: Iterable[Mapping[str, Any]], limit: int = 5) -> str:
    """A validation failure as one line naming each field: `records.0.event: Input should ...`
    (the registry's 422 message, and the kiosk's word on a malformed answer)."""
    listed = [f"{_where(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in errors]
    more = f" (and {len(listed) - limit} more)" if len(listed) > limit else ""
    return "; ".join(listed[:limit]) + more


def _where(loc: Iterable[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EnrolRequest(Strict):
    token: str = Field(min_length=8, max_length=200)
    kiosk_id: str = Field(
        min_length=1,
        max_length=64,
        pattern=protocol.KIOSK_ID,
        description="upper case, as kiosks make their ids",
    )
    public_key: str = Field(pattern=PUBLIC_KEY, description="the Base64 of a raw Ed25519 key")
    name: str = Field(default="", max_length=200)


class ErrorDetail(BaseModel):
    code: str = ""
    message: str = ""


class ErrorResponse(BaseModel):
    """Every refusal: `{"error": {"code", "message"}}` with a 4xx or 5xx status."""

    error: ErrorDetail


class EnrolResponse(BaseModel):
    kiosk_id: str
    name: str
    protocol: int
    public_url: str | None = None  # where certificate QRs point (None: this registry's address)


class PushRecord(Strict):
    outbox_id: int = Field(ge=0)
    # an order's id (paid, voided), or a closed day's key (day_closed: a DaySummary payload)
    order_id: str = Field(min_length=1, max_length=ORDER_ID_MAX, pattern=ID)
    event: Literal[OUTBOX_EVENTS]  # type: ignore[valid-type]
    payload: dict[str, Any]


class PushRequest(Strict):
    batch_id: str = Field(min_length=1, max_length=BATCH_ID_MAX, pattern=ID)
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


class Grant(BaseModel):
    """Retired serials prefix+first .. prefix+last (numbers `width` digits wide)."""

    id: int
    prefix: str
    first: int
    last: int
    width: int
    reference: str
    beneficiary: str


class DrawnTo(BaseModel):
    serial: str
    to_g: int


class Allocation(BaseModel):
    project_id: str
    granted_g: int = Field(ge=0)  # the count: all the kiosk was ever granted (serials included)
    credit_model: str = "retire_first"
    grants: list[Grant] = []  # retired serials granted, in the kiosk's drawing order
    drawn_to: DrawnTo | None = None  # the furthest gram the registry has received drawn


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
    revoked: list[str] = []  # ids of refunded certificates, so kiosks can say so offline


class Catalogue(BaseModel):
    version: str
    demo: bool = False
    projects: list[dict[str, Any]]  # kiosk.catalogue's format, checked by parse_catalogue
    public_url: str | None = None


class VenueEvent(BaseModel):
    """An event at the kiosk's venue, with how much of its footprint is offset so far."""

    event_id: str = Field(max_length=64)
    venue: str = Field(max_length=100)
    name: dict[str, str]  # zh, en, fr
    starts_on: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    ends_on: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    attendees: int = Field(gt=0)
    organiser: str
    answers: dict[str, str]  # the event scenario's, so the organiser can offset it at a kiosk
    footprint_g: int = Field(ge=0)
    factors_version: str
    offset_by_attendees_g: int = Field(ge=0)
    offset_by_organiser_g: int = Field(ge=0)


class Events(BaseModel):
    venue: str
    day: str  # the China day the registry answered on
    events: list[VenueEvent]


class Factors(BaseModel):
    version: str
    table: dict[str, Any]  # factors.toml as JSON, checked by parse_factor_table


class Retirement(BaseModel):
    id: int
    project_id: str
    serial_first: str
    serial_last: str
    tonnes: int
    retired_at: str


class Range(BaseModel):
    serial: str
    from_g: int
    to_g: int
    reference: str | None
    beneficiary: str | None


class CertificateStatus(BaseModel):
    cert_id: str
    received: bool
    voided: bool = False
    project_id: str | None = None
    offset_g: int | None = None
    paid_at: str | None = None
    retirement_status: Literal["retired", "pending"] | None = None
    ranges: list[Range] = []  # the retired grams that cover it (kiosk.credit)
    retirement: Retirement | None = None  # a retirement made after the sale (before retire-first)
