"""The ledger the restore tests rewind: its shape, and what they read back from ledger files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.accounts import Account
from kiosk.footprint import Footprint
from kiosk.ledger import Ledger, Order
from kiosk.ledger.verify import verify

from ..support import open_raw, sell

NewLedger = Callable[[Path], Ledger]
ADMIN, CASHIER = Account("root", "admin"), Account("alice", "cashier")


@dataclass
class Rewound:
    """A ledger with 5 sales, backed up, then 3 more sales (one refunded, one synced) and an
    order left awaiting payment: restoring the backup would lose those 3."""

    path: Path
    backup: Path
    lost_codes: list[str]
    highest_serial: int
    highest_seq: int


def problems(path: Path) -> list[str]:
    conn = open_raw(path)
    try:
        return verify(conn).problems
    finally:
        conn.close()


def highest(path: Path) -> tuple[int, int]:
    conn = open_raw(path)
    try:
        return tuple(conn.execute("SELECT max(serial), max(seq) FROM orders").fetchone())
    finally:
        conn.close()


def garbage_header(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.write(b"NOT A LEDGER!!!\0")


def sell_after_skip(ledger: Ledger, footprint: Footprint) -> Order:
    """What the damaged ledger drew is unknown: every serial known was skipped, and this
    never-enrolled (demo) kiosk sells on from fresh invented serials, never from one held."""
    held = {r.serial for o in ledger.orders(limit=1000) for r in o.ranges()}
    again = sell(ledger, footprint)
    (fresh,) = again.ranges()
    assert held and fresh.serial not in held and fresh.from_g == 0
    assert fresh.serial > max(held)  # numbered after every invented serial before it
    return again
