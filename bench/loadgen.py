"""A small closed-loop HTTP load generator for the registry benches: N client threads, each
with its own keep-alive connection, sending requests back to back for a fixed time.

Every figure is measured from the client (request sent to answer read), so a bench compares
the project's pages with a baseline page served and loaded exactly the same way.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Load:
    clients: int
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def per_s(self) -> float:
        return self.requests / self.seconds

    def figures(self) -> dict[str, float]:
        return {
            "clients": self.clients,
            "requests_per_s": round(self.per_s),
            "p50_ms": round(self.p50_ms, 2),
            "p99_ms": round(self.p99_ms, 2),
            "p99_over_p50": round(self.p99_ms / self.p50_ms, 2),
        }


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def load(base: str, paths: Sequence[str], clients: int, seconds: float) -> Load:
    """`clients` threads GET the paths in turn (each starts at its own offset) for `seconds`;
    every answer must be 200 or 304."""
    latencies: list[float] = []
    lock = threading.Lock()
    start_line = threading.Barrier(clients + 1)
    deadline = [0.0]
    failures: list[str] = []

    def worker(offset: int) -> None:
        mine = []
        with httpx.Client(base_url=base, timeout=60) as client:
            client.get(paths[offset % len(paths)])  # connect before the clock starts
            start_line.wait()
            i = offset
            while time.perf_counter() < deadline[0]:
                t0 = time.perf_counter()
                response = client.get(paths[i % len(paths)])
                mine.append(time.perf_counter() - t0)
                if response.status_code not in (200, 304):
                    failures.append(f"{paths[i % len(paths)]}: {response.status_code}")
                    break
                i += clients
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + seconds
    start_line.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"load on {base}: {failures[0]}")
    return Load(
        clients=clients,
        requests=len(latencies),
        seconds=elapsed,
        p50_ms=statistics.median(latencies) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
    )


BARE_APP = """
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
import uvicorn, sys
app = FastAPI()
PAGE = "<!doctype html><title>bare</title><p>" + "x" * 4000

@app.get("/bare")
async def bare() -> HTMLResponse:
    return HTMLResponse(PAGE)

uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
"""


@contextmanager
def bare_fastapi(port: int) -> Iterator[str]:
    """The baseline: a bare FastAPI page (4 kB of HTML, no database) under the same uvicorn."""
    process = subprocess.Popen([sys.executable, "-c", BARE_APP, str(port)], env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{base}/bare", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the bare FastAPI app did not start")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
