"""Phone flow benchmark: N simulated phones through the whole flow over real HTTP.

`.venv/bin/python bench/bench_phone.py [--phones 50] [--rounds 3] [--think LOW HIGH]
[--skip-postgres]`

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

By default the phones run a closed loop: each request leaves the moment the last answer came,
which measures how many sessions a minute the registry can serve, not what a visitor waits.
`--think LOW HIGH` gives each phone a person: before every tap (choosing the scenario, each
answer, Pay, the provider's Pay) and before the next visitor's first page, it waits a time
drawn uniformly from LOW..HIGH seconds, from a generator seeded per phone so every run draws
the same times; the redirect a tap answers with is followed at once, as a browser does.
Phones start at a seeded offset within the first HIGH seconds (visitors do not scan the
poster in the same millisecond). The baseline's bare sessions pause the same way.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
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


Pause = Callable[[], Awaitable[None]]  # the visitor reading a page before their next tap


async def no_pause() -> None:
    """The closed loop's visitor taps the moment the page arrives."""


async def session(
    client: httpx.AsyncClient, times: dict[str, list[float]], pause: Pause = no_pause
) -> None:
    """One visitor's flow; raises on any unexpected answer."""

    async def call(name: str, method: str, url: str, data: Any = None, want: int = 200) -> Any:
        start = time.perf_counter()
        response = await client.request(method, url, data=data)
        times[name].append((time.perf_counter() - start) * 1000)
        if response.status_code != want:
            raise RuntimeError(f"{name}: {response.status_code} {response.text[:200]}")
        return response

    await call("venue", "GET", f"/v/{VENUE}")
    await pause()
    await call("scenario", "GET", f"/v/{VENUE}/s/meal", want=303)
    page = (await call("question", "GET", f"/v/{VENUE}/q/1")).text
    for number in range(1, 5):
        answer = "2" if number == 1 else ""
        await pause()
        await call("answer", "POST", f"/v/{VENUE}/q/{number}",
                   {"csrf": fields(page)["csrf"], "answer": answer}, want=303)  # fmt: skip
        if number < 4:
            page = (await call("question", "GET", f"/v/{VENUE}/q/{number + 1}")).text
    page = (await call("result", "GET", f"/v/{VENUE}/result")).text
    form = fields(page)
    order = {**form, "project": FORESTS, "nickname": ""}
    await pause()
    pay = (await call("order", "POST", f"/v/{VENUE}/order", order, want=303)).headers["location"]
    page = (await call("provider", "GET", pay)).text
    await pause()
    back = await call("pay", "POST", pay, {"token": fields(page)["token"], "action": "pay"},
                      want=303)  # fmt: skip
    paid = (await call("paid", "GET", back.headers["location"])).text
    if 'data-state="paid"' not in paid:
        raise RuntimeError("the paid page does not say paid")


# A session's requests (above): venue, scenario, 4 questions, 4 answers, result, order,
# provider, Pay, paid. 7 of them are taps (scenario, 4 answers, order, Pay), each one after a
# page was shown and each answered with a redirect followed at once.
REQUESTS, TAPS = 15, 7


async def bare_session(
    client: httpx.AsyncClient, times: dict[str, list[float]], pause: Pause = no_pause
) -> None:
    """The baseline's session: as many requests, each of a bare FastAPI page (no database,
    no cookie), with as many pauses: what this machine's load alone costs the same phones."""
    for number in range(REQUESTS):
        if number % 2 == 1 and number < 2 * TAPS:  # as many pauses, spread alike
            await pause()
        start = time.perf_counter()
        response = await client.get("/bare")
        times["bare"].append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"bare: {response.status_code}")


async def run_phones(
    bases: list[str],
    phones: int,
    rounds: int,
    flow: Any = None,
    think: tuple[float, float] | None = None,
) -> dict[str, Any]:
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []

    async def phone(index: int, client: httpx.AsyncClient) -> None:
        pause: Pause = no_pause
        if think is not None:
            draw = random.Random(index)  # the same person, the same pauses, every run
            low, high = think

            async def pause() -> None:
                await asyncio.sleep(draw.uniform(low, high))

            await asyncio.sleep(draw.uniform(0, high))  # when this visitor scans the poster
        for turn in range(rounds):
            if turn:
                await pause()  # the next visitor walks up to this phone's place in the crowd
            client.cookies.clear()
            try:
                await (flow or session)(client, times, pause)
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
        await asyncio.gather(*(phone(index, client) for index, client in enumerate(clients)))
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
        "think_s": list(think) if think else "none (closed loop)",
        "sessions": done,
        "errors": len(errors),
        "first_errors": errors[:3],
        "seconds": round(elapsed, 1),
        "sessions_per_min": round(done / elapsed * 60, 1),
        "requests_per_s": round(sum(len(v) for v in times.values()) / elapsed, 1),
        "pages": pages,
    }


def bench(
    db_url: str, servers: int, phones: int, rounds: int, think: tuple[float, float] | None
) -> dict[str, Any]:
    demo_engine(make_engine(db_url)).dispose()
    with ExitStack() as stack:
        bases = [stack.enter_context(serve(db_url, "--headroom-t", "50")) for _ in range(servers)]
        figures = asyncio.run(run_phones(bases, phones, rounds, think=think))
    return {"servers": servers, **figures}


def baseline(phones: int, rounds: int, think: tuple[float, float] | None) -> dict[str, Any]:
    with HeldPort() as held, bare_fastapi(held.port) as base:  # ours until it listens
        return asyncio.run(run_phones([base], phones, rounds, bare_session, think))


def ratios(figures: dict[str, Any], bare: dict[str, Any]) -> None:
    """Each page's p99 over the bare page's p99 in the same run (the machine's share)."""
    floor = bare["pages"]["bare"]["p99_ms"]
    for page in figures["pages"].values():
        page["p99_over_bare_p99"] = round(page["p99_ms"] / floor, 1) if floor else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--think",
        nargs=2,
        type=float,
        metavar=("LOW", "HIGH"),
        help="seconds a visitor reads a page before each tap (default: none, a closed loop)",
    )
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    think = None
    if args.think is not None:
        low, high = args.think
        if not 0 <= low <= high <= 600:
            parser.error("--think wants LOW HIGH seconds with 0 <= LOW <= HIGH <= 600")
        think = (low, high)
    out: dict[str, Any] = {"load_average_before": os.getloadavg()[0]}
    out["baseline_bare_fastapi"] = bare = baseline(args.phones, args.rounds, think)
    with __import__("tempfile").TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'registry.sqlite'}"
        out["sqlite_1_process"] = bench(url, 1, args.phones, args.rounds, think)
        ratios(out["sqlite_1_process"], bare)
    if not args.skip_postgres and pg.missing() is None:
        with pg.cluster() as admin:
            url = pg.create_database(admin, "phonebench")
            out["postgresql_2_processes"] = bench(url, 2, args.phones, args.rounds, think)
            ratios(out["postgresql_2_processes"], bare)
    out["load_average_after"] = os.getloadavg()[0]
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
