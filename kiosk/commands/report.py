"""`diandian report`: the end-of-day report for a date, unattended (PDF for the till, CSV)."""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.commands.common import add_db_argument, open_ledger


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "report",
        help="end-of-day report for a date (PDF for the till, CSV for accounting)",
        description="Payments, grams offset, amounts by payment method and by project, and "
        "voids for one business day (China time, UTC+8). Prints the summary; --pdf and --csv "
        "also write it.",
    )
    parser.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the business day")
    parser.add_argument("--pdf", type=Path, metavar="FILE", help="write an 80 mm till PDF")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="write a CSV for accounting")
    add_db_argument(parser)
    parser.set_defaults(handler=run)


def _write(path: Path, data: bytes) -> None:
    """Atomically: a report half written is worse than none."""
    fd, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(partial, path)


def run(args: argparse.Namespace) -> int:
    from kiosk import report

    day = report.parse_day(args.date)
    with open_ledger(args, check=False) as ledger:
        summary = report.build(ledger, day)
        closed = _close(ledger, day) if args.pdf else None
    for label, value in report.lines(summary):
        print(f"{label:<32} {value}")
    if args.csv:
        _write(args.csv, report.to_csv(summary).encode("utf-8"))
        print(f"wrote {args.csv}")
    if args.pdf:
        _write(args.pdf, report.to_pdf(summary))
        print(f"wrote {args.pdf}")
    if closed is not None:
        print(f"closed {closed.day} (revision {closed.revision}): its summary goes out next sync")
    return 0


def _close(ledger: Any, day: date) -> Any:
    """Printing the till's end-of-day report closes the day (kiosk.day_close), once it has
    begun: its signed summary is queued for the registry."""
    from kiosk.day_close import close_day_signed

    return close_day_signed(ledger, day, "report")
