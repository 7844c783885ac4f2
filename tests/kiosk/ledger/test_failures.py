"""A missing, corrupt, read-only or full ledger: the kiosk goes out of service with a one-line
reason (`LedgerUnavailable`) instead of selling, and loses nothing already stored.

Read-only and full disk are real: a 2 MiB tmpfs mounted by the test (root only; skipped with
the reason otherwise).
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.catalogue import load_demo_catalogue
from kiosk.footprint import Footprint
from kiosk.ledger import Ledger, LedgerUnavailable
from kiosk.ledger.verify import verify
from kiosk.order_state import OrderState

from .conftest import Tmpfs
from .support import assert_reason, damage_page, garbage, open_raw, overwrite, sell, snapshot

NewLedger = Callable[[Path], Ledger]


@pytest.fixture
def closed_ledger(new_ledger: NewLedger, footprint: Footprint, tmp_path: Path) -> Path:
    """A ledger file with 20 paid orders, closed (its WAL folded into the file)."""
    path = tmp_path / "ledger.sqlite"
    ledger = new_ledger(path)
    for _ in range(20):
        sell(ledger, footprint)
    ledger.close()
    return path


# -- missing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "options"),
    [
        ("ledger.sqlite", {"create": False}),
        ("no/such/folder/ledger.sqlite", {"create": False}),
        ("ledger.sqlite", {"read_only": True}),
    ],
)
def test_opening_a_missing_ledger_without_create_refuses(
    tmp_path: Path, where: str, options: dict
) -> None:
    """`ledger verify`, `orders` etc. must not conjure up an empty ledger where one is expected."""
    path = tmp_path / where
    with pytest.raises(LedgerUnavailable) as caught:
        Ledger.open(path, **options)
    assert_reason(caught.value, "no ledger", str(path))
    assert not any(tmp_path.iterdir()), "something was created"


def _delete(path: Path, elsewhere: Path) -> None:
    path.unlink()


def _move_away(path: Path, elsewhere: Path) -> None:
    path.rename(elsewhere)


def _replace_with_another_ledger(path: Path, elsewhere: Path) -> None:
    with Ledger.open(elsewhere):
        pass
    os.replace(elsewhere, path)


def _replace_with_a_text_file(path: Path, elsewhere: Path) -> None:
    elsewhere.write_text("notes\n")
    os.replace(elsewhere, path)


@pytest.mark.parametrize(
    ("change", "word"),
    [
        (_delete, "removed"),
        (_move_away, "removed"),
        (_replace_with_another_ledger, "replaced"),
        (_replace_with_a_text_file, "replaced"),
    ],
)
def test_a_sale_after_the_ledger_file_vanished_is_refused(
    ledger: Ledger, footprint: Footprint, tmp_path: Path, change, word: str
) -> None:
    """The app holds the old file open; writing on would sell into a file nobody will read."""
    sell(ledger, footprint)
    change(ledger.path, tmp_path / "elsewhere.sqlite")
    now_there = ledger.path.read_bytes() if ledger.path.exists() else None
    with pytest.raises(LedgerUnavailable) as caught:
        sell(ledger, footprint)
    assert_reason(caught.value, word, str(ledger.path))
    # Whatever is at the path now was not touched (and nothing was created there).
    assert (ledger.path.read_bytes() if ledger.path.exists() else None) == now_there


def test_a_ledger_moved_away_while_open_loses_no_sale(
    ledger: Ledger, footprint: Footprint, tmp_path: Path
) -> None:
    """An admin moves the file while the app runs: the refused write and the app's exit destroy
    nothing; moved back, the file has every sale (recent ones wait in its WAL, beside the old
    name: SQLite does not checkpoint a moved database)."""
    sold = {sell(ledger, footprint).id for _ in range(3)}
    moved = tmp_path / "moved.sqlite"
    ledger.path.rename(moved)
    with pytest.raises(LedgerUnavailable):
        sell(ledger, footprint)
    ledger.close()
    moved.rename(ledger.path)
    conn = open_raw(ledger.path)
    try:
        assert {r[0] for r in conn.execute("SELECT id FROM orders WHERE status = 'paid'")} == sold
        report = verify(conn)
        assert report.ok, report.problems
    finally:
        conn.close()


# -- corrupt -----------------------------------------------------------------------------------


DAMAGE = {
    "garbage over the first 100 bytes": lambda p: overwrite(p, 0, garbage(100)),
    "the SQLite magic string overwritten": lambda p: overwrite(p, 0, b"NOT A LEDGER!!!\0"),
    "the first page zeroed": lambda p: overwrite(p, 0, bytes(4096)),
    "truncated to half": lambda p: os.truncate(p, p.stat().st_size // 2),
    "replaced by a text file": lambda p: p.write_text("hello, I am not a ledger\n"),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_ledger_is_refused_as_damaged(closed_ledger: Path, damage) -> None:
    """Opening says "damaged" in one line and points to the restore command."""
    damage(closed_ledger)
    with pytest.raises(LedgerUnavailable) as caught:
        Ledger.open(closed_ledger)
    assert_reason(caught.value, "damaged", str(closed_ledger), "restore")


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_refusing_a_damaged_ledger_leaves_the_file_as_it_was(closed_ledger: Path, damage) -> None:
    """The damaged file is evidence and the input to a repair: the attempt must not touch it."""
    damage(closed_ledger)
    before = closed_ledger.read_bytes()
    with pytest.raises(LedgerUnavailable):
        Ledger.open(closed_ledger)
    assert closed_ledger.read_bytes() == before


def test_an_empty_ledger_file_is_not_taken_for_a_new_ledger(tmp_path: Path) -> None:
    """A ledger truncated to 0 bytes (failed copy, disk trouble) must not start over silently."""
    path = tmp_path / "ledger.sqlite"
    path.write_bytes(b"")
    with pytest.raises(LedgerUnavailable):
        Ledger.open(path, create=False).close()


DAMAGED_TABLES = [
    "projects",
    "allocations",
    "counters",
    "meta",
    pytest.param("sqlite_autoindex_meta_1", id="meta-key-index"),  # read by ensure_identity
    "audit",
    "orders",
    "outbox",
]


@pytest.mark.parametrize("table", DAMAGED_TABLES)
def test_a_damaged_page_stops_sales_as_damaged(
    closed_ledger: Path, footprint: Footprint, table: str
) -> None:
    """Whichever page is bad, the kiosk goes out of service naming the file, not a crash."""
    damage_page(closed_ledger, table)
    with pytest.raises(LedgerUnavailable) as caught, Ledger.open(closed_ledger) as ledger:
        sell(ledger, footprint)
    assert_reason(caught.value, "damaged", str(closed_ledger))


def test_verify_reports_a_damaged_page_as_a_problem(closed_ledger: Path) -> None:
    """verify is the tool to run on a suspect ledger: it must report, not crash."""
    damage_page(closed_ledger, "audit")
    conn = open_raw(closed_ledger)
    try:
        report = verify(conn)
    finally:
        conn.close()
    assert not report.ok
    assert any("integrity" in problem for problem in report.problems), report.problems


# -- read-only and full disk (a real tmpfs) -----------------------------------------------------


@pytest.fixture
def ledger_on_tmpfs(tmpfs: Tmpfs, footprint: Footprint) -> Path:
    """A ledger with 5 paid orders (serials 1..5) on the tmpfs, closed cleanly."""
    path = tmpfs.root / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        for _ in range(5):
            sell(ledger, footprint)
    return path


@pytest.fixture(params=["after a clean shutdown", "after a crash"])
def before_read_only(request: pytest.FixtureRequest, ledger_on_tmpfs: Path, spawn) -> Path:
    """The state the disk is in when it turns read-only: closed cleanly, or a till SIGKILLed
    mid-stream (its -wal and -shm files left behind)."""
    if request.param == "after a crash":
        till = spawn(ledger_on_tmpfs, "--project", "demo-wetland", "--offset", "1000")
        till.wait_for("PAID")
        till.kill()
        assert Path(f"{ledger_on_tmpfs}-wal").exists()
    return ledger_on_tmpfs


def _sell_on_a_fresh_start(path: Path, footprint: Footprint) -> None:
    with Ledger.open(path) as ledger:
        sell(ledger, footprint)


def test_a_read_only_disk_refuses_sales(
    tmpfs: Tmpfs, before_read_only: Path, footprint: Footprint
) -> None:
    """The app (re)starts on a disk the kernel made read-only: out of service, in one line.

    The disk cannot turn read-only under the open app here: the kernel refuses a read-only
    remount (EBUSY) while a file on it is open for writing.
    """
    tmpfs.remount("ro")
    with pytest.raises(LedgerUnavailable) as caught:
        _sell_on_a_fresh_start(before_read_only, footprint)
    assert_reason(caught.value, str(before_read_only))


def test_a_read_only_disk_is_named_in_the_reason(
    tmpfs: Tmpfs, before_read_only: Path, footprint: Footprint
) -> None:
    """The technician must learn the disk is read-only, not go looking for a broken file."""
    tmpfs.remount("ro")
    with pytest.raises(LedgerUnavailable) as caught:
        _sell_on_a_fresh_start(before_read_only, footprint)
    assert_reason(caught.value, "read-only")


def test_a_read_only_spell_loses_nothing(
    tmpfs: Tmpfs, before_read_only: Path, footprint: Footprint
) -> None:
    """Back to read-write: every sale made before is intact, the ledger verifies and sells on."""
    conn = open_raw(before_read_only)
    try:
        paid = dict(conn.execute("SELECT id, serial FROM orders WHERE status = 'paid'"))
    finally:
        conn.close()
    tmpfs.remount("ro")
    with pytest.raises(LedgerUnavailable):
        _sell_on_a_fresh_start(before_read_only, footprint)
    tmpfs.remount("rw")
    conn = open_raw(before_read_only)
    try:
        stored = dict(conn.execute("SELECT id, serial FROM orders WHERE status = 'paid'"))
        assert stored == paid
        report = verify(conn)
        assert report.ok, report.problems
    finally:
        conn.close()
    with Ledger.open(before_read_only, create=False) as ledger:
        assert sell(ledger, footprint).serial == len(paid) + 1


def _fill(root: Path) -> Path:
    """Write a filler file until the filesystem says ENOSPC."""
    filler = root / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        for size in (1 << 16, 1 << 12, 1):
            try:
                while os.write(fd, bytes(size)):
                    pass
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
    finally:
        os.close(fd)
    return filler


@dataclass
class FullDisk:
    ledger: Ledger
    filler: Path
    order_id: str  # an order brought to the step at which the disk filled up
    step: str
    before: dict[str, list[tuple]]


STEPS = ("draft", "place", "pay")


@pytest.fixture(params=STEPS)
def full_disk(
    request: pytest.FixtureRequest, tmpfs: Tmpfs, ledger_on_tmpfs: Path, footprint: Footprint
) -> Iterator[FullDisk]:
    """The disk fills up just before one step of a sale (draft, place or pay) is written."""
    ledger = Ledger.open(ledger_on_tmpfs, create=False)
    try:
        order_id = ""
        if request.param != "draft":
            order_id = ledger.create_draft(footprint, project_id="demo-wetland", offset_g=1000).id
        if request.param == "pay":
            ledger.place(order_id)
        before = snapshot(ledger.conn)
        yield FullDisk(ledger, _fill(tmpfs.root), order_id, request.param, before)
    finally:
        ledger.close()


def _step(disk: FullDisk, footprint: Footprint) -> str:
    """Take the sale one step on; the order's id."""
    if disk.step == "draft":
        return disk.ledger.create_draft(footprint, project_id="demo-wetland", offset_g=1000).id
    if disk.step == "place":
        return disk.ledger.place(disk.order_id).id
    return disk.ledger.pay(disk.order_id, method="cash", cashier="c1").id


