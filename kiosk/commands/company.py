"""`diandian company check CODE`: is this a valid unified social credit code?

The same check (kiosk.uscc) the kiosk's keyboard, the phone form and the registry run, so an
operator can test a code a customer read out before looking for a typo anywhere else.
"""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "company",
        help="check a company's unified social credit code (统一社会信用代码)",
        description="Company details for invoices (发票).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="print the normalised code, or say what is wrong with it (exit 2)",
        description="Check an 18-character unified social credit code (GB 32100-2015): its "
        "length, its characters (digits and capitals except I, O, S, V, Z) and its check "
        "character. Prints the normalised code (capitals, no spaces) and exits 0; exits 2 "
        "with one line naming what is wrong.",
        epilog="example: diandian company check '91110000 600037341L'",
    )
    check.add_argument("code", metavar="CODE", help="the code as written (spaces are ignored)")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from kiosk.uscc import check

    print(check(args.code))
    return 0
