"""What an order can be, the only moves between those states, and how it can be paid.

One vocabulary for the ledger, the screens, the report, the sync job and the registry: the
values are the strings stored in the ledger's `orders.status` and sent as outbox events, so a
`StrEnum` member compares and serialises as that string.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class OrderState(StrEnum):
    DRAFT = "draft"  # a footprint and a project chosen, no grams held yet
    AWAITING = "awaiting_payment"  # placed: grams held for HOLD_S, waiting at the counter
    PAID = "paid"  # sold: a serial, a certificate, an outbox event
    VOIDED = "voided"  # refunded after payment: the grams go back, the registry is told
    EXPIRED = "expired"  # never paid: the held grams went back


class Action(StrEnum):
    PLACE = "place"
    PAY = "pay"
    VOID = "void"
    EXPIRE = "expire"


# action -> (the states it may start from, the state it leads to)
TRANSITIONS: Mapping[Action, tuple[tuple[OrderState, ...], OrderState]] = {
    Action.PLACE: ((OrderState.DRAFT,), OrderState.AWAITING),
    Action.PAY: ((OrderState.AWAITING,), OrderState.PAID),
    Action.VOID: ((OrderState.PAID,), OrderState.VOIDED),
    Action.EXPIRE: ((OrderState.DRAFT, OrderState.AWAITING), OrderState.EXPIRED),
}

# Not yet settled: may still be paid, or expire.
OPEN: tuple[OrderState, ...] = TRANSITIONS[Action.EXPIRE][0]
# Sold at some point: these carry a serial, and each was an outbox event the registry hears of.
EVENTS: tuple[OrderState, ...] = (OrderState.PAID, OrderState.VOIDED)

HOLD_S = 900  # an unpaid order keeps its grams for 15 minutes, then gives them back

# How a paid order was paid (the ledger's `payment_method`).
METHODS = ("cash", "card", "mobile")


def target(current: str, action: Action) -> OrderState | None:
    """The state `action` leads to from `current`, or None when it may not start there."""
    sources, to = TRANSITIONS[action]
    return to if current in sources else None
