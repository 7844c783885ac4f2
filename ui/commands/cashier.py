"""`diandian cashier`: the cashier console for a counter PC on the kiosk's ledger (Qt is
imported only in the handler, so the rest of the CLI never loads it)."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.commands.common import add_db_argument, ledger_path


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "cashier",
        help="the cashier console: take payments, print slips, void, end-of-day report",
        description="Open the cashier console on this computer: sign in with a staff account "
        "and PIN, then take payments for the orders waiting at the counter (a barcode "
        "scanner types the order code), print or reprint slips, void paid orders with a "
        "reason, and make the end-of-day report. Admin accounts also get the kiosk's "
        "administration (enrolment, sync, backups, settings).",
    )
    add_db_argument(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.errors import DiandianError

    path = ledger_path(args)
    if not path.is_file():
        raise DiandianError(
            f"no ledger at {path}; give the kiosk's ledger with --db (the console never "
            "creates one)"
        )
    from ui.cashier.app import run_cashier

    return run_cashier(path)
