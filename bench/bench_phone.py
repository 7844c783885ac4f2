"""Phone flow benchmark: N simulated phones through the whole flow over real HTTP.

`.venv/bin/python bench/bench_phone.py [--phones 50] [--rounds 3] [--think LOW HIGH]
[--skip-postgres] [--client aiohttp|httpx] [--max-seconds 300]`

Bounded in count (`--phones` x `--rounds` sessions a phase) and in time: past `--max-seconds`
in a phase no phone begins another session (the sessions under way finish; each request
gives up after 60 s), and the phase says `cut_by_time_limit`.

Each phone is an aiohttp.ClientSession (bench/phones.py) with its own cookie jar, its own
keep-alive connection and its own loopback source address (127.0.0.2, .3, ...: the
per-address order limit then counts each phone apart, as it would on a venue's mobile
network), bound to a registry in demo mode served by `diandian registry serve` on
127.0.0.1; no redirect is followed for it (each 303 is checked, then its Location asked).
All phones share this one process. Why aiohttp: with httpx (pure Python: h11, its cookie
jar, its transports) this process cost 0.78 ms of CPU a request against the bare page and sat
at a whole core while the bare server used a quarter of one, so the pages' p99 was mostly
this process's event loop queueing; aiohttp (HTTP parsed in C) costs 0.11 ms, 7x less
(`bench/bench_client_cpu.py`, 50 phones, 2026-12-06). `--client httpx` runs the old client
to compare. Each phase also reports this process's CPU and the servers' in % of one core.

A phone's session: the venue page, the meal scenario and its four questions, the result,
Pay (the order), the simulated provider's page, its Pay button (the signed notification and
the sale), the paid page. All phones run at once (`--phones` concurrent), `--rounds` sessions
each. Reported per page: p50/p99 in ms; errors (any status other than the expected one);
sessions per minute. First the baseline: the same phones on the same client, as many
requests each, of a bare FastAPI page under the same uvicorn (bench/loadgen), and each page's
p99 over its p99. Then on a SQLite file with one server process, then on a throwaway
PostgreSQL 15 cluster with two server processes (the phones alternate between them). Prints
JSON.

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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cpu import Watch  # noqa: E402
from bench.loadgen import bare_fastapi  # noqa: E402
from bench.phones import CLIENTS, FAILURES, Phone  # noqa: E402
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


async def session(phone: Phone, times: dict[str, list[float]], pause: Pause = no_pause) -> None:
    """One visitor's flow; raises on any unexpected answer."""

    async def call(name: str, method: str, url: str, data: Any = None, want: int = 200) -> Any:
        start = time.perf_counter()
        answer = await phone.request(method, url, data)
        times[name].append((time.perf_counter() - start) * 1000)
        if answer.status != want:
            raise RuntimeError(f"{name}: {answer.status} {answer.text[:200]}")
        return answer

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
    pay = (await call("order", "POST", f"/v/{VENUE}/order", order, want=303)).location
    page = (await call("provider", "GET", pay)).text
    await pause()
    back = await call("pay", "POST", pay, {"token": fields(page)["token"], "action": "pay"},
                      want=303)  # fmt: skip
    paid = (await call("paid", "GET", back.location)).text
    if 'data-state="paid"' not in paid:
        raise RuntimeError("the paid page does not say paid")


# A session's requests (above): venue, scenario, 4 questions, 4 answers, result, order,
# provider, Pay, paid. 7 of them are taps (scenario, 4 answers, order, Pay), each one after a
# page was shown and each answered with a redirect followed at once.
REQUESTS, TAPS = 15, 7
MAX_S = 300.0  # a phase's time limit by default: a run is bounded in time as in count


async def bare_session(
    phone: Phone, times: dict[str, list[float]], pause: Pause = no_pause
) -> None:
    """The baseline's session: as many requests, each of a bare FastAPI page (no database,
    no cookie), with as many pauses: what this machine's load alone costs the same phones."""
    for number in range(REQUESTS):
        if number % 2 == 1 and number < 2 * TAPS:  # as many pauses, spread alike
            await pause()
        start = time.perf_counter()
        answer = await phone.request("GET", "/bare")
        times["bare"].append((time.perf_counter() - start) * 1000)
        if answer.status != 200:
            raise RuntimeError(f"bare: {answer.status}")


