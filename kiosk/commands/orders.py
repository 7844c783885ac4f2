"""`diandian orders list|show`: what the ledger holds, for staff and scripts."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from kiosk.commands.common import add_db_argument, open_ledger
from kiosk.order_state import OrderState

if TYPE_CHECKING:
    from kiosk.ledger.orders import Order


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "orders",
        help="list or show the orders in the ledger",
        description="List the ledger's orders (newest first) or show one order in full.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help="newest orders first", description="List orders, newest first."
    )
    listing.add_argument(
        "--status", choices=[str(s) for s in OrderState], help="only orders in this state"
    )
    listing.add_argument("--limit", type=int, default=50, help="how many (default 50)")
    listing.add_argument("--json", action="store_true", help="one JSON array")
    add_db_argument(listing)
    listing.set_defaults(handler=run_list)
    show = actions.add_parser(
        "show",
        help="one order in full",
        description=(
            "Show one order by what the customer holds: the order code, the certificate number "
            "as printed (K4F6Z2M1Q-000002) or the certificate's QR link; or by id or serial."
        ),
    )
    show.add_argument(
        "ref", metavar="REF", help="order code, certificate number, certificate URL, id or serial"
    )
    show.add_argument("--json", action="store_true", help="one JSON object")
    add_db_argument(show)
    show.set_defaults(handler=run_show)


def run_list(args: argparse.Namespace) -> int:
    from kiosk.errors import InputError
    from kiosk.money import format_fen, format_grams

    if not 1 <= args.limit <= 10_000:
        raise InputError("--limit", "must be from 1 to 10000")
    with open_ledger(args, check=False) as ledger:
        orders = ledger.orders(status=args.status, limit=args.limit)
    if args.json:
        json.dump([o.as_dict() for o in orders], sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print(
        f"{'seq':>6}  {'code':6}  {'status':16}  {'created (UTC)':19}  {'offset':>12}  "
        f"{'amount':>10}  {'serial':>6}  project"
    )
    for o in orders:
        print(
            f"{o.seq:>6}  {o.code:6}  {o.status:16}  {o.created_at[:19]:19}  "
            f"{format_grams(o.offset_g):>12}  {format_fen(o.amount_fen):>10}  "
            f"{o.serial or '':>6}  {o.project_id}"
        )
    if not orders:
        print("(no orders)")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from kiosk.money import format_fen, format_grams
    from kiosk.order_lookup import find_order

    with open_ledger(args, check=False) as ledger:
        order = find_order(ledger, args.ref)
    if args.json:
        data = order.as_dict() | {
            "answers": order.answer_values(),
            "lines": order.breakdown(),
            "credit_ranges": [r.to_dict() for r in order.ranges()],
            "retirement": order.retirement() if order.serial is not None else None,
        }
        json.dump(data, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for key, value in order.as_dict().items():
        if key not in ("answers", "lines", "credit_ranges"):
            print(f"{key:>16}: {'' if value is None else value}")
    print(f"{'footprint':>16}: {format_grams(order.footprint_g)}")
    print(f"{'amount':>16}: {format_fen(order.amount_fen)}")
    for line in order.breakdown():
        print(f"{'':>16}  {line['activity']}: {line['quantity']} {line['unit']} = {line['g']} g")
    if order.serial is not None:
        _credit(order)
    return 0


def _credit(order: Order) -> None:
    """Which retired grams it holds (or that its retirement is pending), and where from."""
    ranges = order.ranges()
    print(f"{'retirement':>16}: {order.retirement()}")
    for item in ranges:
        print(f"{'credit':>16}: {item.label()}")
    for caption, values in (
        ("reference", [r.reference or "(demo: nothing retired)" for r in ranges]),
        ("beneficiary", [r.beneficiary for r in ranges if r.beneficiary]),
    ):
        for value in dict.fromkeys(values):
            print(f"{caption:>16}: {value}")
