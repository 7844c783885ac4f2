"""Closing the business day on a real ledger: the signed summary agrees with the end-of-day
report, is queued once in the outbox, is made again (a new revision) only when the day
changed, and days close by themselves once the configured hour has passed."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, time, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import report
from kiosk.catalogue import load_demo_catalogue
from kiosk.day_close import AUTO, MAX_BACK, close_day, close_due, days_due
from kiosk.day_summary import DAY_CLOSED, DaySummary
from kiosk.footprint import compute
from kiosk.ledger import Ledger, day_closes

DAY = date(2026, 11, 26)
CLOSE_AT = time(23, 0)


class Clock:
    now = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)  # noon on the 26th in China

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ledger(tmp_path, clock: Clock):
    with Ledger.open(tmp_path / "ledger.sqlite", clock=clock) as opened:
        opened.load_catalogue(load_demo_catalogue())
        yield opened


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def sell(ledger: Ledger, method: str = "cash", grams: int = 100_000):
    footprint = compute("meal", {"mixed_meals": "3"})
    order = ledger.open_order(footprint, project_id="demo-wetland", offset_g=grams)
    return ledger.pay(order.id, method=method, cashier="alice")


def queued(ledger: Ledger) -> list[tuple[str, str]]:
    rows = ledger.conn.execute("SELECT order_id, event FROM outbox WHERE event = ?", (DAY_CLOSED,))
    return [tuple(r) for r in rows]


def test_the_summary_agrees_with_the_report_is_signed_and_queued_once(ledger, key) -> None:
    sell(ledger, "cash", 100_000)
    card = sell(ledger, "card", 200_000)
    sell(ledger, "mobile", 300_000)
    ledger.void(card.id, reason="changed mind", actor="bob")
    summary = close_day(ledger, key, DAY, "alice")
    assert summary is not None and summary.revision == 1 and summary.key == "day-2026-11-26-r1"
    day = report.build(ledger, DAY)
    assert {m: t.fen for m, t in summary.paid.items()} == day.by_method
    assert {m: t.fen for m, t in summary.voided.items()} == day.refunds_by_method
    assert summary.paid["card"].grams == 200_000 and summary.voided["card"].orders == 1
    assert summary.paid_serials == sorted(int(o["serial"]) for o in day.paid)
    assert summary.signature_valid(key.public_key())
    forged = summary.model_copy(update={"paid_serials": []})
    assert not forged.signature_valid(key.public_key())
    assert not summary.signature_valid(Ed25519PrivateKey.generate().public_key())

    assert close_day(ledger, key, DAY, "alice") is None  # nothing changed: no second close
    assert queued(ledger) == [("day-2026-11-26-r1", DAY_CLOSED)]
    (payload,) = ledger.conn.execute("SELECT payload FROM outbox WHERE event = ?", (DAY_CLOSED,))
    assert DaySummary.model_validate(json.loads(payload[0])) == summary


def test_a_change_after_the_close_makes_a_new_revision(ledger, key, clock) -> None:
    sell(ledger)
    close_day(ledger, key, DAY, "alice")
    clock.now += timedelta(hours=2)
    sell(ledger, "card", 50_000)  # sold after the report was printed
    clock.now = datetime(2026, 11, 26, 15, 30, tzinfo=UTC)  # 23:30 in China: due
    made = close_due(ledger, key, CLOSE_AT)
    assert [(s.day, s.revision, s.closed_by) for s in made] == [("2026-11-26", 2, AUTO)]
    assert made[0].paid["card"].orders == 1
    assert close_due(ledger, key, CLOSE_AT) == []
    assert day_closes.latest(ledger, "2026-11-26") == made[0]
    assert len(queued(ledger)) == 2


def test_days_close_by_themselves_from_the_first_payment_once_due(ledger, key, clock) -> None:
    assert days_due(ledger, CLOSE_AT) == []  # never paid: nothing to close
    clock.now = datetime(2026, 11, 20, 4, tzinfo=UTC)
    sell(ledger)
    clock.now = datetime(2026, 11, 23, 14, 59, tzinfo=UTC)  # 22:59 on the 23rd in China
    assert days_due(ledger, CLOSE_AT) == [date(2026, 11, d) for d in (20, 21, 22)]
    clock.now += timedelta(minutes=1)  # 23:00: the 23rd is due too
    made = close_due(ledger, key, CLOSE_AT)
    assert [s.day for s in made] == ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"]
    assert made[0].paid["cash"].orders == 1 and made[1].paid["cash"].orders == 0
    clock.now += timedelta(days=400)  # switched off for a season
    assert len(days_due(ledger, CLOSE_AT)) == MAX_BACK


def test_closed_days_cannot_change(ledger, key) -> None:
    sell(ledger)
    close_day(ledger, key, DAY, "alice")
    for statement in ("UPDATE day_closes SET payload = '{}'", "DELETE FROM day_closes"):
        with pytest.raises(sqlite3.DatabaseError, match="closed day"):
            ledger.conn.execute(statement)
    with pytest.raises(sqlite3.IntegrityError, match="no such closed day"):
        ledger.conn.execute(
            "INSERT INTO outbox (order_id, event, payload, created_at) VALUES (?, ?, '{}', 't')",
            ("day-2026-11-27-r1", DAY_CLOSED),
        )
    with pytest.raises(sqlite3.IntegrityError, match="no such order"):
        ledger.conn.execute(
            "INSERT INTO outbox (order_id, event, payload, created_at) VALUES (?, ?, '{}', 't')",
            ("no-such-order", "paid"),
        )


def test_with_no_hour_set_a_day_closes_once_it_has_ended(ledger, key, clock) -> None:
    sell(ledger)
    clock.now = datetime(2026, 11, 26, 15, 59, tzinfo=UTC)  # 23:59 in China
    assert days_due(ledger, None) == []
    clock.now += timedelta(minutes=1)  # midnight: the 26th has ended
    assert [s.day for s in close_due(ledger, key, None)] == ["2026-11-26"]
