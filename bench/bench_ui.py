"""Touchscreen app: cold start to the attract screen, screen-to-screen transitions, and resident
memory over 1,000 automated customers in one process. Prints one JSON object.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui.py [--sessions N]

Headless (Qt's offscreen platform: real widgets, layout and painting, no display server); each
figure is explained in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
COLD_START = """
import sys, time
from PySide6.QtWidgets import QApplication
from kiosk.venues import get_venue
from ui.app import load_font
from ui.window import KioskWindow
app = QApplication(sys.argv[:1])
load_font()
window = KioskWindow(get_venue(), terminal=None)
window.resize(1920, 1080)
window.show()
app.processEvents()
window.repaint()  # the attract screen is painted when this returns
print(time.monotonic(), flush=True)
window.allow_close = True
window.close()
"""


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cold_start(runs: int = 7) -> dict[str, float]:
    times = []
    for _ in range(runs + 1):
        home = tempfile.mkdtemp(prefix="diandian-bench-")
        env = {**os.environ, "DIANDIAN_HOME": home}
        start = time.monotonic()
        out = subprocess.run(
            [sys.executable, "-c", COLD_START],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        ).stdout
        times.append((float(out.split()[0]) - start) * 1000)
    times = times[1:]  # the first run warms the disk cache
    return {
        "cold_start_ms_median": round(statistics.median(times), 1),
        "cold_start_ms_max": round(max(times), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=1000)
    args = parser.parse_args()
    results: dict[str, object] = cold_start()
    home = Path(tempfile.mkdtemp(prefix="diandian-bench-"))
    os.environ["DIANDIAN_HOME"] = str(home)
    (home / "diandian.toml").write_text(
        f'[printer]\nkind = "file"\npath = "{home / "slip.bin"}"\n', encoding="utf-8"
    )
    from PySide6.QtWidgets import QApplication

    from kiosk.venues import get_venue
    from ui.app import load_font
    from ui.window import KioskWindow

    sys.path.insert(0, str(ROOT / "tools"))  # the automated customer lives in tools/autopilot.py
    from autopilot import Autopilot

    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_font()
    window = KioskWindow(get_venue("demo-expo"), terminal=None, poll_ms=20)
    window.flow.paid_min_s = 0.0
    window.resize(1920, 1080)
    window.show()
    pilot = Autopilot(window)
    pilot.settle()
    from kiosk.ledger import Ledger

    with Ledger.open(window.workers.path, create=False) as ledger:  # room for every session
        for stock in ledger.stock():
            ledger.set_allocation(stock.project.id, 2_000_000_000, actor="bench")
            ledger.grant_demo_serials(stock.project.id, 2_000_000_000, actor="bench")
    # transitions: the window switching screen and painting the new one, for every screen
    pilot.to_result("trip")
    pilot.to_projects()
    screens = [
        window.attract,
        window.scenario,
        window.question,
        window.result,
        window.project,
        window.nickname,
        window.order,
        window.paid,
        window.ranking,
    ]
    samples = []
    for _ in range(30):
        for screen in screens:
            start = time.perf_counter()
            window.go(screen)
            window.repaint()
            samples.append((time.perf_counter() - start) * 1000)
    pages = []  # a real "Next" tap on a question page: the next page built and painted
    for _ in range(30):
        pilot.start("hotel_stay")  # first page: nights, on the keypad
        window.question.keypad.press("2")
        start = time.perf_counter()
        window.question.btnNext.click()
        window.repaint()
        pages.append((time.perf_counter() - start) * 1000)
    samples.sort()
    results.update(
        {
            "transition_ms_median": round(statistics.median(samples), 2),
            "transition_ms_p95": round(samples[int(len(samples) * 0.95)], 2),
            "transition_ms_max": round(samples[-1], 2),
            "question_next_ms_median": round(statistics.median(pages), 2),
            "question_next_ms_max": round(max(pages), 2),
        }
    )
    scenarios = ["trip", "hotel_stay", "meal", "lifestyle"]
    for i in range(50):  # warm-up: caches, fonts, first-use allocations
        pilot.customer(scenarios[i % 4], nickname="小明" if i % 2 else "")
        window.flow.home()
    gc.collect()
    before = rss_kb()
    start = time.monotonic()
    for i in range(args.sessions):
        pilot.customer(scenarios[i % 4], nickname="小明" if i % 2 else "")
        window.flow.home()
    elapsed = time.monotonic() - start
    gc.collect()
    pilot.settle()
    after = rss_kb()
    results.update(
        {
            "sessions": args.sessions,
            "session_s_mean": round(elapsed / args.sessions, 3),
            "rss_mb_before": round(before / 1024, 1),
            "rss_mb_after": round(after / 1024, 1),
            "rss_growth_mb": round((after - before) / 1024, 1),
        }
    )
    window.allow_close = True
    window.close()
    app.processEvents()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
