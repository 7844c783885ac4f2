"""Registry benchmark: push throughput over real HTTP, and the certificate page's requests/s.

`.venv/bin/python bench/bench_registry.py [--orders N] [--skip-postgres]`

Push: N queued orders (default 100,000) sent by one client, as the sync job sends them, in
signed batches of protocol.MAX_BATCH, to a `diandian registry serve` process on 127.0.0.1;
first on a SQLite file, then on a throwaway PostgreSQL 15 cluster (started as in the tests).
The payloads are built beforehand; signing each request is counted. Page: 8 client threads
for 5 s on loopback, each request a different received certificate's QR URL. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sync import protocol  # noqa: E402
from sync.registry import credits, migrations, operations  # noqa: E402
from sync.registry.db import make_engine  # noqa: E402
from tests.sync.registry import pg  # noqa: E402
from tests.sync.registry.conftest import DEMO_PROJECTS  # noqa: E402
from tests.sync.registry.helpers import PROJECT, Kiosk  # noqa: E402
from tests.sync.registry.served import serve  # noqa: E402


def prepare(db_url: str, blocks: tuple[str, ...] = ("CDCER-2024-000001..000500",)) -> None:
    """The schema, the demo projects, and `blocks` of the first project retired (before sale:
    every pushed order's ranges are checked)."""
    engine = make_engine(db_url)
    migrations.upgrade(engine)
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=operations.read_file(DEMO_PROJECTS), source="d")
        for number, serials in enumerate(blocks, 1):
            credits.retire_blocks(
                conn=conn,
                project_id=PROJECT,
                serials=serials,
                reference=f"SEEE-BENCH-{number}",
                beneficiary="Diandian visitors",
            )
    engine.dispose()


def push_all(base: str, db_url: str, orders: int) -> dict[str, Any]:
    engine = make_engine(db_url)
    kiosk = Kiosk.new()
    with httpx.Client(base_url=base, timeout=60) as client:
        kiosk.enrol(client, engine)
        sales = [kiosk.order(offset_g=1_000 + i % 5_000) for i in range(orders)]
        records = [kiosk.record(s) for s in sales]
        batches = [
            records[i : i + protocol.MAX_BATCH] for i in range(0, orders, protocol.MAX_BATCH)
        ]
        started = time.perf_counter()
        latencies = []
        for number, batch in enumerate(batches):
            t0 = time.perf_counter()
            response = kiosk.push(client, batch, batch_id=f"bench-{number}")
            latencies.append(time.perf_counter() - t0)
            assert response.status_code == 200, response.text[:300]
        elapsed = time.perf_counter() - started
    engine.dispose()
    return {
        "orders": orders,
        "seconds": round(elapsed, 2),
        "orders_per_s": round(orders / elapsed),
        "batch_p50_ms": round(statistics.median(latencies) * 1000, 1),
        "batch_max_ms": round(max(latencies) * 1000, 1),
        "kiosk": kiosk,
        "sales": sales,
    }


def page_load(base: str, kiosk: Kiosk, sales: list[dict], seconds: float = 5.0) -> dict:
    paths = [kiosk.cert_path(s) for s in sales[:2000]]
    counts, latencies, lock = [0], [], threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(offset: int) -> None:
        mine = []
        with httpx.Client(base_url=base, timeout=30) as client:
            i = offset
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                response = client.get(paths[i % len(paths)])
                mine.append(time.perf_counter() - t0)
                assert response.status_code == 200
                i += 8
        with lock:
            counts[0] += len(mine)
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": counts[0],
        "requests_per_s": round(counts[0] / elapsed),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 1),
    }


def run(db_url: str, orders: int, with_page: bool) -> dict[str, Any]:
    prepare(db_url)
    with serve(db_url, "--headroom-t", "500") as base:  # one kiosk granted all 500 t
        result = push_all(base, db_url, orders)
        kiosk, sales = result.pop("kiosk"), result.pop("sales")
        if with_page:
            result["certificate_page"] = page_load(base, kiosk, sales)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        figures["sqlite"] = run(f"sqlite:///{folder}/registry.sqlite", args.orders, True)
    if not args.skip_postgres and pg.missing() is None:
        with pg.cluster() as admin:
            figures["postgresql"] = run(pg.create_database(admin, "bench"), args.orders, True)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
