"""How busy the load generator and the server were during a bench phase (Linux /proc).

Why: a closed-loop bench whose client process is at a whole core measures its own event
loop's queue, not the server (BENCHMARKS.md "Phone flow", 2026-12-06). Each phase therefore
reports the client's CPU (this process) and the servers' (every process started below this
one: `diandian registry serve`, the bare FastAPI app) as a percentage of one core.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # gone, or no /proc
        return None
    return text[text.rindex(")") + 2 :].split()  # the fields after "pid (comm)"


def descendants(root: int) -> list[int]:
    """The processes below `root`, at any depth."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            parents[int(entry.name)] = int(fields[1])
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of `pids` so far (fields 14 and 15 of /proc/PID/stat)."""
    ticks = 0
    for pid in pids:
        if (fields := _stat(pid)) is not None:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / TICK


class Watch:
    """CPU of this process and of its servers between `start()` and `stop()`, in % of one
    core over the wall time (the servers are found at `start()`: start them first)."""

    def start(self) -> Watch:
        self.servers = descendants(os.getpid())
        self.wall = time.perf_counter()
        self.client = time.process_time()
        self.server = cpu_seconds(self.servers)
        return self

    def stop(self) -> dict[str, float]:
        wall = time.perf_counter() - self.wall
        client = time.process_time() - self.client
        server = cpu_seconds(self.servers) - self.server
        return {
            "seconds": round(wall, 2),
            "client_cpu_s": round(client, 2),
            "client_cpu_percent": round(100 * client / wall),
            "server_cpu_percent": round(100 * server / wall),
        }
