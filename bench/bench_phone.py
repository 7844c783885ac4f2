"""Phone flow benchmark: N simulated phones through the whole flow over real HTTP.

`.venv/bin/python bench/bench_phone.py [--phones 50] [--rounds 3] [--skip-postgres]`

Each phone is an httpx.AsyncClient with its own cookie jar and its own loopback source
address (127.0.0.2, .3, ...: the per-address order limit then counts each phone apart, as it
would on a venue's mobile network), bound to a registry in demo mode served by
`diandian registry serve` on 127.0.0.1. A phone's session: the venue page, the meal
scenario and its four questions, the result, Pay (the order), the simulated provider's page,
its Pay button (the signed notification and the sale), the paid page. All phones run at once
(`--phones` concurrent), `--rounds` sessions each. Reported per page: p50/p99 in ms; errors
(any status other than the expected one); sessions per minute. First the baseline: the same
phones, as many requests each, of a bare FastAPI page under the same uvicorn (bench/loadgen),
and each page's p99 over its p99. Then on a SQLite file with
one server process, then on a throwaway PostgreSQL 15 cluster with two server processes (the
phones alternate between them). Prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.loadgen import bare_fastapi  # noqa: E402
from sync.registry.db import make_engine  # noqa: E402
from tests.ports import HeldPort  # noqa: E402
from tests.sync.registry import pg  # noqa: E402
from tests.sync.registry.phone import FORESTS, VENUE, demo_engine  # noqa: E402
from tests.sync.registry.served import serve  # noqa: E402

FIELD = re.compile(r'name="(csrf|attempt|offset_g|token)" value="([^"]*)"')


def fields(page: str) -> dict[str, str]:
    return dict(FIELD.findall(page))


async def session(client: httpx.AsyncClient, times: dict[str, list[float]]) -> None:
    """One visitor's flow; raises on any unexpected answer."""

    async def call(name: str, method: str, url: str, data: Any = None, want: int = 200) -> Any:
        start = time.perf_counter()
        response = await client.request(method, url, data=data)
        times[name].append((time.perf_counter() - start) * 1000)
        if response.status_code != want:
            raise RuntimeError(f"{name}: {response.status_code} {response.text[:200]}")
        return response

    await call("venue", "GET", f"/v/{VENUE}")
    await call("scenario", "GET", f"/v/{VENUE}/s/meal", want=303)
    page = (await call("question", "GET", f"/v/{VENUE}/q/1")).text
    for number in range(1, 5):
        answer = "2" if number == 1 else ""
        await call("answer", "POST", f"/v/{VENUE}/q/{number}",
                   {"csrf": fields(page)["csrf"], "answer": answer}, want=303)  # fmt: skip
        if number < 4:
            page = (await call("question", "GET", f"/v/{VENUE}/q/{number + 1}")).text
    page = (await call("result", "GET", f"/v/{VENUE}/result")).text
    form = fields(page)
    order = {**form, "project": FORESTS, "nickname": ""}
    pay = (await call("order", "POST", f"/v/{VENUE}/order", order, want=303)).headers["location"]
    page = (await call("provider", "GET", pay)).text
    back = await call("pay", "POST", pay, {"token": fields(page)["token"], "action": "pay"},
                      want=303)  # fmt: skip
    paid = (await call("paid", "GET", back.headers["location"])).text
    if 'data-state="paid"' not in paid:
        raise RuntimeError("the paid page does not say paid")


REQUESTS = 16  # a session's requests (above), for the baseline's sessions


async def bare_session(client: httpx.AsyncClient, times: dict[str, list[float]]) -> None:
    """The baseline's session: as many requests, each of a bare FastAPI page (no database,
    no cookie): what this machine's load alone costs 50 closed-loop clients."""
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = await client.get("/bare")
        times["bare"].append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"bare: {response.status_code}")


async def run_phones(
    bases: list[str], phones: int, rounds: int, flow: Any = None
) -> dict[str, Any]:
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []

    async def phone(client: httpx.AsyncClient) -> None:
        for _ in range(rounds):
            client.cookies.clear()
            try:
                await (flow or session)(client, times)
            except (RuntimeError, httpx.HTTPError) as exc:
                errors.append(str(exc)[:200])

    # Every client is made before any phone starts: making one (its TLS context, even for
    # plain HTTP) holds the event loop ~10-30 ms, and made inside each phone's coroutine it
    # was timed as the first phones' venue page (its p99 of 2-12 s was the load generator's).
    clients = [
        httpx.AsyncClient(
            base_url=bases[index % len(bases)],
            transport=httpx.AsyncHTTPTransport(
                local_address=f"127.0.{index // 250}.{index % 250 + 2}"
            ),
            timeout=60,
        )
        for index in range(phones)
    ]
    start = time.perf_counter()
    try:
        await asyncio.gather(*(phone(client) for client in clients))
    finally:
        elapsed = time.perf_counter() - start
        for client in clients:
            await client.aclose()
    pages = {
        name: {
            "requests": len(values),
            "p50_ms": round(statistics.median(values), 1),
            "p99_ms": round(sorted(values)[max(0, int(len(values) * 0.99) - 1)], 1),
        }
        for name, values in sorted(times.items())
    }
    done = phones * rounds - len(errors)
    return {
        "phones": phones,
        "sessions": done,
        "errors": len(errors),
        "first_errors": errors[:3],
        "seconds": round(elapsed, 1),
        "sessions_per_min": round(done / elapsed * 60, 1),
        "pages": pages,
    }


def bench(db_url: str, servers: int, phones: int, rounds: int) -> dict[str, Any]:
    demo_engine(make_engine(db_url)).dispose()
    with ExitStack() as stack:
        bases = [stack.enter_context(serve(db_url, "--headroom-t", "50")) for _ in range(servers)]
        figures = asyncio.run(run_phones(bases, phones, rounds))
    return {"servers": servers, **figures}


def baseline(phones: int, rounds: int) -> dict[str, Any]:
    with HeldPort() as held, bare_fastapi(held.port) as base:  # ours until it listens
        return asyncio.run(run_phones([base], phones, rounds, bare_session))


def ratios(figures: dict[str, Any], bare: dict[str, Any]) -> None:
    """Each page's p99 over the bare page's p99 in the same run (the machine's share)."""
    floor = bare["pages"]["bare"]["p99_ms"]
    for page in figures["pages"].values():
        page["p99_over_bare_p99"] = round(page["p99_ms"] / floor, 1) if floor else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    out: dict[str, Any] = {"load_average_before": os.getloadavg()[0]}
    out["baseline_bare_fastapi"] = bare = baseline(args.phones, args.rounds)
    with __import__("tempfile").TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'registry.sqlite'}"
        out["sqlite_1_process"] = bench(url, 1, args.phones, args.rounds)
        ratios(out["sqlite_1_process"], bare)
    if not args.skip_postgres and pg.missing() is None:
        with pg.cluster() as admin:
            url = pg.create_database(admin, "phonebench")
            out["postgresql_2_processes"] = bench(url, 2, args.phones, args.rounds)
            ratios(out["postgresql_2_processes"], bare)
    out["load_average_after"] = os.getloadavg()[0]
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
