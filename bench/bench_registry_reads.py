"""Registry reads under concurrent clients: certificate pages against /v1/health and a bare
FastAPI page, on SQLite (and PostgreSQL unless --skip-postgres).

`.venv/bin/python bench/bench_registry_reads.py [--seconds 4] [--clients 8 50]`

A `diandian registry serve` process (one uvicorn worker) holds --certs received certificates
(pushed beforehand by a signed test kiosk, retire-first ranges included). For each number of
clients, closed-loop client threads (bench/loadgen.py) GET in turn: /v1/health (the database's
trivial probe), the QR page /C/<id>/<token> (token verified, purchase, ranges and project
read, HTML rendered) and the plain page /c/<id>; while the registry keeps receiving pushes
from a second kiosk (one batch of 100 records every 50 ms: writes queue beside the reads).
The baseline: a bare FastAPI page under the same uvicorn, same clients. Goals (issue 19):
certificate pages p99 ≤ 5 × their p50, and ≥ 50 % of /v1/health's throughput in the same run.
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.loadgen import bare_fastapi, load  # noqa: E402
from sync.registry.db import make_engine  # noqa: E402
from tests.ports import HeldPort  # noqa: E402
from tests.sync.registry import pg  # noqa: E402
from tests.sync.registry.helpers import Kiosk  # noqa: E402
from tests.sync.registry.served import serve  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from bench_registry import prepare  # noqa: E402


def received(base: str, db_url: str, certs: int) -> tuple[Kiosk, list[dict[str, Any]]]:
    """A kiosk enrolled at the registry, and its `certs` sales pushed (all received)."""
    engine = make_engine(db_url)
    kiosk = Kiosk.new()
    sales = []
    with httpx.Client(base_url=base, timeout=60) as client:
        kiosk.enrol(client, engine)
        for start in range(0, certs, 500):
            batch = [kiosk.order(offset_g=1_000 + i % 5_000) for i in range(start, start + 500)]
            response = kiosk.push(client, [kiosk.record(s) for s in batch])
            assert response.status_code == 200, response.text[:300]
            sales += batch
    engine.dispose()
    return kiosk, sales[:certs]


@contextmanager
def background_pushes(base: str, db_url: str) -> Iterator[dict[str, int]]:
    """A second kiosk pushing 100 sales every 50 ms while the reads are measured."""
    engine = make_engine(db_url)
    kiosk = Kiosk.new()
    stop = threading.Event()
    done = {"batches": 0}
    client = httpx.Client(base_url=base, timeout=60)
    kiosk.enrol(client, engine)

    def pusher() -> None:
        while not stop.wait(0.05):
            records = [kiosk.record(kiosk.order(offset_g=1_000)) for _ in range(100)]
            if kiosk.push(client, records).status_code == 200:
                done["batches"] += 1

    thread = threading.Thread(target=pusher, daemon=True)
    thread.start()
    try:
        yield done
    finally:
        stop.set()
        thread.join()
        client.close()
        engine.dispose()


def measure(db_url: str, certs: int, clients: list[int], seconds: float) -> dict[str, Any]:
    # the second kiosk's tonnes: the first is granted the first block's 500
    prepare(db_url, ("CDCER-2024-000001..000500", "CDCER-2024-001001..001500"))
    figures: dict[str, Any] = {}
    with serve(db_url, "--headroom-t", "500") as base:
        kiosk, sales = received(base, db_url, certs)
        qr_paths = [kiosk.cert_path(s) for s in sales]
        plain = [path.rsplit("/", 1)[0].replace("/C/", "/c/") for path in qr_paths]
        with background_pushes(base, db_url) as pushed:
            for count in clients:
                health = load(base, ["/v1/health"], count, seconds)
                qr = load(base, qr_paths, count, seconds)
                page = load(base, plain, count, seconds)
                figures[f"{count}_clients"] = {
                    "health": health.figures(),
                    "qr_page": qr.figures(),
                    "plain_page": page.figures(),
                    "qr_page_over_health_throughput": round(qr.per_s / health.per_s, 2),
                    "plain_page_over_health_throughput": round(page.per_s / health.per_s, 2),
                }
        figures["push_batches_meanwhile"] = pushed["batches"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 50])
    parser.add_argument("--certs", type=int, default=2000)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    figures: dict[str, Any] = {"baseline_bare_fastapi": {}}
    with HeldPort() as held, bare_fastapi(held.port) as base:
        for count in args.clients:
            figures["baseline_bare_fastapi"][f"{count}_clients"] = load(
                base, ["/bare"], count, args.seconds
            ).figures()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/registry.sqlite"
        figures["sqlite"] = measure(url, args.certs, args.clients, args.seconds)
    if not args.skip_postgres and pg.missing() is None:
        with pg.cluster() as admin:
            url = pg.create_database(admin, "bench_reads")
            figures["postgresql"] = measure(url, args.certs, args.clients, args.seconds)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
