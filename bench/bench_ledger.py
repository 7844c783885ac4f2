"""Ledger benchmark: latency of one whole paid order against a bare FULL commit; bytes an
order; start-up on a big ledger (the goal's 1,000,000 orders with `--big 1000000`; 100,000 by
default, so `make bench` stays bounded: 1,000,000 orders make 3.5 GB, built in 2.5 minutes
on a quiet machine)
against an empty one; listing speed.

Run: `.venv/bin/python bench/bench_ledger.py [--orders 3000] [--big 1000000] [--start-up-only]
[--latency-only] [--size-only]`
(part of `make bench`). Goals (issues 3 and 19): a paid order (draft → place → pay, with
serial, outbox and audit rows) at p99 under 3 ms with synchronous=FULL and at p50 within 3 × a
bare one-row FULL commit; at most 3 KB of ledger a paid order (printed with its baseline:
the same orders' canonical JSON, each once, in a bare table); the kiosk's start (its ledger
opened and checked, the start-up work of kiosk.checkout.prepare, the factor table read) and
`diandian sync`'s start (process start to the first request) on a 1,000,000-order ledger
within 10 % of an empty ledger's; `orders list` of the newest 50 (here on the big ledger)
under 200 ms.

The big ledger is made fast: --seed orders simulated through the real Ledger, then
their orders, audit rows and outbox entries copied with SQL under new ids until there are
--big orders (rows of the same shapes and sizes; the copies' audit hashes are not a chain, which
no start-up reads). It is cached in $TMPDIR/diandian-bench/ between runs, under a name that
changes with the ledger's schema and audit code.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path

from kiosk import checkout
from kiosk.catalogue import load_demo_catalogue
from kiosk.certificate import keys
from kiosk.footprint import compute
from kiosk.ledger import Ledger, audit, db, syncstate
from kiosk.ledger.checkpoint import Checkpointer
from kiosk.ledger.orders import Order
from kiosk.simulate import simulate
from kiosk.timestamps import utc_now
from kiosk.venues import get_venue

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(tempfile.gettempdir()) / "diandian-bench"


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


GOAL_BYTES_PER_PAID_ORDER = 3_000  # issue 19 section 3


def _file_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(f"{path.name}*"))


def bare_size(folder: Path, texts: list[str], page_size: int) -> int:
    """The baseline: the same texts, each once, in a bare table (no index, no other column),
    the ledger's page size and pragmas, WAL checkpointed; the file's bytes."""
    path = folder / "bare-size.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA page_size = {page_size}")
    conn.close()
    conn = db.connect(path)
    conn.execute("CREATE TABLE t (v TEXT)")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO t (v) VALUES (?)", [(t,) for t in texts])
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return _file_bytes(path)


def size_of_orders(folder: Path, orders: int) -> dict[str, object]:
    """Simulated customers through the real Ledger, synchronous=FULL as sold (paid, a few
    voided or walked away): the file's bytes a paid order, WAL checkpointed, against the
    baseline of the paid orders' canonical JSON (as pushed), each once, in a bare table."""
    path = folder / "sized.sqlite"
    with Ledger.open(path) as ledger:
        outcomes = simulate(ledger, orders=orders, seed=1, venue=get_venue())
        paid = ledger.conn.execute("SELECT * FROM orders WHERE status = 'paid'").fetchall()
        texts = [audit.canonical(Order.from_row(row).as_dict()) for row in paid]
    conn = db.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    tables = conn.execute(
        "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
    ).fetchall()
    conn.close()
    size = _file_bytes(path)
    if len(texts) != outcomes["paid"]:
        raise RuntimeError(f"{len(texts)} paid orders in the ledger, {outcomes['paid']} simulated")
    per_paid = size / len(texts)
    bare_per_paid = bare_size(folder, texts, page_size) / len(texts)
    return {
        "orders": orders,
        "paid": len(texts),
        "bytes_per_order": round(size / orders),
        "bytes_per_paid_order": round(per_paid),
        "bare_bytes_per_paid_order": round(bare_per_paid),  # its canonical JSON, bare table
        "paid_order_over_bare": round(per_paid / bare_per_paid, 2),
        "goal_bytes_per_paid_order": GOAL_BYTES_PER_PAID_ORDER,
        "goal_met": per_paid <= GOAL_BYTES_PER_PAID_ORDER,
        "tables_bytes_per_paid_order": {  # dbstat: each table's and index's pages
            **{name: round(b / len(texts)) for name, b in tables if b >= 10 * len(texts)},
            "the rest": round(sum(b for _, b in tables if b < 10 * len(texts)) / len(texts)),
        },
    }


def listing(path: Path) -> dict[str, float]:
    """The newest 50 orders, in process and as `diandian orders list` (a whole process)."""
    samples = []
    with Ledger.open(path, create=False, check=False) as ledger:
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
        "list_newest_50_in_process_ms_median": round(statistics.median(samples), 2),
        "orders_list_cli_ms_median": round(statistics.median(cli[2:]), 1),
    }


