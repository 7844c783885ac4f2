"""`diandian ledger verify|backup|restore`: keep the ledger sound and safe."""

from __future__ import annotations

import argparse
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
        description="Restore a backup over the ledger after verifying it; the current ledger is "
        "kept beside it as *.before-restore-*.sqlite.",
    )
    load.add_argument("source", type=Path, metavar="SRC", help="backup file")
    load.add_argument("--force", action="store_true", help="restore even if SRC fails verify")
    add_db_argument(load)
    load.set_defaults(handler=run_restore)


def run_verify(args: argparse.Namespace) -> int:
    from kiosk.ledger import LedgerUnavailable, db
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
    from kiosk.ledger.backup import restore

    path = ledger_path(args)
    kept, report = restore(args.source, path, force=args.force)
    if kept:
        print(f"kept the previous ledger as {kept}")
    print(f"restored {args.source} into {path}")
    return 0 if report.ok else 1
