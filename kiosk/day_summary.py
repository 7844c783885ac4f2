"""A kiosk's signed day summary: what its till took on one business day (China time), as the
end-of-day report counts it, for the registry to reconcile with the purchases it received.

Why signed: the summary is the kiosk's own word on its day, kept by the registry beside the
sales; the kiosk's Ed25519 key signs it (over a context line and its canonical JSON) so it can
be checked later against the key the kiosk enrolled, as a certificate can.

The same model is the protocol's message (sync.messages re-exports it): the kiosk builds it,
the registry validates it, one definition for both sides. A day can be closed more than once
(a sale after the close): each close is a new `revision`, and the latest one counts.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import BaseModel, ConfigDict, Field, field_validator

from kiosk.certificate.keys import signature_ok
from kiosk.order_state import EVENTS, METHODS

DAY_CLOSED = "day_closed"  # its outbox event, beside an order's "paid" and "voided"
OUTBOX_EVENTS: tuple[str, ...] = (*(str(e) for e in EVENTS), DAY_CLOSED)  # what the outbox holds
CONTEXT = "DIANDIAN-DAY-1"
DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
MAX_SERIALS = 100_000  # a day's sales at one kiosk, far beyond any till


class Totals(BaseModel):
    """Orders, grams and fen of one payment method."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    orders: int = Field(0, ge=0)
    grams: int = Field(0, ge=0)
    fen: int = Field(0, ge=0)


class DaySummary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1] = 1
    kiosk_id: str = Field(min_length=1, max_length=64)
    day: str = Field(pattern=DAY, description="the business day, China time")
    revision: int = Field(ge=1, le=10_000)
    closed_at: str = Field(max_length=40)
    closed_by: str = Field(max_length=100, description="the cashier who printed it, or auto")
    paid: dict[str, Totals]  # payments taken that day, by method (voided later or not)
    voided: dict[str, Totals]  # refunds made that day, by method of the original payment
    paid_serials: list[int] = Field(max_length=MAX_SERIALS)
    voided_serials: list[int] = Field(max_length=MAX_SERIALS)
    signature: str = Field("", max_length=200)

    @field_validator("day")
    @classmethod
    def _date(cls, value: str) -> str:
        date.fromisoformat(value)  # ValueError: not a calendar day
        return value

    @field_validator("paid", "voided")
    @classmethod
    def _methods(cls, value: dict[str, Totals]) -> dict[str, Totals]:
        unknown = sorted(set(value) - set(METHODS))
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not a payment method ({', '.join(METHODS)})")
        return value

    @property
    def key(self) -> str:
        """Its outbox key (the record's `order_id` in a push): unique per day and revision."""
        return f"day-{self.day}-r{self.revision}"

    def figures(self) -> dict[str, Any]:
        """What the day's till said, without who closed it or when: two closes of an unchanged
        day have the same figures."""
        return self.model_dump(include={"paid", "voided", "paid_serials", "voided_serials"})

    def message(self) -> bytes:
        """What the signature covers: the context line, then every field but the signature."""
        body = self.model_dump(exclude={"signature"})
        text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return f"{CONTEXT}\n{text}".encode()

    def signed(self, key: Ed25519PrivateKey) -> DaySummary:
        signature = base64.b64encode(key.sign(self.message())).decode()
        return self.model_copy(update={"signature": signature})

    def signature_valid(self, public: Ed25519PublicKey) -> bool:
        try:
            raw = base64.b64decode(self.signature, validate=True)
        except ValueError:
            return False
        return signature_ok(public, raw, self.message())


def totals(rows: Iterable[Mapping[str, Any]]) -> dict[str, Totals]:
    """Orders, grams and fen per payment method of ledger rows (every method present)."""
    sums = {method: [0, 0, 0] for method in METHODS}
    for row in rows:
        method = sums.setdefault(str(row["payment_method"]), [0, 0, 0])
        method[0] += 1
        method[1] += int(row["offset_g"])
        method[2] += int(row["amount_fen"])
    return {m: Totals(orders=o, grams=g, fen=f) for m, (o, g, f) in sums.items()}


def summarise(
    *,
    kiosk_id: str,
    day: str,
    paid: Sequence[Mapping[str, Any]],
    voided: Sequence[Mapping[str, Any]],
    revision: int,
    closed_at: str,
    closed_by: str,
) -> DaySummary:
    """The (unsigned) summary of a day's payments and voids, as the end-of-day report lists
    them (kiosk.ledger.reports.day_rows)."""
    return DaySummary(
        kiosk_id=kiosk_id,
        day=day,
        revision=revision,
        closed_at=closed_at,
        closed_by=closed_by[:100],
        paid=totals(paid),
        voided=totals(voided),
        paid_serials=sorted(int(r["serial"]) for r in paid),
        voided_serials=sorted(int(r["serial"]) for r in voided),
    )