def _format_key() -> str:
    """Changes whenever the ledger's schema or its audit rows change (what the copies hold)."""
    digest = hashlib.sha256()
    for name in ("migrations.py", "schema.py", "audit.py", "audit_codec.py"):
        digest.update((ROOT / "kiosk" / "ledger" / name).read_bytes())
    return digest.hexdigest()[:12]


def _seed(path: Path, orders: int) -> None:
    """A real ledger of `orders` simulated customers (written unsynced: building only)."""
    with Ledger.open(path) as ledger:
        ledger.conn.execute("PRAGMA synchronous = OFF")
        simulate(ledger, orders=orders, seed=7, venue=get_venue())
        ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _copies(conn: sqlite3.Connection, table: str, mapped: dict[str, str], where: str = "") -> str:
    columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    keep = [c for c in columns if not (table == "outbox" and c == "id")]
    values = ", ".join(mapped.get(c, c) for c in keep)
    return f"INSERT INTO {table} ({', '.join(keep)}) SELECT {values} FROM {table}, k {where}"


def big_ledger(orders: int, seed: int = 1000) -> Path:
    """A ledger of `orders` orders, copied from `seed` simulated ones (cached, see above)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"ledger-{orders}-{seed}-{_format_key()}.sqlite"
    if path.exists():
        return path
    building = path.with_name(path.name + ".building")
    for leftover in CACHE.glob(f"{building.name}*"):
        leftover.unlink()
    _seed(building, seed)
    conn = sqlite3.connect(building, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA foreign_keys = OFF")
    top_seq, top_serial, top_audit, count = conn.execute(
        "SELECT max(seq), coalesce(max(serial), 0), (SELECT max(id) FROM audit), count(*)"
        " FROM orders"
    ).fetchone()
    copies = -(-orders // count)
    new_id = "printf('%08x', k.n) || substr({0}, 9)"
    conn.execute("BEGIN")
    conn.execute("CREATE TEMP TABLE k (n INTEGER PRIMARY KEY)")
    conn.executemany("INSERT INTO k VALUES (?)", [(n,) for n in range(1, copies)])
    conn.execute(
        _copies(
            conn,
            "orders",
            {
                "id": new_id.format("id"),
                "seq": f"seq + k.n * {top_seq}",
                "code": f"printf('Z%09d', seq + k.n * {top_seq})",
                "serial": f"serial + k.n * {top_serial}",
            },
        )
    )
    conn.execute(
        _copies(
            conn,
            "audit",
            {
                "id": f"id + k.n * {top_audit}",
                "entity_id": f"CASE entity WHEN 'order' THEN {new_id.format('entity_id')}"
                " ELSE entity_id END",
                # unique, of the same size: 32 bytes since 0021, 64 hex characters before
                "hash": "CASE typeof(hash) WHEN 'blob'"
                " THEN CAST(substr(hash, 1, 28) || printf('%04x', k.n) AS BLOB)"
                " ELSE substr(hash, 1, 56) || printf('%08x', k.n) END",
                "prev_hash": "CASE prev_hash WHEN '' THEN ''"  # "" since 0020
                " ELSE substr(prev_hash, 1, 56) || printf('%08x', k.n) END",
            },
            "WHERE audit.entity IN ('order', 'allocation')",
        )
    )
    conn.execute(_copies(conn, "outbox", {"order_id": new_id.format("order_id")}))
    conn.execute(
        "UPDATE counters SET value = (SELECT max(seq) FROM orders) WHERE name = 'order_seq'"
    )
    conn.execute(
        "UPDATE counters SET value = (SELECT max(serial) FROM orders) WHERE name = 'serial'"
    )
    conn.execute("UPDATE outbox SET acked_at = created_at WHERE acked_at IS NULL")  # synced
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    building.rename(path)
    return path


def _alternating_ms(works: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """The median ms of each work, the works run in turn (order flipped every round) so that a
    slow minute of this shared machine, or the disk's fdatasync jitter, falls on all alike."""
    for work in works.values():
        work()  # warm the page cache and the imports
    times: dict[str, list[float]] = {name: [] for name in works}
    for n in range(runs):
        for name in list(works) if n % 2 == 0 else reversed(list(works)):
            start = time.perf_counter()
            works[name]()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def kiosk_start(path: Path) -> None:
    """What the kiosk does with its ledger before the first customer (ui/flow.py `prepare`):
    open it (with the start-up integrity check), checkout.prepare, the factor table."""
    with Ledger.open(path, create=False, check=True) as ledger:
        checkout.prepare(ledger)
        checkout.factors(ledger)


def sync_start(path: Path) -> None:
    """`diandian sync` until its first request: the registry's port is closed and the time
    budget tiny, so the job stops (exit 69) at its first attempt."""
    exe = str(Path(sys.executable).parent / "diandian")
    result = subprocess.run(
        [exe, "sync", "--db", str(path), "--budget", "0.001"], capture_output=True, text=True
    )
    if result.returncode != 69:
        raise RuntimeError(f"diandian sync: {result.returncode} {result.stderr}")


