"""`diandian registry phone-refunds`: the phone flow's orders whose money must go back, and
`phone-refund-done ORDER --reference REF`: the operator records one given back.

A payment the provider let through after the order's 15-minute hold, when the stock it held
was sold meanwhile, makes no sale: the order is marked `refund_due` (sync.registry.phone.orders).
The operator refunds it at the provider (by its transaction id) from this list, then records
it done with the provider's refund reference: the order becomes `refunded` (it leaves the
list; a late replay of its payment still changes nothing) and the audit names who did it.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from sync.commands.registry import _in_transaction


def register(action: Any) -> None:
    """Add the action to `diandian registry` (ACTION is its helper adding --db)."""
    refunds = action(
        "phone-refunds",
        "phone orders paid after their hold when the stock was gone: refund them at the"
        " provider (one line each: paid at, venue, amount, provider and transaction, order)",
        run_refunds,
    )
    refunds.add_argument("--json", action="store_true", help="one JSON array")
    done = action(
        "phone-refund-done",
        "record that a phone order's money was given back at its provider (audited; running"
        " it again with the same reference changes nothing)",
        run_refund_done,
    )
    done.add_argument("order", metavar="ORDER", help="the order id `phone-refunds` lists")
    done.add_argument(
        "--reference", required=True, help="the provider's refund reference (1-64 characters)"
    )
    done.add_argument(
        "--operator", help="who refunded it, for the audit (default: cli:SYSTEM-USER)"
    )


def run_refunds(args: argparse.Namespace) -> int:
    from kiosk import formats
    from sync.registry import phone_storage

    rows = _in_transaction(args, lambda conn: phone_storage.refunds_due(conn=conn))
    if args.json:
        keys = ("order_id", "venue_id", "project_id", "offset_g", "amount_fen", "provider",
                "provider_ref", "created_at", "expires_at", "paid_at")  # fmt: skip
        print(json.dumps([{k: getattr(r, k) for k in keys} for r in rows], ensure_ascii=False))
        return 0
    for r in rows:
        amount = formats.money(int(r.amount_fen), "en")
        mass = formats.mass(int(r.offset_g), "en")
        print(
            f"{(r.paid_at or '')[:19]}  {r.venue_id}  {amount}  {r.provider}:{r.provider_ref}"
            f"  order {r.order_id}  ({mass} of {r.project_id})"
        )
    if not rows:
        print("(no phone refunds due)")
    return 0


def run_refund_done(args: argparse.Namespace) -> int:
    from kiosk import formats
    from kiosk.timestamps import utc_now
    from sync.registry import audit
    from sync.registry.phone import orders

    operator = (args.operator or "").strip() or audit.cli_actor()

    def work(conn: Any) -> tuple[Any, bool]:
        return orders.record_refund(
            conn=conn,
            order_id=args.order,
            reference=args.reference,
            operator=operator,
            now=utc_now(),
        )

    order, changed = _in_transaction(args, work)
    amount = formats.money(order.amount_fen, "en")
    if changed:
        reference = " ".join(args.reference.split())
        print(f"order {order.order_id}: {amount} refunded at {order.provider} ({reference})")
    else:
        print(f"order {order.order_id}: already recorded refunded with this reference")
    return 0
