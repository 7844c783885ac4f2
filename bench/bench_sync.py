"""`diandian sync` end to end: a kiosk ledger's queued sales pushed to a real registry, against
a raw executemany of the same rows into the registry's tables.

`.venv/bin/python bench/bench_sync.py [--orders 10000 100000] [--skip-postgres] [--repeat 3]`

The kiosk ledger is made with the real Ledger (open_order + pay per sale, retire-first ranges
drawn; written with synchronous=OFF to build it fast, which the timed part does not use), once
per bench process as a template for the largest count and copied for each run. Each run: a
fresh registry (`diandian registry serve`, SQLite file, then a throwaway PostgreSQL 15 cluster),
the copy enrolled there and its allocations pulled, then the timed command: `diandian sync
--db COPY` as a subprocess (process start, push of the first N sales in batches of 500, the
pulls), wall time. The baseline, measured right after in the same run: the purchases and
purchase_ranges rows the registry stored, inserted into a fresh database of the same kind
with one executemany per table per 500 sales, one transaction each (as the push commits per
batch). Goals (issue 19): ≥ 20,000 orders/s on SQLite, ≥ 15,000 on PostgreSQL, within 5 × the
raw insert, and the time per order at 100k within 10 % of that at 10k. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_registry import prepare  # noqa: E402

from kiosk.certificate.issue import kiosk_key  # noqa: E402
from kiosk.footprint import compute  # noqa: E402
from kiosk.ledger import Ledger  # noqa: E402
from sync import protocol  # noqa: E402
from sync.client import Backoff, RegistryClient  # noqa: E402
from sync.registry import migrations, operations  # noqa: E402
from sync.registry.db import make_engine  # noqa: E402
from sync.registry.tables import purchase_ranges, purchases  # noqa: E402
from tests.sync.registry import pg  # noqa: E402
from tests.sync.registry.helpers import PROJECT  # noqa: E402
from tests.sync.registry.served import serve  # noqa: E402

BIN = str(Path(sys.executable).parent / "diandian")
LEDGER_FILES = ("", "-wal", "-shm")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([BIN, *args], capture_output=True, text=True, env=os.environ.copy())
    if result.returncode != 0:
        raise RuntimeError(f"diandian {' '.join(args)}: {result.stdout}{result.stderr}")
    return result


def enrol(base: str, db_url: str, ledger: Path) -> None:
    """Enrol the kiosk at this registry (the real command) and pull its allocations once, so
    the registry grants it the retired serials its sales draw from."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        token = operations.new_enrol_token(conn=conn, name="bench")
    engine.dispose()
    run_cli("enroll", "--registry", base, "--token", token, "--db", str(ledger))
    with Ledger.open(ledger, create=False, check=False) as opened:
        kiosk_id, key = opened.kiosk_id, kiosk_key(opened)
    with RegistryClient(base, kiosk_id=kiosk_id, key=key, backoff=Backoff(30)) as client:
        client.get(protocol.ALLOCATIONS)


def template(folder: Path, orders: int) -> Path:
    """A ledger holding `orders` paid sales, queued, drawn from the registry's grants."""
    path = folder / "template.sqlite"
    db_url = f"sqlite:///{folder}/template-registry.sqlite"
    prepare(db_url)
    with serve(db_url, "--headroom-t", "500") as base:
        Ledger.open(path).close()
        enrol(base, db_url, path)
        run_cli("sync", "--db", str(path))  # the catalogue and the grants
    footprint = compute("meal", {"mixed_meals": "2"})
    started = time.perf_counter()
    with Ledger.open(path, create=False) as ledger:
        ledger.conn.execute("PRAGMA synchronous = OFF")  # building only; never timed
        for i in range(orders):
            order = ledger.open_order(footprint, project_id=PROJECT, offset_g=1_000 + i % 5_000)
            ledger.pay(order.id, method="cash", cashier="bench")
        ledger.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"template of {orders} sales built in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)  # fmt: skip
    return path


def copy_ledger(source: Path, target: Path, orders: int) -> None:
    """The template's files, with only the first `orders` entries queued."""
    for suffix in (*LEDGER_FILES, ".session"):  # an earlier run's copy, if any
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    for suffix in LEDGER_FILES:
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    # the key file is shared: every copy sits in the template's folder
    with Ledger.open(target, create=False, check=False) as ledger, ledger.transaction():
        ledger.conn.execute(  # the rest count as sent long ago
            "UPDATE outbox SET acked_at = '2020-01-01T00:00:00.000Z' WHERE id > ?", (orders,)
        )


def stored_rows(db_url: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Any]]:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(purchases).order_by(purchases.c.id))]
        ranges = [dict(r._mapping) for r in conn.execute(select(purchase_ranges))]
        setup = [dict(r._mapping) for r in conn.exec_driver_sql("SELECT * FROM kiosks")]
        grants = [dict(r._mapping) for r in conn.exec_driver_sql("SELECT * FROM grants")]
        blocks = [dict(r._mapping) for r in conn.exec_driver_sql("SELECT * FROM retired_blocks")]
    engine.dispose()
    return rows, ranges, [setup, blocks, grants]


