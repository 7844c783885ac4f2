"""What the phone bench's client itself costs: CPU of the client process per request.

`.venv/bin/python bench/bench_client_cpu.py [--phones 50] [--requests 200] [--tries 3]`

The bare FastAPI page (bench/loadgen.py, 4 kB of HTML under uvicorn) loaded by `--phones`
phones at once in one asyncio process, closed loop, `--requests` GETs each, with each client
of bench/phones.py in turn (made and connected before the clock starts, as bench_phone.py
does). Reported per client, median of `--tries` alternated runs: the client process's CPU
(`time.process_time()`) per request, requests/s, the client's and the server's CPU in % of
one core. A client near 100 % while the server idles means the bench measures itself.
Prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.cpu import Watch  # noqa: E402
from bench.loadgen import bare_fastapi  # noqa: E402
from bench.phones import CLIENTS  # noqa: E402
from tests.ports import HeldPort  # noqa: E402


async def one_run(base: str, client: str, phones: int, requests: int) -> dict[str, Any]:
    made = [CLIENTS[client](base, index) for index in range(phones)]

    async def phone(index: int) -> None:
        for _ in range(requests):
            answer = await made[index].request("GET", "/bare")
            if answer.status != 200:
                raise RuntimeError(f"bare: {answer.status}")

    try:
        await asyncio.gather(*(each.request("GET", "/bare") for each in made))  # connect
        watch = Watch().start()
        await asyncio.gather(*(phone(index) for index in range(phones)))
        figures = watch.stop()
    finally:
        for each in made:
            await each.close()
    total = phones * requests
    return {
        "client_cpu_ms_per_request": round(figures["client_cpu_s"] * 1000 / total, 3),
        "requests_per_s": round(total / figures["seconds"]),
        "client_cpu_percent": figures["client_cpu_percent"],
        "server_cpu_percent": figures["server_cpu_percent"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument("--requests", type=int, default=200, help="per phone")
    parser.add_argument("--tries", type=int, default=3)
    args = parser.parse_args()
    if args.phones < 1 or args.requests < 1 or args.tries < 1:
        parser.error("--phones, --requests and --tries want a whole number of at least 1")
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in CLIENTS}
    out: dict[str, Any] = {"load_average_before": os.getloadavg()[0]}
    with HeldPort() as held, bare_fastapi(held.port) as base:
        for turn in range(args.tries):
            order = list(CLIENTS) if turn % 2 == 0 else list(reversed(CLIENTS))
            for name in order:
                runs[name].append(asyncio.run(one_run(base, name, args.phones, args.requests)))
    for name, tries in runs.items():
        medians = {key: statistics.median(run[key] for run in tries) for key in tries[0]}
        out[name] = {**medians, "tries": tries}
    out["load_average_after"] = os.getloadavg()[0]
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
