"""One certificate page's work in process, without HTTP: lookup and render against the
health check's read, on a SQLite file (issue 19, section 1).

`.venv/bin/python bench/profile_pages.py [--pages 2000]`

A registry (demo projects, a SQLite file) holding 50 received certificates of one enrolled
kiosk. Timed, each in its own read transaction as the routes run them: the QR page's lookup
and render with the process's token checks forgotten before each one (a first visit), the
plain page's, a page served from sync/registry/page_cache.py (a revisit: the one statement
run, its rows found unchanged), and the health check's trivial query: the baseline. What the
uvicorn process adds per request (HTTP, middleware) is the same for all and is in
bench_registry_reads.py. Prints JSON: mean ms each and the ratio to health.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sync.registry import lookup, pages, storage  # noqa: E402
from sync.registry.app import create_app  # noqa: E402
from sync.registry.db import reading  # noqa: E402
from tests.sync.registry.conftest import demo_engine  # noqa: E402
from tests.sync.registry.helpers import Kiosk  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def mean_ms(work: Callable[[int], object], count: int) -> float:
    for i in range(100):  # warm up
        work(i)
    started = time.perf_counter()
    for i in range(count):
        work(i)
    return (time.perf_counter() - started) / count * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = demo_engine(f"sqlite:///{folder}/registry.sqlite")
        client = TestClient(create_app(engine))
        kiosk = Kiosk.new()
        kiosk.enrol(client, engine)
        sales = [kiosk.order(offset_g=1_000 + i) for i in range(50)]
        assert kiosk.push(client, [kiosk.record(s) for s in sales]).status_code == 200
        parts = [kiosk.cert_path(s).split("/")[2:] for s in sales]
        forget = [getattr(lookup, name).cache_clear for name in ("_issuer", "_checked")
                  if hasattr(lookup, name)]  # fmt: skip
        cache = getattr(client.app.state, "page_cache", None)  # type: ignore[attr-defined]

        def qr(i: int) -> str:
            for clear in forget:
                clear()
            cert_id, token = parts[i % 50]
            with reading(engine) as conn:
                return pages.render(lookup.look_up(conn=conn, cert_id=cert_id, token=token))

        def plain(i: int) -> str:
            with reading(engine) as conn:
                return pages.render(lookup.look_up(conn=conn, cert_id=parts[i % 50][0], token=None))

        def cached(i: int) -> object:
            cert_id, token = parts[i % 50]
            with reading(engine) as conn:
                return cache.page(conn=conn, cert_id=cert_id, token=token)

        def health(_: int) -> bool:
            with reading(engine) as conn:
                return storage.answers(conn=conn)

        figures = {"health_ms": mean_ms(health, args.pages)}
        works = {"qr_first_visit_ms": qr, "plain_ms": plain}
        if cache is not None:
            works["qr_from_page_cache_ms"] = cached
        for name, work in works.items():
            figures[name] = mean_ms(work, args.pages)
        figures = {k: round(v, 3) for k, v in figures.items()}
        ratios = {
            f"{k.removesuffix('_ms')}_over_health": round(v / figures["health_ms"], 1)
            for k, v in figures.items()
            if k != "health_ms"
        }
        client.close()
        engine.dispose()
    print(json.dumps({**figures, **ratios}, indent=2))


if __name__ == "__main__":
    main()
