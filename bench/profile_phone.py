"""Where one phone session's time goes, in process: cProfile over N sessions in a row.

`.venv/bin/python bench/profile_phone.py [--sessions 40] [--top 40] [--out FILE]`

The registry app (demo mode, a SQLite file) driven by httpx's ASGI transport through the
same session as bench/bench_phone.py (the meal scenario, Pay, the simulated provider, the
paid page), one phone, no network. The work routes hand to worker threads is run inline so
the profile sees it (cProfile profiles one thread). Prints each page's mean wall time and
the functions of sync/ and kiosk/ by cumulative time; `--out` keeps the raw profile for
`python -m pstats`. A profile, not a benchmark: no crowd, no queue (that is bench_phone.py).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import importlib
import pstats
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_phone import session  # noqa: E402
from bench.phones import HttpxPhone  # noqa: E402
from sync.registry.app import create_app  # noqa: E402
from sync.registry.db import make_engine  # noqa: E402
from sync.registry.phone.context import Options  # noqa: E402
from sync.registry.web.limits import Limit  # noqa: E402
from tests.sync.registry.phone import demo_engine  # noqa: E402

INLINE = (  # the modules that hand work to worker threads
    "sync.registry.routes",
    "sync.registry.phone.context",
    "sync.registry.phone.content",
    "sync.registry.phone.pages_order",
    "sync.registry.payments.routes",
)


async def _inline(func: Any, *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)


async def run(sessions: int, folder: Path) -> tuple[cProfile.Profile, dict[str, list[float]]]:
    for name in INLINE:
        module = importlib.import_module(name)
        if hasattr(module, "run_in_threadpool"):
            module.run_in_threadpool = _inline  # type: ignore[attr-defined]
    engine = demo_engine(make_engine(f"sqlite:///{folder / 'registry.sqlite'}"))
    app = create_app(engine, headroom_g=50_000_000)
    many = 10**6  # one address places every order: no rate limit in the way
    app.state.phone = Options(ip_limit=Limit("ip", many, 600), venue_limit=Limit("v", many, 60))
    times: dict[str, list[float]] = defaultdict(list)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://phone") as client:
        phone = HttpxPhone(client)
        await session(phone, times)  # the first one loads the caches: not profiled
        times.clear()
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(sessions):
            phone.new_visitor()
            await session(phone, times)
        profile.disable()
    engine.dispose()
    return profile, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        profile, times = asyncio.run(run(args.sessions, Path(folder)))
    for name, values in sorted(times.items()):
        print(f"{name:10s} {len(values):4d} requests, mean {sum(values) / len(values):6.2f} ms")
    if args.out:
        profile.dump_stats(str(args.out))
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(r"(sync|kiosk)/", args.top)


if __name__ == "__main__":
    main()
