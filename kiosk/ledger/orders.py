"""Orders as the ledger stores them, and the only transitions an order may make."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from kiosk.credit import CreditRange, RetirementStatus, parse_ranges, status_of
from kiosk.errors import DiandianError, InputError
from kiosk.footprint import StoredLine
from kiosk.order_state import TRANSITIONS, Action, OrderState, target


class OrderNotFound(InputError):
    def __init__(self, ref: str) -> None:
        super().__init__("order", f"no order {ref!r} in this ledger", "order_not_found", ref=ref)


class TransitionRefused(InputError):
    """The order is not in a state this action starts from."""

    def __init__(self, order_id: str, status: str, action: Action) -> None:
        allowed = " or ".join(TRANSITIONS[action][0])
        super().__init__(
            "status",
            f"order {order_id} is {status}; {action} is allowed only from {allowed}",
            "order_state",
            status=str(status),
            action=str(action),
        )


class SoldOut(DiandianError):
    """Not enough of the project's allocation is left on this kiosk."""

    def __init__(self, project_id: str, wanted_g: int, left_g: int) -> None:
        super().__init__(
            f"project {project_id} has {left_g} g left on this kiosk, {wanted_g} asked"
        )
        self.project_id, self.wanted_g, self.left_g = project_id, wanted_g, left_g


@dataclass(frozen=True, slots=True)
class Order:
    id: str
    seq: int
    code: str
    kiosk_id: str
    venue: str
    scenario: str
    answers: str  # JSON text, as stored (and as audited)
    lines: str  # JSON text: the footprint breakdown
    footprint_g: int
    factors_version: str
    project_id: str
    offset_g: int
    price_fen_per_t: int
    amount_fen: int
    nickname: str
    lang: str
    status: OrderState
    created_at: str
    updated_at: str
    expires_at: str | None = None
    paid_at: str | None = None
    payment_method: str | None = None
    cashier: str | None = None
    serial: int | None = None
    voided_at: str | None = None
    void_reason: str | None = None
    voided_by: str | None = None
    expired_reason: str | None = None
    slip_status: str = "none"
    slip_error: str | None = None
    slip_printed_at: str | None = None
    credit_ranges: str = "[]"  # JSON text (kiosk.credit): the retired grams this order holds

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Order:
        present = set(row.keys())  # sqlite3.Row supports no `in` on its keys
        values = {name: row[name] for name in _FIELDS if name in present}
        if "status" in values:
            values["status"] = OrderState(values["status"])
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _FIELDS}

    def breakdown(self) -> list[StoredLine]:
        lines: list[StoredLine] = json.loads(self.lines)
        return lines

    def answer_values(self) -> dict[str, Any]:
        """The answers as JSON gives them back (text, numbers, true/false, city ids)."""
        values: dict[str, Any] = json.loads(self.answers)
        return values

    def ranges(self) -> tuple[CreditRange, ...]:
        """The gram ranges of retired serials drawn when it was paid (none before payment,
        for a sell-first project, or for an order paid before retire-first)."""
        return parse_ranges(self.credit_ranges)

    def retirement(self) -> RetirementStatus:
        """Retired when ranges cover it; pending otherwise (the words for a refunded order
        come from its status: its ranges stay retired, assigned to nobody)."""
        return status_of(self.ranges())


_FIELDS = tuple(f.name for f in fields(Order))


def check_transition(order: Order, action: Action) -> OrderState:
    """The status the action leads to, or TransitionRefused."""
    to = target(order.status, action)
    if to is None:
        raise TransitionRefused(order.id, order.status, action)
    return to