async def run_phones(
    bases: list[str],
    phones: int,
    rounds: int,
    flow: Any = None,
    think: tuple[float, float] | None = None,
    client: str = "aiohttp",
    max_s: float = MAX_S,
) -> dict[str, Any]:
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    started: list[int] = []  # sessions begun (past the time limit no phone begins another)

    async def visitors(index: int, phone: Phone) -> None:
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
            if time.perf_counter() > deadline:
                return
            started.append(index)
            phone.new_visitor()
            try:
                await (flow or session)(phone, times, pause)
            except FAILURES as exc:
                errors.append(str(exc)[:200])

    # Every client is made before any phone starts: making one (httpx's TLS context, even for
    # plain HTTP) holds the event loop ~10-30 ms, and made inside each phone's coroutine it
    # was timed as the first phones' venue page (its p99 of 2-12 s was the load generator's).
    made = [CLIENTS[client](bases[index % len(bases)], index) for index in range(phones)]
    watch = Watch().start()
    deadline = time.perf_counter() + max_s
    try:
        await asyncio.gather(*(visitors(index, phone) for index, phone in enumerate(made)))
    finally:
        cpu = watch.stop()
        elapsed = cpu["seconds"]
        for phone in made:
            await phone.close()
    pages = {
        name: {
            "requests": len(values),
            "p50_ms": round(statistics.median(values), 1),
            "p99_ms": round(sorted(values)[max(0, int(len(values) * 0.99) - 1)], 1),
        }
        for name, values in sorted(times.items())
    }
    done = len(started) - len(errors)
    return {
        "phones": phones,
        "cut_by_time_limit": len(started) < phones * rounds,
        "client": client,
        "think_s": list(think) if think else "none (closed loop)",
        "sessions": done,
        "errors": len(errors),
        "first_errors": errors[:3],
        "seconds": round(elapsed, 1),
        "sessions_per_min": round(done / elapsed * 60, 1),
        "requests_per_s": round(sum(len(v) for v in times.values()) / elapsed, 1),
        "client_cpu_percent": cpu["client_cpu_percent"],
        "server_cpu_percent": cpu["server_cpu_percent"],
        "pages": pages,
    }


def bench(
    db_url: str,
    servers: int,
    phones: int,
    rounds: int,
    think: tuple[float, float] | None,
    client: str,
    max_s: float,
) -> dict[str, Any]:
    demo_engine(make_engine(db_url)).dispose()
    with ExitStack() as stack:
        bases = [stack.enter_context(serve(db_url, "--headroom-t", "50")) for _ in range(servers)]
        figures = asyncio.run(
            run_phones(bases, phones, rounds, think=think, client=client, max_s=max_s)
        )
    return {"servers": servers, **figures}


def baseline(
    phones: int, rounds: int, think: tuple[float, float] | None, client: str, max_s: float
) -> dict[str, Any]:
    """The bare page under the same phones, on the same client (the ratios stay honest)."""
    with HeldPort() as held, bare_fastapi(held.port) as base:  # ours until it listens
        return asyncio.run(run_phones([base], phones, rounds, bare_session, think, client, max_s))


def ratios(figures: dict[str, Any], bare: dict[str, Any]) -> None:
    """Each page's p99 over the bare page's p99 in the same run (the machine's share)."""
    floor = bare["pages"]["bare"]["p99_ms"]
    for page in figures["pages"].values():
        page["p99_over_bare_p99"] = round(page["p99_ms"] / floor, 1) if floor else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=50, help="phones at once (1-1000)")
    parser.add_argument("--rounds", type=int, default=3, help="sessions a phone (1-1000)")
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=MAX_S,
        help=f"per phase: past it no phone begins another session (default {MAX_S:.0f})",
    )
    parser.add_argument(
        "--think",
        nargs=2,
        type=float,
        metavar=("LOW", "HIGH"),
        help="seconds a visitor reads a page before each tap (default: none, a closed loop)",
    )
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument(
        "--client",
        choices=sorted(CLIENTS),
        default="aiohttp",
        help="the phones' HTTP client (default aiohttp; httpx is the old, heavier one)",
    )
    args = parser.parse_args()
    if not 1 <= args.phones <= 1000:
        parser.error("--phones wants a whole number of phones from 1 to 1000")
    if not 1 <= args.rounds <= 1000:
        parser.error("--rounds wants a whole number of sessions a phone from 1 to 1000")
    if not 0 < args.max_seconds <= 3600:
        parser.error("--max-seconds wants seconds above 0 and at most 3600")
    think = None
    if args.think is not None:
        low, high = args.think
        if not 0 <= low <= high <= 600:
            parser.error("--think wants LOW HIGH seconds with 0 <= LOW <= HIGH <= 600")
        think = (low, high)
    out: dict[str, Any] = {"load_average_before": os.getloadavg()[0]}
    limit = args.max_seconds
    out["baseline_bare_fastapi"] = bare = baseline(
        args.phones, args.rounds, think, args.client, limit
    )
    with __import__("tempfile").TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'registry.sqlite'}"
        out["sqlite_1_process"] = bench(url, 1, args.phones, args.rounds, think, args.client, limit)
        ratios(out["sqlite_1_process"], bare)
    if not args.skip_postgres and pg.missing() is None:
        with pg.cluster() as admin:
            url = pg.create_database(admin, "phonebench")
            out["postgresql_2_processes"] = bench(
                url, 2, args.phones, args.rounds, think, args.client, limit
            )
            ratios(out["postgresql_2_processes"], bare)
    out["load_average_after"] = os.getloadavg()[0]
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
