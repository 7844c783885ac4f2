"""`diandian ledger verify|backup|restore`: keep the ledger sound and safe."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from kiosk.commands.common import add_db_argument, ledger_path


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "ledger",
        help="verify, back up or restore the ledger",
        description="Check the ledger's integrity, back it up while the app runs, or restore it.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "verify",
        help="integrity check, audit chain, allocation sums",
        description="Check the SQLite file, the audit chain, every row against its last audited "
        "state, the allocation sums, serials and outbox. Exit 1 on any problem.",
    )
    add_db_argument(check)
    check.set_defaults(handler=run_verify)
    save = actions.add_parser(
        "backup",
        help="online backup, safe while the app runs",
        description="Copy the ledger with SQLite's online backup. DEST is a file, or a folder "
        "in which the newest --keep backups are kept.",
    )
    save.add_argument("dest", type=Path, metavar="DEST", help="backup file or folder")
    save.add_argument("--keep", type=int, default=7, help="backups kept in a folder (default 7)")
    add_db_argument(save)
    save.set_defaults(handler=run_backup)
    load = actions.add_parser(
        "restore",
        help="replace the ledger with a verified backup",
        description="Show what restoring SRC would do, then restore it over the ledger: the "
        "current ledger is kept beside it as *.before-restore-*.sqlite, and certificate serials "
        "and order numbers continue after the highest this kiosk is known to have issued, so "
        "none is ever used twice. Paid orders recorded after the backup are lost from this "
        "kiosk (they stay in the kept file): the restore is refused unless --accept-loss gives "
        "their number (or 'unknown' when the current ledger cannot show them all).",
    )
    load.add_argument("source", type=Path, metavar="SRC", help="backup file")
    load.add_argument("--force", action="store_true", help="restore even if SRC fails verify")
    load.add_argument(
        "--accept-loss",
        metavar="N|unknown",
        help="acknowledge that N paid orders (the number the plan shows), or an unknown number,"
        " will be lost",
    )
    add_db_argument(load)
    load.set_defaults(handler=run_restore)


def run_verify(args: argparse.Namespace) -> int:
    from kiosk.ledger import LedgerUnavailable, checkpoint, db
    from kiosk.ledger.verify import verify

    path = ledger_path(args)
    if not path.is_file():
        raise LedgerUnavailable(f"no ledger at {path}")
    conn = db.connect(path)  # as it is: no migration, no repair, so the report shows the file
    try:
        report = verify(conn)
    finally:
        conn.close()
    counts = ", ".join(f"{k} {v}" for k, v in report.counts.items())
    failing = checkpoint.last_failure(path)  # the kiosk app's checkpointer, another process
    if failing:
        print(f"warning: {failing}")
    if report.ok:
        print(f"ledger {path}: ok ({counts})")
        return 0
    print(f"ledger {path}: {len(report.problems)} problem(s)")
    for problem in report.problems:
        print(f"  - {problem}")
    return 1


def run_backup(args: argparse.Namespace) -> int:
    from kiosk.ledger.backup import backup

    result = backup(ledger_path(args), args.dest, keep=args.keep)
    print(f"backed up to {result.path}")
    for old in result.removed:
        print(f"removed old backup {old}")
    if not result.report.ok:
        print(f"warning: the ledger itself does not verify: {result.report.problems[0]}")
        return 1
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Shell access to the ledger's folder is already an administrator's: the actor recorded
    in the restore event is the system user."""
    import getpass

    from kiosk import admin
    from kiosk.accounts import Account
    from kiosk.errors import InputError

    given = args.accept_loss
    unknown = given == "unknown"
    if given is not None and not unknown and not (given.isascii() and given.isdigit()):
        allowed = "a number of paid orders (0 or more), or unknown"
        raise InputError("--accept-loss", f"{given!r} is not allowed; allowed: {allowed}")
    accept_loss = int(given) if given is not None and not unknown else None
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid())
    account = Account(f"{user} (shell)", "admin")
    path = ledger_path(args)
    plan = admin.restore_plan(args.source, path, account)
    print("\n".join(plan.lines()), flush=True)
    result = admin.restore_backup(
        args.source,
        path,
        account,
        accept_loss=accept_loss,
        accept_unknown_loss=unknown,
        force=args.force,
    )
    if result.kept:
        print(f"kept the previous ledger as {result.kept}")
    print(
        f"restored {args.source} into {path}; the next certificate serial is "
        f"{result.plan.next_serial}, the next order seq {result.plan.next_seq}"
    )
    if result.replaced:
        print("the damaged file was moved aside: restart any program that had it open")
    if not result.report.ok:
        print(f"warning: the restored ledger does not verify: {result.report.problems[0]}")
        return 1
    return 0
