"""Restoring a backup without ever issuing a certificate serial or an order number twice.

An older backup rewinds the ledger: the orders paid after it vanish from this kiosk, and its
counters would hand out again serials that are on customers' certificates and maybe at the
registry (which refuses a serial used twice). So `restore`

1. plans (kiosk/ledger/restore_compare.py `compare`): the backup against the current ledger, the
   paid orders only the current one records, and the high-water marks of every copy of this
   kiosk's numbers on the machine (and of what the sync state says the registry has);
2. refuses, changing nothing, when paid orders would be lost and the caller did not
   acknowledge exactly that number, when the backup does not verify (unless forced), when it
   is another kiosk's, or while a sync job runs (its answers would ack the wrong entries);
3. stages the restored ledger beside the current one: the backup, migrated, its counters
   raised to the high-water marks, and an audited `restore` event that declares the skipped
   serials and seqs (`ledger verify` accepts a declared gap; an undeclared one is a problem);
4. keeps the current ledger as `*.before-restore-*.sqlite` and installs the staged one: in
   place with SQLite's backup API when the current file is usable (`backup.copy_in_place`:
   programs that have it open carry on with the new content), or, only when SQLite cannot
   use it, by moving the damaged file aside untouched and renaming the new one into place.

A sale committed while the restore is prepared would be overwritten after its serial was
counted. So a connection watches `PRAGMA data_version` from before the plan is read, and the
in-place copy checks it with the ledger's write lock held: if anything was committed, the copy
is abandoned (nothing changed) and the restore starts over, up to ATTEMPTS times.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import DiandianError
from kiosk.ledger import audit, backup, db, restore_closes
from kiosk.ledger.db import LedgerUnavailable
from kiosk.ledger.restore_compare import compare
from kiosk.ledger.restore_credit import carry_over
from kiosk.ledger.restore_plan import KEPT, LostOrder, Numbers, RestorePlan, RestoreRefused
from kiosk.ledger.verify import Report, verify
from kiosk.timestamps import file_stamp, stamp, utc_now

__all__ = [
    "LostOrder",
    "Numbers",
    "RestorePlan",
    "RestoreRefused",
    "RestoreResult",
    "compare",
    "restore",
]
ATTEMPTS = 3
LISTED = 200  # lost orders named in the restore event (all are counted)


class _Changed(Exception):
    """Another program committed to the ledger while the restore was being prepared."""


@dataclass(frozen=True)
class RestoreResult:
    plan: RestorePlan
    kept: Path | None  # where the previous ledger is kept
    replaced: bool  # the unusable file was moved aside: programs holding it must reopen
    report: Report  # `ledger verify` on the restored ledger


# -- the restore -------------------------------------------------------------------------------


def restore(
    backup_path: Path | str,
    ledger_path: Path | str,
    *,
    actor: str,
    accept_loss: int | None = None,
    accept_unknown_loss: bool = False,
    force: bool = False,
) -> RestoreResult:
    """Restore BACKUP over LEDGER as planned by `compare` at this moment (see the module
    docstring). `accept_loss` must equal the number of paid orders (and refunds) that only
    the current ledger records when there are any; when the current ledger cannot show them
    all, `accept_unknown_loss` must acknowledge that instead; `force` restores a backup that
    does not verify. Callers check that the actor is an admin (kiosk.admin)."""
    source, ledger = Path(backup_path), Path(ledger_path)
    ledger.parent.mkdir(parents=True, exist_ok=True)
    with _sync_lock(ledger):
        for _ in range(ATTEMPTS):
            with _watch(ledger) as changed:
                plan = compare(source, ledger)
                _refuse(plan, accept_loss, accept_unknown_loss, force)
                accepted = "unknown" if plan.lost_unknown else accept_loss
                try:
                    return _apply(plan, actor, accepted, force, changed)
                except _Changed:
                    continue
    raise RestoreRefused(
        "the ledger kept changing while the restore was prepared (sales or a sync job?);"
        " nothing was changed; try again"
    )


def _refuse(plan: RestorePlan, accept_loss: int | None, accept_unknown: bool, force: bool) -> None:
    if not plan.report.ok and not force:
        raise RestoreRefused(
            f"{plan.backup} does not verify ({plan.report.problems[0]}); "
            "nothing was changed (--force restores it anyway)"
        )
    if plan.lost_unknown:
        if not accept_unknown:
            raise RestoreRefused(
                "how many paid orders recorded after this backup would be lost from this kiosk"
                f" is unknown ({plan.lost_unknown}; {len(plan.lost)} listed); nothing was"
                " changed (acknowledge with --accept-loss unknown; the current file is kept)"
            )
    elif plan.lost and accept_loss != len(plan.lost):
        raise RestoreRefused(
            f"{len(plan.lost)} paid order(s) recorded after this backup would be lost from this"
            f" kiosk; nothing was changed (acknowledge with --accept-loss {len(plan.lost)})"
            + (f"; {accept_loss} was acknowledged" if accept_loss is not None else "")
        )


@contextmanager
def _sync_lock(ledger: Path) -> Iterator[None]:
    """The sync job's lock (sync/lock.py: flock on LEDGER.sync.lock), so no job acks or
    records batches across the restore, and none starts during it."""
    path = ledger.with_name(ledger.name + ".sync.lock")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise RestoreRefused(f"cannot take the sync lock {path}: {exc.strerror}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RestoreRefused(
                "a sync job is running on this ledger; nothing was changed; try again when it"
                " has finished"
            ) from None
        yield
    finally:
        os.close(fd)


@contextmanager
def _watch(ledger: Path) -> Iterator[Callable[[], None]]:
    """A check that raises _Changed once any other connection has committed to the ledger."""
    try:
        conn = db.connect(ledger, read_only=True)
        start = conn.execute("PRAGMA data_version").fetchone()[0]
    except (LedgerUnavailable, sqlite3.Error):
        yield lambda: None  # missing or unusable: nobody can be selling into it
        return

    def check() -> None:
        if conn.execute("PRAGMA data_version").fetchone()[0] != start:
            raise _Changed

    try:
        yield check
    finally:
        conn.close()


def _kept_name(ledger: Path) -> Path:
    when = file_stamp(utc_now())
    kept = ledger.with_name(f"{ledger.stem}{KEPT}{when}{backup.SUFFIX}")
    number = 1
    while kept.exists() or Path(f"{kept}-wal").exists():
        number += 1
        kept = ledger.with_name(f"{ledger.stem}{KEPT}{when}-{number}{backup.SUFFIX}")
    return kept


def _apply(
    plan: RestorePlan,
    actor: str,
    accept_loss: int | str | None,
    force: bool,
    changed: Callable[[], None],
) -> RestoreResult:
    ledger = plan.ledger
    kept = _kept_name(ledger)
    moved_to: Path | None = kept  # where the previous ledger ends up (None: there was none)
    staged = ledger.with_name(f".{ledger.name}.restore")
    try:
        try:
            _stage(staged, plan, actor, accept_loss, force, kept)
        except (OSError, sqlite3.Error, LedgerUnavailable) as exc:
            raise RestoreRefused(
                f"the restore could not be prepared ({exc}); nothing was changed"
            ) from exc
        if plan.current is not None:
            replaced = False
            _in_place(staged, ledger, kept, changed)
        else:
            # Missing, unusable, or a new ledger of another kiosk: moved aside untouched, and
            # renaming makes every program that holds it reopen (none keeps the other kiosk id).
            replaced = True
            moved_to = _by_rename(staged, ledger, kept, changed)
    finally:
        for suffix in ("", "-journal", *backup.SIDE_FILES):
            Path(f"{staged}{suffix}").unlink(missing_ok=True)
    if plan.margin:
        _demo_allowance(ledger, actor)
    conn = db.connect(ledger, read_only=True)
    try:
        report = verify(conn)
    finally:
        conn.close()
    return RestoreResult(plan, moved_to, replaced, report)


def _demo_allowance(ledger: Path, actor: str) -> None:
    """Every serial known was skipped (restore_credit): a kiosk never enrolled gets fresh
    invented demo serials within its demo count, as at its start, so the demo sells on; an
    enrolled one waits for its next sync's grants."""
    from kiosk.catalogue import load_demo_catalogue
    from kiosk.ledger.store import Ledger

    with Ledger.open(ledger, create=False, check=False) as restored:
        restored.ensure_demo_grants(load_demo_catalogue(), actor=actor)


