"""What restoring a backup would do (`compare`), before anything is changed.

The plan sets the backup against the current ledger: counts, the paid orders (and refunds) only
the current ledger records, which would be lost from this kiosk, and the high-water marks, the
highest certificate serial and order seq known on this machine, after which the restored
ledger must continue. They are read from the backup, the current ledger (its counters and
orders, and what the sync state says went to the registry: the outbox and the recorded sync
batches; as far as a damaged file can still be read), the other backups, and the files earlier
restores kept. When the current ledger cannot be read, the numbers it issued since the backup
are unknown, so the plan skips MARGIN more: a gap is harmless, a serial used twice is not.
Likewise the paid orders it would lose are then unknown, never "0": the plan says why, and
the restore needs that acknowledged (restore.py).
"""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kiosk.errors import DiandianError
from kiosk.ledger import backup, db, schema
from kiosk.ledger.db import LedgerUnavailable
from kiosk.ledger.restore_credit import CreditMarks
from kiosk.ledger.verify import Report, verify
from kiosk.money import format_fen
from kiosk.order_state import EVENTS, OPEN, OrderState
from kiosk.timestamps import parse_file_stamp, stamp

MARGIN = 10_000
KEPT = ".before-restore-"
MARKS = {  # what each table says about the highest serial and order seq issued
    "counters": "SELECT max(CASE WHEN name = 'serial' THEN value END),"
    " max(CASE WHEN name = 'order_seq' THEN value END) FROM counters",
    "orders": "SELECT max(serial), max(seq) FROM orders",
    "outbox": "SELECT max(json_extract(payload, '$.serial')), max(json_extract(payload, '$.seq'))"
    " FROM outbox",
    "sync batches": "SELECT max(json_extract(r.value, '$.payload.serial')),"
    " max(json_extract(r.value, '$.payload.seq')) FROM sync_batches b,"
    " json_each(CAST(b.body AS TEXT), '$.records') r WHERE length(b.body) > 0",
}


class RestoreRefused(DiandianError):
    """The restore was refused; nothing was changed."""


@dataclass(frozen=True, slots=True)
class Numbers:
    """One ledger file at a glance."""

    kiosk_id: str
    orders: int
    paid: int  # orders holding a certificate serial (paid, or paid and then voided)
    serial: int  # the highest serial issued
    seq: int  # the highest order seq issued
    last_change: str  # the time of its newest audit row


@dataclass(frozen=True, slots=True)
class LostOrder:
    """A payment or a refund that only the current ledger records."""

    code: str
    serial: int
    amount_fen: int
    at: str
    kind: str  # "payment" or "refund"
    at_registry: bool  # the registry acknowledged it: it is not lost there


