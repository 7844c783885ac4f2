"""A restore carries the replaced ledger's day closes over, so a day's next close never takes
a revision the registry may already hold (issue 17); when the replaced ledger cannot be read,
the next closes start above a recorded floor. Real ledger files on temp paths, the real restore.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import count
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.catalogue import load_demo_catalogue
from kiosk.day_close import close_day
from kiosk.footprint import Footprint
from kiosk.ledger import Ledger
from kiosk.ledger.backup import backup
from kiosk.ledger.restore import compare, restore
from kiosk.ledger.restore_closes import MARGIN
from kiosk.timestamps import china_date, parse_stamp

from ..support import damage_page, sell
from .rewound import garbage_header, problems

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
NOON = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)  # noon in China: every sale falls on one day
DAY = date(2026, 6, 1)


def _clock() -> Callable[[], datetime]:
    """A second later at each reading, from a fixed noon: no wall clock, no midnight."""
    ticks: Iterator[int] = count()
    return lambda: NOON + timedelta(seconds=next(ticks))


def _closed_twice(tmp_path: Path, footprint: Footprint) -> tuple[Path, Path, Callable]:
    """A ledger whose day closed as revision 1, backed up, then closed as 2 (acknowledged by
    the registry) and 3 (still queued)."""
    path, clock = tmp_path / "kiosk" / "ledger.sqlite", _clock()
    path.parent.mkdir()
    with Ledger.open(path, clock=clock) as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        sell(ledger, footprint)
        assert close_day(ledger, KEY, DAY, "c1").revision == 1
    copy = backup(path, tmp_path / "ledger-20260601-040000.sqlite").path
    with Ledger.open(path, clock=clock) as ledger:
        sell(ledger, footprint)
        second = close_day(ledger, KEY, DAY, "c1")
        entry = ledger.conn.execute("SELECT id FROM outbox WHERE order_id = ?", (second.key,))
        ledger.outbox_ack([entry.fetchone()[0]])
        sell(ledger, footprint)
        assert close_day(ledger, KEY, DAY, "c1").revision == 3
    return path, copy, clock


def _closes(ledger: Ledger) -> list[tuple[int, str]]:
    rows = ledger.conn.execute("SELECT revision, payload FROM day_closes ORDER BY revision")
    return [(r[0], r[1]) for r in rows]


def _event(ledger: Ledger) -> dict:
    row = ledger.conn.execute(
        "SELECT state FROM audit WHERE entity = 'restore' ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return json.loads(row[0])


def _restored_on(ledger: Ledger) -> date:
    """The China day of the first restore (its audit row's time, not the wall clock's now)."""
    row = ledger.conn.execute(
        "SELECT at FROM audit WHERE entity = 'restore' ORDER BY id LIMIT 1"
    ).fetchone()
    return china_date(parse_stamp(row[0]))


def test_a_restore_carries_over_the_closes_the_backup_lacks(
    tmp_path: Path, footprint: Footprint
) -> None:
    path, copy, clock = _closed_twice(tmp_path, footprint)
    with Ledger.open(path, clock=clock) as ledger:
        before = _closes(ledger)
    lost = len(compare(copy, path).lost)
    result = restore(copy, path, actor="root", accept_loss=lost)
    assert result.report.ok, result.report.problems
    with Ledger.open(path, clock=clock) as ledger:
        assert _closes(ledger) == before  # the same signed summaries, byte for byte
        queued = ledger.conn.execute(
            "SELECT order_id FROM outbox WHERE event = 'day_closed' AND acked_at IS NULL"
            " ORDER BY id"
        ).fetchall()
        event = _event(ledger)
        sell(ledger, footprint)
        assert close_day(ledger, KEY, DAY, "c1").revision == 4
    keys = [f"day-{DAY}-r{n}" for n in (1, 2, 3)]
    assert [q[0] for q in queued] == [keys[0], keys[2]]  # r2 is at the registry already
    assert event["day_closes_carried"] == keys[1:] and event["day_closes_queued"] == [keys[2]]
    assert "day_close_floor" not in event
    assert problems(path) == []


def test_over_an_unreadable_ledger_the_next_closes_start_above_a_floor(
    tmp_path: Path, footprint: Footprint
) -> None:
    path, copy, clock = _closed_twice(tmp_path, footprint)
    garbage_header(path)  # its closes 2 and 3 cannot be read: the registry may hold them
    result = restore(copy, path, actor="root", accept_unknown_loss=True)
    assert result.report.ok and result.replaced
    with Ledger.open(path, clock=clock) as ledger:
        today = _restored_on(ledger)
        floor = {"revision": 1 + MARGIN, "through": today.isoformat()}
        assert _event(ledger)["day_close_floor"] == floor
    # Restored again, now over a readable ledger: the floor still guards the unknown closes.
    restore(copy, path, actor="root", accept_loss=len(compare(copy, path).lost))
    with Ledger.open(path, clock=clock) as ledger:
        assert _event(ledger)["day_close_floor"] == floor
        sell(ledger, footprint)
        assert close_day(ledger, KEY, DAY, "c1").revision == 2 + MARGIN
        later = today + timedelta(days=2)  # after the restore: nothing unknown, from 1
        assert close_day(ledger, KEY, later, "c1").revision == 1
    assert problems(path) == []


def test_a_damaged_ledger_still_gives_the_closes_it_can(
    tmp_path: Path, footprint: Footprint
) -> None:
    """Its orders page broken, its day closes readable: they are carried (and the floor set,
    for what it cannot show), so the next close is above both."""
    path, copy, clock = _closed_twice(tmp_path, footprint)
    damage_page(path, "orders")
    result = restore(copy, path, actor="root", accept_unknown_loss=True)
    assert result.report.ok and result.replaced
    with Ledger.open(path, clock=clock) as ledger:
        assert [r for r, _ in _closes(ledger)] == [1, 2, 3]
        assert _event(ledger)["day_close_floor"]["revision"] == 3 + MARGIN
        sell(ledger, footprint)
        assert close_day(ledger, KEY, DAY, "c1").revision == 4 + MARGIN
    assert problems(path) == []
