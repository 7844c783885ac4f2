"""`diandian simulate`: simulated customers through the real core, for tests and benchmarks."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.commands.common import add_db_argument, open_ledger


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "simulate",
        help="run simulated customer purchases against a ledger",
        description="Run N simulated customers (random scenarios, projects, payment methods, "
        "a few voids and walk-aways) through the same core calls the app makes. A new ledger "
        "gets the demo catalogue with allocations large enough for N.",
    )
    parser.add_argument("--orders", type=int, required=True, metavar="N", help="customers to run")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--venue", help="venue id (default: the demo venue)")
    add_db_argument(parser)
    # supervised: a SIGBUS (the ledger's -shm file cut short under it) is reported, see
    # kiosk/shm_guard.py, instead of ending the run silently
    parser.set_defaults(handler=run, supervised=True)


def run(args: argparse.Namespace) -> int:
    from kiosk.errors import InputError
    from kiosk.simulate import simulate
    from kiosk.venues import get_venue

    if not 1 <= args.orders <= 10_000_000:
        raise InputError("--orders", "must be from 1 to 10000000")
    venue = get_venue(args.venue)
    with open_ledger(args, create=True) as ledger:
        outcomes = simulate(ledger, orders=args.orders, seed=args.seed, venue=venue)
    details = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()) if k != "paid")
    print(f"{outcomes['paid']} paid of {args.orders} ({details})")
    return 0