def test_a_full_disk_refuses_the_sale_saying_full(full_disk: FullDisk, footprint) -> None:
    """Out of service with the reason a technician can act on."""
    with pytest.raises(LedgerUnavailable) as caught:
        _step(full_disk, footprint)
    assert_reason(caught.value, "full", str(full_disk.ledger.path))


def test_a_full_disk_loses_nothing_already_stored(full_disk: FullDisk, footprint) -> None:
    """The refused step leaves every row as it was, and the ledger still verifies."""
    with pytest.raises(LedgerUnavailable):
        _step(full_disk, footprint)
    assert snapshot(full_disk.ledger.conn) == full_disk.before
    report = verify(full_disk.ledger.conn)
    assert report.ok, report.problems
    if full_disk.step == "pay":
        assert full_disk.ledger.get(full_disk.order_id).status == OrderState.AWAITING


def test_sales_resume_once_space_is_freed(full_disk: FullDisk, footprint) -> None:
    """Same app, no restart: the step that failed now succeeds, and the next serial is 6."""
    with pytest.raises(LedgerUnavailable):
        _step(full_disk, footprint)
    full_disk.filler.unlink()
    order_id = _step(full_disk, footprint)
    ledger = full_disk.ledger
    if ledger.get(order_id).status != "paid":
        if ledger.get(order_id).status == "draft":
            ledger.place(order_id)
        ledger.pay(order_id, method="cash", cashier="c1")
    assert ledger.get(order_id).serial == 6
    report = verify(ledger.conn)
    assert report.ok, report.problems


def test_the_tmpfs_really_is_full(full_disk: FullDisk) -> None:
    """Guards the fixture: the disk is full, not merely slow."""
    statvfs = os.statvfs(full_disk.filler)
    assert statvfs.f_bavail == 0
    assert shutil.disk_usage(full_disk.filler.parent).free == 0
