"""Run every benchmark in bench/ and print their figures (copy them into BENCHMARKS.md).

Each script runs in its own process (one's imports and caches never flatter the next one's
start-up figures) and is stopped after BENCH_TIMEOUT_S seconds (default 900), so `make bench`
ends in bounded time even on a loaded machine; a script stopped says so and the next one runs.
Name scripts to run only those: `.venv/bin/python bench/run_all.py startup footprint`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TIMEOUT_S = float(os.environ.get("BENCH_TIMEOUT_S", "900"))


def main(names: list[str]) -> int:
    scripts = sorted(Path(__file__).parent.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    failed = 0
    for script in scripts:
        print(f"== {script.name}", flush=True)
        try:
            done = subprocess.run([sys.executable, str(script)], timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            print(f"{script.name}: stopped after {TIMEOUT_S:.0f} s (BENCH_TIMEOUT_S)", flush=True)
            failed += 1
            continue
        failed += done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