def _in_place(staged: Path, ledger: Path, kept: Path, changed: Callable[[], None]) -> None:
    """Keep a copy of the usable ledger, then write the staged content into it in place."""
    try:
        backup.keep_copy(ledger, kept)
        backup.copy_in_place(staged, ledger, changed)
    except BaseException as exc:
        kept.unlink(missing_ok=True)  # a copy of what is still there
        if isinstance(exc, OSError | sqlite3.Error | LedgerUnavailable):
            raise RestoreRefused(
                f"the ledger could not be written ({exc}); nothing was changed"
            ) from exc
        raise


@contextmanager
def _held(ledger: Path, changed: Callable[[], None]) -> Iterator[None]:
    """While the files are renamed: the current file's write lock if SQLite can take it (a
    writable new ledger of another kiosk), after checking nothing was committed since the plan.
    A program that waited for the lock finds the file renamed (Ledger._write checks again
    under the lock) and commits nothing into the kept file."""
    conn = None
    try:
        conn = sqlite3.connect(
            f"file:{ledger}?mode=rw",
            uri=True,
            isolation_level=None,
            timeout=db.BUSY_TIMEOUT_MS / 1000,
        )
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error:  # missing or unusable: nobody can be writing into it either
        if conn is not None:
            conn.close()
        conn = None
    try:
        changed()
        yield
    finally:
        if conn is not None:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            conn.close()  # SQLite leaves a moved file's -wal alone (it checks the path)


