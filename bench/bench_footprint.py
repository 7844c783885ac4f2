"""Footprint engine benchmark: in-process evaluations per second, and the CLI's wall time.

Run: `make bench` (all benchmarks) or `.venv/bin/python bench/bench_footprint.py`.
Goals (issue 2): >= 20,000 evaluations/s for `trip` and `lifestyle` in one process on the
2-core machine; `diandian footprint trip ... --json` under 300 ms as a whole process.
Each evaluation is the full path a request takes: raw text answers checked, activities mapped,
grams computed (`kiosk.footprint.compute`), exactly what the CLI and the touchscreen call.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from kiosk.footprint import compute
from kiosk.venues import get_venue

TRIP = {"origin": "Beijing", "mode": "flight", "nights": "2", "meals": "4"}
LIFESTYLE = {
    "household_size": "3",
    "electricity_kwh_month": "250",
    "gas_m3_month": "20",
    "car_km_year": "8000",
    "domestic_flights": "4",
    "international_flight_km": "9000",
    "diet": "medium_meat",
    "clothing_kg_year": "8",
    "electronics_kg_year": "2",
    "waste_kg_week": "6",
}
CLI = ["footprint", "trip", "--set", "origin=Beijing", "--set", "mode=flight", "--json"]


def evaluations_per_second(scenario: str, answers: dict[str, str], seconds: float = 2.0) -> float:
    venue = get_venue()
    compute(scenario, answers, venue=venue)  # warm the caches: tables load once per process
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(500):
            compute(scenario, answers, venue=venue)
        count += 500
    return count / (time.perf_counter() - start)


def cli_wall_ms(runs: int = 20) -> tuple[float, float]:
    exe = str(Path(sys.executable).parent / "diandian")
    times = []
    for _ in range(runs + 2):
        start = time.perf_counter()
        subprocess.run([exe, *CLI], check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    times = sorted(times[2:])  # the first two runs warm the OS file cache
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


def table_in_force_ms(reads: int = 2000) -> float:
    """Median time to read the factor table in force from a ledger (a pulled table with one
    local value on top): the kiosk does this as every visit starts (kiosk.ledger.overrides)."""
    import tempfile
    from decimal import Decimal

    from kiosk.catalogue import load_demo_catalogue
    from kiosk.factors import LocalFactor
    from kiosk.ledger import Ledger, overrides, syncstate
    from kiosk.resources import load_toml

    with tempfile.TemporaryDirectory() as folder, Ledger.open(Path(folder) / "l.sqlite") as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        pulled = load_toml("factors", "factors.toml")
        pulled["version"] = "2099.1.1"
        syncstate.store_pulled(ledger, "factors", pulled["version"], pulled)
        local = LocalFactor("meal_mixed", Decimal("2.5"), "p", "d", 2026, "https://x.example", "b")
        overrides.set_factor(ledger, local, "bench")
        times = []
        for _ in range(reads):
            start = time.perf_counter()
            overrides.effective_factors(ledger)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    results = {
        "table_in_force_ms_median": round(table_in_force_ms(), 3),
        "trip_evals_per_s": round(evaluations_per_second("trip", TRIP)),
        "lifestyle_evals_per_s": round(evaluations_per_second("lifestyle", LIFESTYLE)),
    }
    median, p90 = cli_wall_ms()
    results["cli_wall_ms_median"] = round(median, 1)
    results["cli_wall_ms_p90"] = round(p90, 1)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