@dataclass(frozen=True)
class RestorePlan:
    backup: Path
    ledger: Path
    taken_at: str  # from the backup's name (UTC), or the file's modification time
    report: Report  # `ledger verify` on the backup
    in_backup: Numbers
    current: Numbers | None  # None: missing or unusable (current_problem says why)
    current_problem: str
    lost: tuple[LostOrder, ...]
    lost_unknown: str  # why `lost` may be incomplete ("" when it is the whole list)
    unpaid_dropped: int  # orders awaiting payment (or drafts) only the current ledger has
    next_serial: int
    next_seq: int
    margin: int  # numbers skipped beyond the high-water marks (the current ledger unknown)
    sources: tuple[str, ...]  # what the high-water marks were read from
    accounts_gone: tuple[str, ...]  # staff accounts added after the backup
    enrolment_gone: bool  # the kiosk was enrolled after the backup: enrol it again
    identity_from: str  # the kiosk id of a new, empty ledger the backup's identity replaces
    credit: CreditMarks = field(default_factory=CreditMarks)  # grants and cursors to carry

    @property
    def skipped_serials(self) -> tuple[int, int] | None:
        return _span(self.in_backup.serial, self.next_serial)

    @property
    def skipped_seqs(self) -> tuple[int, int] | None:
        return _span(self.in_backup.seq, self.next_seq)

    def lines(self) -> list[str]:
        """The plan in plain words (the console says the same, translated)."""
        b = self.in_backup
        verified = "verifies" if self.report.ok else f"does NOT verify: {self.report.problems[0]}"
        out = [
            f"backup {self.backup} (taken {self.taken_at}): {verified}",
            f"  in the backup: {b.orders} orders, {b.paid} paid, last serial {b.serial},"
            f" last order seq {b.seq}, last change {b.last_change or '-'}",
        ]
        if self.current is not None:
            c = self.current
            out.append(
                f"  now:           {c.orders} orders, {c.paid} paid, last serial {c.serial},"
                f" last order seq {c.seq}, last change {c.last_change or '-'}"
            )
        else:
            out.append(f"  the current ledger cannot be used: {self.current_problem}")
        if self.lost_unknown:
            out.append(
                f"paid orders lost from this kiosk: unknown ({len(self.lost)} listed;"
                f" {self.lost_unknown})"
            )
        else:
            out.append(f"paid orders lost from this kiosk: {len(self.lost)}")
        for lost in self.lost:
            where = "at the registry" if lost.at_registry else "NOT at the registry"
            out.append(
                f"  serial {lost.serial}, order {lost.code}, {format_fen(lost.amount_fen)},"
                f" {lost.kind} {lost.at} ({where})"
            )
        if self.unpaid_dropped:
            out.append(f"unpaid orders dropped: {self.unpaid_dropped}")
        skipped = f"; {self.margin} more skipped" if self.margin else ""
        out.append(
            f"new serials continue from {self.next_serial}, order seqs from {self.next_seq}"
            f" (the highest known, from {', '.join(self.sources)}{skipped})"
        )
        if self.accounts_gone:
            out.append(f"note: accounts added after the backup: {', '.join(self.accounts_gone)}")
        if self.enrolment_gone:
            out.append("note: the backup predates this kiosk's enrolment: enrol it again")
        if self.identity_from:
            out.append(
                f"note: this new ledger (kiosk {self.identity_from}, no orders) takes the"
                f" backup's identity, kiosk {self.in_backup.kiosk_id}"
            )
        return out


def _span(before: int, following: int) -> tuple[int, int] | None:
    return (before + 1, following - 1) if following - 1 > before else None


# -- reading ledger files ----------------------------------------------------------------------


def _value(conn: sqlite3.Connection, sql: str, default: object = None) -> object:
    try:
        row = conn.execute(sql).fetchone()
    except sqlite3.Error:
        return default
    return default if row is None or row[0] is None else row[0]


def _column(conn: sqlite3.Connection, sql: str) -> set[str]:
    try:
        return {row[0] for row in conn.execute(sql)}
    except sqlite3.Error:
        return set()


def _marks(
    conn: sqlite3.Connection, tables: tuple[str, ...] = tuple(MARKS)
) -> tuple[int, int, list[str]]:
    """The highest serial and seq the tables hold, and which of them could be read."""
    serial = seq = 0
    read: list[str] = []
    for name in tables:
        try:
            row = conn.execute(MARKS[name]).fetchone()
        except sqlite3.Error:  # a damaged page, or a table an older ledger lacks
            continue
        read.append(name)
        serial, seq = max(serial, int(row[0] or 0)), max(seq, int(row[1] or 0))
    return serial, seq, read


def _numbers(conn: sqlite3.Connection) -> Numbers:
    serial, seq, _ = _marks(conn, ("counters", "orders"))
    return Numbers(
        kiosk_id=str(_value(conn, "SELECT value FROM meta WHERE key = 'kiosk_id'", "")),
        orders=conn.execute("SELECT count(*) FROM orders").fetchone()[0],
        paid=conn.execute("SELECT count(*) FROM orders WHERE serial IS NOT NULL").fetchone()[0],
        serial=serial,
        seq=seq,
        last_change=str(_value(conn, "SELECT at FROM audit ORDER BY id DESC LIMIT 1", "")),
    )


