"""A till that sells in a loop, for the crash and concurrency tests (run as a separate process).

    python crash_worker.py LEDGER [--count N] [--project ID] [--offset G] [--pause S]
                           [--wait-go] [--step]

Protocol on stdout, one flushed line per event, each written only AFTER the ledger call returned:
    OPENING                      about to call Ledger.open
    READY <kiosk_id>             open (and the demo catalogue loaded on a new ledger)
    PAID <order_id> <serial>     `pay` returned: the order is on disk
    SOLDOUT <order_id>           `place` refused the order: not enough allocation left
    DONE                         --count orders attempted
With --wait-go it reads one line from stdin after READY before selling, so two workers start
together; with --step it reads one before every order, so a test sets the rounds in which two
workers sell against each other; --pause is the customer's time between draft, place and pay.
Any other error propagates: a traceback on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time


def say(*words: object) -> None:
    print(*words, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("ledger")
    parser.add_argument("--count", type=int, default=0, help="orders to attempt; 0 = forever")
    parser.add_argument("--project", help="sell only this project (default: take turns)")
    parser.add_argument("--offset", type=int, help="grams per order (default: varies)")
    parser.add_argument("--pause", type=float, default=0.0, help="seconds between steps")
    parser.add_argument("--wait-go", action="store_true")
    parser.add_argument("--step", action="store_true", help="read a line before each order")
    args = parser.parse_args()

    from kiosk.catalogue import load_demo_catalogue
    from kiosk.footprint import compute
    from kiosk.ledger import Ledger, SoldOut

    footprint = compute("trip", {"origin": "Beijing", "mode": "flight"})
    say("OPENING")
    ledger = Ledger.open(args.ledger)
    if not ledger.stock():
        ledger.load_catalogue(load_demo_catalogue())
    projects = [args.project] if args.project else [s.project.id for s in ledger.stock()]
    say("READY", ledger.kiosk_id)
    if args.wait_go:
        sys.stdin.readline()

    attempts = range(args.count) if args.count else itertools.count()
    for n in attempts:
        if args.step:
            sys.stdin.readline()
        offset = args.offset or 100 + (n * 137) % 900
        order = ledger.create_draft(
            footprint, project_id=projects[n % len(projects)], offset_g=offset
        )
        time.sleep(args.pause)
        try:
            ledger.place(order.id)
        except SoldOut:
            say("SOLDOUT", order.id)
            continue
        time.sleep(args.pause)
        paid = ledger.pay(order.id, method="cash", cashier=f"till-{n % 3}")
        say("PAID", paid.id, paid.serial)
    say("DONE")
    ledger.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
