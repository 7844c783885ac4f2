"""`diandian accounts add|list`: the staff accounts that open the kiosk's staff screens.

The touchscreen's hidden gesture asks for one of these accounts' PIN; until one exists the
gesture only says how to create it, so no kiosk ships with a default PIN.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from kiosk.commands.common import add_db_argument, open_ledger


def register(commands: Any) -> None:
    from kiosk.accounts import PIN_RULE

    parser = commands.add_parser(
        "accounts",
        help="add or list cashier and admin accounts",
        description="Staff accounts: a name, a role (cashier or admin) and a PIN of "
        f"{PIN_RULE}, stored as a salted scrypt hash in the ledger.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="create an account",
        description="Create a staff account. The PIN is asked twice on the terminal without "
        "echo, or read from the first line of standard input with --pin-stdin.",
    )
    add.add_argument("name", metavar="NAME", help="the name staff pick on the kiosk (1-32 chars)")
    add.add_argument("--role", choices=("cashier", "admin"), required=True, help="what it may do")
    add.add_argument(
        "--pin-stdin", action="store_true", help="read the PIN from standard input (scripts)"
    )
    add_db_argument(add)
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="list accounts", description="List the accounts.")
    add_db_argument(listing)
    listing.set_defaults(handler=run_list)


def _read_pin(args: argparse.Namespace) -> str:
    from kiosk.accounts import PIN_RULE
    from kiosk.errors import InputError

    if args.pin_stdin:
        return sys.stdin.readline().strip()
    first = getpass.getpass(f"PIN ({PIN_RULE}): ")
    if getpass.getpass("PIN again: ") != first:
        raise InputError("pin", "the two PINs differ")
    return first


def run_add(args: argparse.Namespace) -> int:
    from kiosk import accounts

    pin = accounts.check_pin_format(_read_pin(args))
    with open_ledger(args, create=True) as ledger:
        account = accounts.create(ledger, args.name, args.role, pin, actor="cli")
    print(f"created {account.role} account {account.name}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from kiosk import accounts

    with open_ledger(args) as ledger:
        for account in accounts.accounts(ledger):
            print(f"{account.name}\t{account.role}")
    return 0