def one_run(source: Path, folder: Path, db_url: str, raw_url: str, orders: int) -> dict:
    ledger = folder / f"kiosk-{orders}.sqlite"
    copy_ledger(source, ledger, orders)
    prepare(db_url)
    with serve(db_url, "--headroom-t", "500") as base:
        enrol(base, db_url, ledger)
        before = _children_cpu()
        started = time.perf_counter()
        output = run_cli("sync", "--db", str(ledger)).stdout
        elapsed = time.perf_counter() - started
        client_cpu = _children_cpu() - before
    if f"pushed {orders} ({orders} accepted" not in output:
        raise RuntimeError(f"the push did not take every sale: {output}")
    rows, ranges, (kiosks, blocks, grants) = stored_rows(db_url)
    raw_s = raw_insert(raw_url, rows, ranges, kiosks, blocks, grants)
    return {
        "orders": orders,
        "sync_seconds": round(elapsed, 2),
        "orders_per_s": round(orders / elapsed),
        "raw_insert_seconds": round(raw_s, 3),
        "raw_orders_per_s": round(orders / raw_s),
        "sync_over_raw": round(elapsed / raw_s, 2),
        "sync_client_cpu_seconds": round(client_cpu, 2),  # the `diandian sync` process alone
    }


def _children_cpu() -> float:
    """User + system seconds of the child processes waited for so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def raw_insert(
    db_url: str,
    rows: list[dict[str, Any]],
    ranges: list[dict[str, Any]],
    kiosks: list[dict[str, Any]],
    blocks: list[dict[str, Any]],
    grants: list[dict[str, Any]],
) -> float:
    from sync.registry.tables import grants as grants_table
    from sync.registry.tables import kiosks as kiosks_table
    from sync.registry.tables import retired_blocks

    """Seconds to insert the same rows raw, 500 sales (and their ranges) per transaction, into
    a fresh database holding what they point to (projects, the kiosk, blocks, grants)."""
    engine = make_engine(db_url)
    migrations.upgrade(engine)
    with engine.begin() as conn:
        operations.import_projects(
            conn=conn, data=operations.read_file(ROOT / "resources/catalogue/demo_projects.toml"),
            source="d",
        )  # fmt: skip
        conn.execute(kiosks_table.insert(), kiosks)
        conn.execute(retired_blocks.insert(), blocks)
        conn.execute(grants_table.insert(), grants)
    engine.dispose()
    by_purchase: dict[int, list[dict[str, Any]]] = {}
    for item in ranges:
        by_purchase.setdefault(item["purchase_id"], []).append(item)
    engine = make_engine(db_url)
    started = time.perf_counter()
    for start in range(0, len(rows), protocol.MAX_BATCH):
        part = rows[start : start + protocol.MAX_BATCH]
        with engine.begin() as conn:
            conn.execute(purchases.insert(), part)
            drawn = [r for row in part for r in by_purchase.get(row["id"], ())]
            if drawn:
                conn.execute(purchase_ranges.insert(), drawn)
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def engine_runs(
    source: Path, folder: Path, counts: list[int], url_for: Any, repeat: int = 1
) -> dict[str, Any]:
    """Each count `repeat` times (alternating counts, so load drifts hit them alike); the
    median run of each count by its ratio to the raw insert, with every run's figures."""
    tries: dict[int, list[dict[str, Any]]] = {n: [] for n in counts}
    for attempt in range(repeat):
        for n in counts:
            tries[n].append(
                one_run(source, folder, url_for(f"r{n}x{attempt}"), url_for(f"raw{n}x{attempt}"), n)
            )
    result: dict[str, Any] = {}
    for n, made in tries.items():
        median = sorted(made, key=lambda r: r["sync_over_raw"])[len(made) // 2]
        result[f"{n}_orders"] = {**median, "runs": [
            {k: r[k] for k in ("orders_per_s", "raw_orders_per_s", "sync_over_raw")} for r in made
        ]} if repeat > 1 else median  # fmt: skip
    if len(counts) > 1:
        small, large = result[f"{counts[0]}_orders"], result[f"{counts[-1]}_orders"]
        per_small = small["sync_seconds"] / small["orders"]
        per_large = large["sync_seconds"] / large["orders"]
        result["time_per_order_largest_over_smallest"] = round(per_large / per_small, 2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument(
        "--keep",
        type=Path,
        help="build the template ledger in this folder, or reuse the one there (same counts)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each count (median kept)")
    args = parser.parse_args()
    counts = sorted(args.orders)
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        kept = folder / "template.sqlite"
        source = kept if args.keep and kept.exists() else template(folder, counts[-1])
        figures["sqlite"] = engine_runs(
            source, folder, counts, lambda name: f"sqlite:///{tmp}/{name}.sqlite", args.repeat
        )
        if not args.skip_postgres and pg.missing() is None:
            with pg.cluster() as admin:
                figures["postgresql"] = engine_runs(
                    source,
                    folder,
                    counts,
                    lambda name: pg.create_database(admin, name),
                    args.repeat,
                )
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
