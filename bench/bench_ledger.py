"""Ledger benchmark: latency of one whole paid order, against a bare commit; size and listing
speed of a 100,000-order ledger.

Run: `.venv/bin/python bench/bench_ledger.py [--orders 100000]` (part of `make bench`).
Goals (issue 3): a paid order (draft → place → pay, with serial, outbox and audit rows) at p99
under 3 ms with synchronous=FULL and within 5x a bare one-row commit at p50; `orders list` of
the newest 50 on a 100,000-order ledger under 200 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kiosk.catalogue import load_demo_catalogue
from kiosk.footprint import compute
from kiosk.ledger import Ledger, db
from kiosk.ledger.checkpoint import Checkpointer
from kiosk.simulate import simulate
from kiosk.venues import get_venue


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def bare_commits(folder: Path, count: int) -> list[float]:
    """One INSERT + COMMIT per sample, on a table with the ledger's pragmas."""
    conn = db.connect(folder / "bare.sqlite")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    times = []
    for i in range(count):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (v) VALUES (?)", (f"row {i}",))
        conn.execute("COMMIT")
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return times


def paid_orders(folder: Path, count: int, *, separate_draft: bool) -> list[float]:
    """The kiosk's path: the order screen opens the order (draft + place, one transaction),
    the cashier pays it (one transaction). `separate_draft` adds a third: draft, then place."""
    footprint = compute("trip", {"origin": "Beijing", "mode": "flight", "nights": "2"})
    times = []
    path = folder / f"orders-{separate_draft}.sqlite"
    with Ledger.open(path) as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        grams = count * footprint.total_grams  # and as many grams of (invented) retired serials
        ledger.set_allocation("demo-wetland", grams, actor="bench")
        ledger.grant_demo_serials("demo-wetland", grams, actor="bench")
        checkpointer = Checkpointer(path)  # as the app runs it: checkpoints off the sale path
        checkpointer.start()
        for _ in range(count):
            start = time.perf_counter()
            if separate_draft:
                order = ledger.place(ledger.create_draft(footprint, project_id="demo-wetland").id)
            else:
                order = ledger.open_order(footprint, project_id="demo-wetland")
            ledger.pay(order.id, method="cash", cashier="bench")
            times.append((time.perf_counter() - start) * 1000)
        checkpointer.stop()
    return times


def big_ledger(folder: Path, orders: int) -> dict[str, float]:
    path = folder / "big.sqlite"
    start = time.perf_counter()
    with Ledger.open(path) as ledger:
        outcomes = simulate(ledger, orders=orders, seed=1, venue=get_venue())
    fill_s = time.perf_counter() - start
    conn = db.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = sum(p.stat().st_size for p in folder.glob("big.sqlite*"))
    start = time.perf_counter()
    with Ledger.open(path, create=False) as ledger:  # with the quick_check the app runs
        open_checked_s = time.perf_counter() - start
        samples = []
        for _ in range(20):
            start = time.perf_counter()
            ledger.orders(limit=50)
            samples.append((time.perf_counter() - start) * 1000)
    exe = str(Path(sys.executable).parent / "diandian")
    cli = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([exe, "orders", "list", "--db", str(path)], check=True, capture_output=True)
        cli.append((time.perf_counter() - start) * 1000)
    return {
        "orders": orders,
        "paid": outcomes["paid"],
        "fill_seconds": round(fill_s, 1),
        "bytes": size,
        "bytes_per_order": round(size / orders),
        "open_with_quick_check_s": round(open_checked_s, 2),
        "list_newest_50_in_process_ms_median": round(statistics.median(samples), 2),
        "orders_list_cli_ms_median": round(statistics.median(cli[2:]), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--orders", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        folder = Path(tmp)
        bare = bare_commits(folder, args.samples)
        paid = paid_orders(folder, args.samples, separate_draft=False)
        three = paid_orders(folder, args.samples, separate_draft=True)
        results = {
            "bare_commit_ms_p50": round(statistics.median(bare), 3),
            "bare_commit_ms_p99": round(percentile(bare, 0.99), 3),
            "paid_order_ms_p50": round(statistics.median(paid), 3),
            "paid_order_ms_p99": round(percentile(paid, 0.99), 3),
            "paid_order_3_transactions_ms_p50": round(statistics.median(three), 3),
            "paid_order_3_transactions_ms_p99": round(percentile(three, 0.99), 3),
        }
        results["paid_p50_over_bare_p50"] = round(
            results["paid_order_ms_p50"] / results["bare_commit_ms_p50"], 2
        )
        print(json.dumps(results, indent=2), flush=True)
        print(json.dumps(big_ledger(folder, args.orders), indent=2))


if __name__ == "__main__":
    main()