def _lost(conn: sqlite3.Connection, statuses: dict[str, str]) -> list[LostOrder]:
    """Payments and refunds in the current ledger that the backup (id -> status) lacks."""
    rows = conn.execute(
        "SELECT o.id, o.code, o.serial, o.status, o.amount_fen, o.paid_at, o.voided_at,"
        " (SELECT x.acked_at FROM outbox x WHERE x.order_id = o.id AND x.event = ?),"
        " (SELECT x.acked_at FROM outbox x WHERE x.order_id = o.id AND x.event = ?)"
        " FROM orders o WHERE o.serial IS NOT NULL ORDER BY o.serial",
        (OrderState.PAID, OrderState.VOIDED),
    )
    lost = []
    for oid, code, serial, status, fen, paid_at, voided_at, paid_ack, void_ack in rows:
        before = statuses.get(oid)
        if before not in EVENTS:
            lost.append(LostOrder(code, serial, fen, paid_at, "payment", paid_ack is not None))
        elif status == OrderState.VOIDED and before == OrderState.PAID:
            lost.append(LostOrder(code, serial, fen, voided_at, "refund", void_ack is not None))
    return lost


def taken_at(path: Path) -> str:
    name = path.name
    try:
        if not (name.startswith(backup.PREFIX) and name.endswith(backup.SUFFIX)):
            raise ValueError(name)
        moment = parse_file_stamp(name[len(backup.PREFIX) : -len(backup.SUFFIX)])
    except ValueError:
        moment = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return stamp(moment)


def _others(backup_path: Path, ledger: Path) -> list[Path]:
    """Other copies of this kiosk's ledger that may know higher numbers."""
    found = [*backup_path.parent.glob(f"{backup.PREFIX}*{backup.SUFFIX}")]
    found += ledger.parent.glob(f"{ledger.stem}{KEPT}*{backup.SUFFIX}")
    found += (ledger.parent / "backups").glob(f"{backup.PREFIX}*{backup.SUFFIX}")
    unique = {p.resolve() for p in found} - {backup_path.resolve(), ledger.resolve()}
    return sorted(unique)[-60:]


# -- the comparison ----------------------------------------------------------------------------


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

    def raise_marks(self, serial: int, seq: int) -> None:
        self.serial, self.seq = max(self.serial, serial), max(self.seq, seq)


def _verify_backup(conn: sqlite3.Connection) -> Report:
    """`ledger verify` on the backup as it will be restored: a backup made by an earlier
    version is checked on a migrated scratch copy (the restore migrates it too)."""
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
            mine = _numbers(conn)
            survey = _Survey(
                backup=source,
                ledger=ledger,
                report=_verify_backup(conn),
                mine=mine,
                statuses={r[0]: r[1] for r in conn.execute("SELECT id, status FROM orders")},
                accounts=_column(conn, "SELECT name FROM accounts"),
                enrolled=bool(_column(conn, "SELECT 1 FROM settings WHERE key = 'registry_url'")),
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
    check = _value(conn, "PRAGMA quick_check", "it cannot be read")
    if check != "ok":
        survey.problem = f"the ledger file {ledger} is damaged: {check}"
        survey.unknown = "the current ledger is damaged: it may hold paid orders it cannot show"
    else:
        survey.current = current = _numbers(conn)
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
        survey.lost = _lost(conn, survey.statuses)
    except sqlite3.Error as exc:
        survey.unknown = f"its paid orders cannot be read: {db.describe(exc, ledger)}"
    with suppress(sqlite3.Error):
        orders = conn.execute("SELECT id, status FROM orders")
        survey.dropped = sum(
            status in OPEN and oid not in survey.statuses for oid, status in orders
        )
    survey.accounts_gone = sorted(_column(conn, "SELECT name FROM accounts") - survey.accounts)
    survey.enrolment_gone = not survey.enrolled and bool(
        _column(conn, "SELECT 1 FROM settings WHERE key = 'registry_url'")
    )
    serial, seq, read = _marks(conn)
    if read:
        survey.raise_marks(serial, seq)
        survey.sources.append(f"the current ledger's {', '.join(read)}")
    if survey.current is not None:
        survey.credit.read(conn)


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
    for other in _others(source, ledger):
        try:
            conn = db.connect(other, read_only=True)
        except LedgerUnavailable:
            continue
        try:
            if _value(conn, "SELECT value FROM meta WHERE key = 'kiosk_id'") == kiosk_id:
                serial, seq, read = _marks(conn, ("counters", "orders"))
                survey.raise_marks(serial, seq)
                survey.credit.read(conn)
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
    )