def _enrolled(path: Path) -> None:
    """Enrolled at a registry whose port is closed (nothing listens on 127.0.0.1:9)."""
    with Ledger.open(path, create=True) as ledger:
        syncstate.set_settings(
            ledger,
            {"registry_url": "http://127.0.0.1:9", "enrolled_kiosk": ledger.kiosk_id},
        )


def start_up(folder: Path, orders: int) -> dict[str, float]:
    big = big_ledger(orders)
    work = folder / "big-copy.sqlite"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{big}{suffix}").exists():
            os.link(f"{big}{suffix}", f"{work}{suffix}")  # no copy: nothing writes much
    cached_key, work_key = keys.key_path_for(big), keys.key_path_for(work)
    if cached_key.exists():  # the kiosk's signing key, registered in the ledger at first start
        shutil.copy2(cached_key, work_key)
    empty = folder / "empty.sqlite"
    figures: dict[str, float] = {"orders": orders}
    paths = {"big": work, "empty": empty}
    for path in paths.values():
        _enrolled(path)
    for what, opening, runs in (("kiosk", kiosk_start, 51), ("sync", sync_start, 9)):
        medians = _alternating_ms({n: partial(opening, p) for n, p in paths.items()}, runs)
        for name, ms in medians.items():
            figures[f"{what}_start_ms_{name}"] = round(ms, 2)
        figures[f"{what}_start_big_over_empty"] = round(medians["big"] / medians["empty"], 3)
    if not cached_key.exists():
        shutil.copy2(work_key, cached_key)
    # The daily check due (the last that passed is a day old): the start leaves it to a thread
    # beside the sales (kiosk/ledger/sessions.py); its time is the check's, not the start's.
    tomorrow = utc_now() + timedelta(hours=25)
    start = time.perf_counter()
    with Ledger.open(work, create=False, check=True, clock=lambda: tomorrow) as ledger:
        checkout.prepare(ledger)
        checkout.factors(ledger)
        figures["kiosk_start_ms_big_daily_due"] = round((time.perf_counter() - start) * 1000, 1)
        check = ledger.deferred_check()
        assert check is not None, "the daily check was not left for later"
        start = time.perf_counter()
        check()
        figures["daily_check_beside_sales_s_big"] = round(time.perf_counter() - start, 2)
    # A start with the whole-file check due before selling (after an unclean end; here: no
    # record, as on a ledger never checked).
    Path(f"{work}.session").unlink(missing_ok=True)
    start = time.perf_counter()
    kiosk_start(work)
    figures["kiosk_start_ms_big_check_due"] = round((time.perf_counter() - start) * 1000, 1)
    conn = db.connect(work, read_only=True)
    start = time.perf_counter()
    conn.execute("PRAGMA quick_check").fetchone()
    figures["full_quick_check_s_big"] = round(time.perf_counter() - start, 2)
    conn.close()
    figures.update(listing(work))
    figures["bytes_per_order_big"] = round(
        sum(Path(f"{big}{s}").stat().st_size for s in ("", "-wal") if Path(f"{big}{s}").exists())
        / orders
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--orders", type=int, default=3000, help="simulated, for the size")
    parser.add_argument(
        "--big", type=int, default=100_000, help="orders in the big ledger (the goal: 1000000)"
    )
    parser.add_argument("--start-up-only", action="store_true")
    parser.add_argument(
        "--latency-only", action="store_true", help="the bare commit and the paid order only"
    )
    parser.add_argument("--size-only", action="store_true", help="the bytes a paid order only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        folder = Path(tmp)
        if args.start_up_only:
            print(json.dumps(start_up(folder, args.big), indent=2))
            return
        if args.size_only:
            print(json.dumps(size_of_orders(folder, args.orders), indent=2))
            return
        bare = bare_commits(folder, args.samples)
        paid = paid_orders(folder, args.samples, separate_draft=False)
        results = {
            "bare_commit_ms_p50": round(statistics.median(bare), 3),
            "bare_commit_ms_p99": round(percentile(bare, 0.99), 3),
            "paid_order_ms_p50": round(statistics.median(paid), 3),
            "paid_order_ms_p99": round(percentile(paid, 0.99), 3),
        }
        results["paid_p50_over_bare_p50"] = round(
            results["paid_order_ms_p50"] / results["bare_commit_ms_p50"], 2
        )
        if args.latency_only:
            print(json.dumps(results, indent=2))
            return
        three = paid_orders(folder, args.samples, separate_draft=True)
        results["paid_order_3_transactions_ms_p50"] = round(statistics.median(three), 3)
        results["paid_order_3_transactions_ms_p99"] = round(percentile(three, 0.99), 3)
        print(json.dumps(results, indent=2), flush=True)
        print(json.dumps(size_of_orders(folder, args.orders), indent=2), flush=True)
        print(json.dumps(start_up(folder, args.big), indent=2))


if __name__ == "__main__":
    main()
