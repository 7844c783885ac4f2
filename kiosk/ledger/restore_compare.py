"""`compare`: what restoring a backup would do, before anything is changed (the plan itself
and what it says are in restore_plan.py, the reading of each file in restore_files.py)."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.ledger import backup, db
from kiosk.ledger.db import LedgerUnavailable
from kiosk.ledger.restore_closes import CloseMarks
from kiosk.ledger.restore_credit import CreditMarks
from kiosk.ledger.restore_files import (
    other_copies,
    read_column,
    read_lost,
    read_marks,
    read_numbers,
    read_value,
    taken_at,
)
from kiosk.ledger.restore_plan import MARGIN, LostOrder, Numbers, RestorePlan, RestoreRefused
from kiosk.ledger.verify import Report, verify
from kiosk.order_state import OPEN


@dataclass
class _Survey:
    """What `compare` has found so far."""

    backup: Path
    ledger: Path
    report: Report
    mine: Numbers
    statuses: dict[str, str]  # the backup's orders: id -> status
    accounts: set[str]
    enrolled: bool
    serial: int = 0
    seq: int = 0
    sources: list[str] = field(default_factory=lambda: ["the backup"])
    current: Numbers | None = None
    problem: str = ""
    lost: list[LostOrder] = field(default_factory=list)
    unknown: str = ""  # why the current ledger's paid orders cannot all be listed
    dropped: int = 0
    accounts_gone: list[str] = field(default_factory=list)
    enrolment_gone: bool = False
    identity_from: str = ""
    credit: CreditMarks = field(default_factory=CreditMarks)
    closes: CloseMarks = field(default_factory=CloseMarks)

    def raise_marks(self, serial: int, seq: int) -> None:
        self.serial, self.seq = max(self.serial, serial), max(self.seq, seq)


def _verify_backup(conn: sqlite3.Connection) -> Report:
    """`ledger verify` on the backup as it will be restored: a backup made by an earlier
    version is checked on a migrated scratch copy (the restore migrates it too)."""
    from kiosk.ledger import schema  # sqlite-utils: loaded when needed, not with the app

    if schema.version(conn) == schema.names()[-1]:
        return verify(conn)
    with tempfile.TemporaryDirectory(prefix="diandian-restore-") as folder:
        scratch = Path(folder) / "backup.sqlite"
        backup.copy_into(conn, scratch)
        copy = sqlite3.connect(scratch, isolation_level=None)
        copy.row_factory = sqlite3.Row
        try:
            schema.migrate(copy)
            return verify(copy)
        finally:
            copy.close()


def _read_backup(source: Path, ledger: Path) -> _Survey:
    try:
        conn = db.connect(source, read_only=True)
        try:
            mine = read_numbers(conn)
            survey = _Survey(
                backup=source,
                ledger=ledger,
                report=_verify_backup(conn),
                mine=mine,
                statuses={r[0]: r[1] for r in conn.execute("SELECT id, status FROM orders")},
                accounts=read_column(conn, "SELECT name FROM accounts"),
                enrolled=bool(
                    read_column(conn, "SELECT 1 FROM settings WHERE key = 'registry_url'")
                ),
                serial=mine.serial,
                seq=mine.seq,
            )
            survey.credit.read(conn)
        finally:
            conn.close()
    except (sqlite3.Error, LedgerUnavailable) as exc:
        raise RestoreRefused(f"the backup {source} cannot be read: {exc}") from exc
    return survey


def _read_current(survey: _Survey, conn: sqlite3.Connection) -> None:
    """The current ledger: its numbers if it is sound, and whatever a damaged one still gives."""
    ledger, mine = survey.ledger, survey.mine
    check = read_value(conn, "PRAGMA quick_check", "it cannot be read")
    if check != "ok":
        survey.problem = f"the ledger file {ledger} is damaged: {check}"
        survey.unknown = "the current ledger is damaged: it may hold paid orders it cannot show"
    else:
        survey.current = current = read_numbers(conn)
        if current.kiosk_id != mine.kiosk_id:
            if current.orders:
                raise RestoreRefused(
                    f"the backup is of kiosk {mine.kiosk_id} but this ledger is kiosk"
                    f" {current.kiosk_id}; restoring it would mix two kiosks' numbers;"
                    " nothing was changed"
                )
            survey.identity_from = current.kiosk_id
            survey.current = None
            survey.problem = f"it is a new, empty ledger of another kiosk ({current.kiosk_id})"
            return  # its numbers are not this kiosk's
    try:
        survey.lost = read_lost(conn, survey.statuses)
    except sqlite3.Error as exc:
        survey.unknown = f"its paid orders cannot be read: {db.describe(exc, ledger)}"
    with suppress(sqlite3.Error):
        orders = conn.execute("SELECT id, status FROM orders")
        survey.dropped = sum(
            status in OPEN and oid not in survey.statuses for oid, status in orders
        )
    survey.accounts_gone = sorted(read_column(conn, "SELECT name FROM accounts") - survey.accounts)
    survey.enrolment_gone = not survey.enrolled and bool(
        read_column(conn, "SELECT 1 FROM settings WHERE key = 'registry_url'")
    )
    serial, seq, read = read_marks(conn)
    if read:
        survey.raise_marks(serial, seq)
        survey.sources.append(f"the current ledger's {', '.join(read)}")
    if survey.current is not None:
        survey.credit.read(conn)
    survey.closes.read(conn)  # signed facts, even from a damaged file: the more the safer


def _check_signing_key(source: Path, ledger: Path, kiosk_id: str) -> None:
    """Taking the backup's identity is only of use with that kiosk's signing key beside the
    ledger: with another key (the new ledger's) no certificate could be issued afterwards."""
    from kiosk.certificate import keys

    conn = sqlite3.connect(f"file:{source}?mode=ro&immutable=1", uri=True)
    try:
        row = conn.execute(
            "SELECT public_key FROM kiosk_keys WHERE kiosk_id = ?", (kiosk_id,)
        ).fetchone()
    except sqlite3.Error:
        row = None
    finally:
        conn.close()
    path = keys.key_path_for(ledger)
    if row is None:
        return  # the backup's kiosk never issued a certificate: a key made later is its own
    try:  # load_or_create only reads a key that exists
        here = keys.public_text(keys.load_or_create(path)) if path.exists() else None
    except keys.SigningKeyError:
        here = None
    if here != row[0]:
        raise RestoreRefused(
            f"the backup is of kiosk {kiosk_id}, but {path} is "
            + ("missing" if not path.exists() else "another kiosk's signing key")
            + f"; put kiosk {kiosk_id}'s kiosk-key.pem back beside the ledger first (or keep"
            " this new kiosk and enrol it); nothing was changed"
        )


def compare(backup_path: Path | str, ledger_path: Path | str) -> RestorePlan:
    """What restoring BACKUP over LEDGER would do; reads both files, changes neither."""
    source, ledger = Path(backup_path), Path(ledger_path)
    if not source.is_file():
        raise RestoreRefused(f"no backup at {source}")
    if ledger.exists() and source.resolve() == ledger.resolve():
        raise RestoreRefused(f"{source} is the ledger itself")
    survey = _read_backup(source, ledger)
    if not ledger.exists():
        survey.problem = f"there is no ledger at {ledger}"
    elif ledger.stat().st_size == 0:
        survey.problem = f"the ledger file {ledger} is empty"
    else:
        try:
            conn = db.connect(ledger, read_only=True)
        except LedgerUnavailable as exc:
            survey.problem = str(exc)
            survey.unknown = f"the current ledger cannot be opened: {exc}"
        else:
            try:
                _read_current(survey, conn)
            except sqlite3.Error as exc:  # sound by quick_check, yet a read failed
                survey.current, survey.problem = None, db.describe(exc, ledger)
                survey.unknown = survey.unknown or f"a read failed: {survey.problem}"
            finally:
                conn.close()
    if survey.identity_from:
        _check_signing_key(source, ledger, survey.mine.kiosk_id)
    others, kiosk_id = 0, survey.mine.kiosk_id
    for other in other_copies(source, ledger):
        try:
            conn = db.connect(other, read_only=True)
        except LedgerUnavailable:
            continue
        try:
            if read_value(conn, "SELECT value FROM meta WHERE key = 'kiosk_id'") == kiosk_id:
                serial, seq, read = read_marks(conn, ("counters", "orders"))
                survey.raise_marks(serial, seq)
                survey.credit.read(conn)
                survey.closes.read(conn)
                others += bool(read)
        finally:
            conn.close()
    if others:
        survey.sources.append(f"{others} other backup(s) and kept ledger(s)")
    margin = 0 if survey.current is not None else MARGIN
    if margin:
        survey.credit.skip_all()
    return RestorePlan(
        backup=source,
        ledger=ledger,
        taken_at=taken_at(source),
        report=survey.report,
        in_backup=survey.mine,
        current=survey.current,
        current_problem=survey.problem,
        lost=tuple(survey.lost),
        lost_unknown=survey.unknown,
        unpaid_dropped=survey.dropped,
        next_serial=survey.serial + margin + 1,
        next_seq=survey.seq + margin + 1,
        margin=margin,
        sources=tuple(survey.sources),
        accounts_gone=tuple(survey.accounts_gone),
        enrolment_gone=survey.enrolment_gone,
        identity_from=survey.identity_from,
        credit=survey.credit,
        closes=survey.closes,
    )