def _by_rename(
    staged: Path, ledger: Path, kept: Path, changed: Callable[[], None] = lambda: None
) -> Path | None:
    present = [Path(f"{ledger}{s}").exists() for s in ("", *backup.SIDE_FILES)]
    try:
        with _held(ledger, changed):
            backup.move_aside(ledger, kept)
        backup.put_in_place(staged, ledger)
    except (OSError, DiandianError) as exc:
        try:
            if any(present) and not ledger.exists():
                backup.move_aside(kept, ledger)  # put things back as they were
        except OSError:
            raise DiandianError(
                f"the restore failed ({exc}) and the previous ledger could not be put back: it"
                f" is at {kept}"
            ) from exc
        raise RestoreRefused(
            f"the ledger could not be replaced ({exc}); nothing was changed"
        ) from exc
    return kept if present[0] else None


def _stage(
    staged: Path,
    plan: RestorePlan,
    actor: str,
    accept_loss: int | str | None,
    force: bool,
    kept: Path,
) -> None:
    """The restored ledger, complete, beside the current one: the backup, migrated, with the
    counters at the high-water marks and the audited restore event, verified, on disk."""
    for suffix in ("", "-journal", *backup.SIDE_FILES):
        Path(f"{staged}{suffix}").unlink(missing_ok=True)
    source = db.connect(plan.backup, read_only=True)
    try:
        backup.copy_into(source, staged)
    finally:
        source.close()
    conn = sqlite3.connect(staged, isolation_level=None)
    conn.row_factory = sqlite3.Row
    from kiosk.ledger import schema  # sqlite-utils: loaded when needed, not with the app

    try:
        schema.migrate(conn)
        now = stamp(utc_now())
        with db.write(conn, staged):
            for name, value in (("serial", plan.next_serial - 1), ("order_seq", plan.next_seq - 1)):
                conn.execute(
                    "INSERT INTO counters (name, value) VALUES (?, ?)"
                    " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    (name, value),
                )
            credit = carry_over(conn, plan.credit, at=now, actor=actor)
            closes = restore_closes.carry_over(
                conn, plan.closes, unknown=bool(plan.margin), at=now, actor=actor
            )
            audit.append(
                conn,
                at=now,
                entity="restore",
                entity_id=str(uuid.uuid4()),
                action="restore",
                actor=actor,
                state=_event(plan, accept_loss, force, kept) | credit | closes,
            )
        report = verify(conn)
        if not report.ok and plan.report.ok:
            raise RestoreRefused(
                f"the restored ledger would not verify ({report.problems[0]}); nothing was changed"
            )
    finally:
        conn.close()
    backup.fsync(staged)


def _event(
    plan: RestorePlan, accept_loss: int | str | None, force: bool, kept: Path
) -> dict[str, object]:
    """What the audit log keeps of a restore; `skipped_*` are the gaps `ledger verify` allows."""
    digest = hashlib.sha256()
    with open(plan.backup, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    serials, seqs = plan.skipped_serials, plan.skipped_seqs
    return {
        "backup": str(plan.backup),
        "backup_sha256": digest.hexdigest(),
        "backup_taken_at": plan.taken_at,
        "backup_last_change": plan.in_backup.last_change,
        "current": "readable" if plan.current is not None else plan.current_problem,
        "kept": kept.name,
        "lost_count": len(plan.lost),
        "lost": [{"serial": o.serial, "code": o.code, "kind": o.kind} for o in plan.lost][:LISTED],
        "accepted_loss": accept_loss,
        "unpaid_dropped": plan.unpaid_dropped,
        "forced": force,
        "margin": plan.margin,
        "sources": list(plan.sources),
        "next_serial": plan.next_serial,
        "next_seq": plan.next_seq,
        "skipped_serials": list(serials) if serials else [],
        "skipped_seqs": list(seqs) if seqs else [],
    }
