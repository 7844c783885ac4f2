"""Helpers shared by the subcommands that touch a ledger."""

from __future__ import annotations

import argparse
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: `diandian footprint` starts without it
    from typing import Any


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="the ledger file (default: ledger.sqlite in the user's data directory, "
        "or in $DIANDIAN_HOME)",
    )


def ledger_path(args: argparse.Namespace) -> Path:
    from kiosk.paths import default_ledger

    return args.db or default_ledger()


def open_ledger(args: argparse.Namespace, *, create: bool = False, check: bool = True) -> Any:
    """`check=False` skips the whole-file quick_check: fine for reading a page of orders."""
    from kiosk.ledger import Ledger

    return Ledger.open(ledger_path(args), create=create, check=check)
