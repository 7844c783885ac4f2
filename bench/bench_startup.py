"""Start-up: the kiosk's cold start to its first painted attract screen against a bare PySide6
window, and `diandian footprint ... --json` against `python -c pass`, each pair measured
alternately in the same run. Prints one JSON object.

    .venv/bin/python bench/bench_startup.py [--runs N]

Goals (issue 19): the kiosk within 2x a bare window; the CLI at 50 ms or less. Each run is a
new process, timed from just before it is spawned to the moment it reports (the child prints
`time.monotonic()` once its window is painted; the CLI and `pass` are timed to their exit).
Each figure comes twice: wall time, and the CPU time the process used (user + system, all its
threads), which other processes on a shared machine inflate far less than the wall time.
Headless (Qt's offscreen platform: real widgets, layout and painting, no display server).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Children run in an empty folder: `python -c` puts its working folder first on sys.path, so a
# run from the checkout would import the checkout's modules even when PYTHONPATH names other
# ones (a before/after comparison: PYTHONPATH=/path/to/old/tree .venv/bin/python bench/...).
WORK = Path(tempfile.mkdtemp(prefix="diandian-bench-cwd-"))
EXE = Path(sys.executable)

# What `diandian kiosk` does up to its first frame (ui/app.py run_kiosk, without the watchdog
# and the event loop): settings, venue, QApplication, the shipped font, the window, one paint.
# The data folder holds a diandian.toml (a venue and the languages), as a real kiosk's does.
KIOSK = """
import sys, time
import kiosk, pathlib
if (pathlib.Path(kiosk.__path__[0]) / "start_settings.py").exists():
    from kiosk.start_settings import start_settings
else:  # code from before issue 19 (a before/after run via PYTHONPATH)
    from kiosk.config import load_settings
    start_settings = lambda: load_settings()[0]
from kiosk.venues import get_venue
from PySide6.QtWidgets import QApplication
from ui.app import load_font
from ui.window import KioskWindow
settings = start_settings()
app = QApplication(sys.argv[:1])
load_font()
window = KioskWindow(get_venue(settings.venue), settings.languages[0])
window.resize(1920, 1080)
window.show()
app.processEvents()
window.repaint()  # the attract screen is painted when this returns
print(time.monotonic(), time.process_time(), flush=True)
window.allow_close = True
window.close()
"""

# The floor: the same interpreter showing one empty window of the same size.
BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1920, 1080)
window.show()
app.processEvents()
window.repaint()
print(time.monotonic(), time.process_time(), flush=True)
"""

# The kiosk's start in steps, CPU milliseconds each (the profile behind the ratio above).
PHASES = """
import json, sys, time
marks = [("interpreter start", time.process_time())]
def mark(name):
    marks.append((name, time.process_time()))
from PySide6.QtWidgets import QApplication
mark("import PySide6.QtWidgets (the bare window pays it too)")
from kiosk.start_settings import start_settings
settings = start_settings()
mark("start_settings() (the settings check, cached)")
from kiosk.venues import get_venue
venue = get_venue(settings.venue)
mark("get_venue()")
from ui.app import load_font
from ui.window import KioskWindow
mark("import ui.window (the attract screen, the kiosk core)")
app = QApplication(sys.argv[:1])
load_font()
mark("QApplication + font")
window = KioskWindow(venue, settings.languages[0])
mark("KioskWindow() (the attract screen built, style sheet set)")
window.resize(1920, 1080)
window.show()
app.processEvents()
window.repaint()
mark("show + first paint (polish, layout, glyphs)")
steps = {n: round((t - marks[i][1]) * 1000, 1) for i, (n, t) in enumerate(marks[1:])}
# After the first frame: the other screens, each built as the event loop would (what a
# visitor's first tap may wait for is the longest single one). The UI thread's CPU only
# (`thread_time`): the ledger is being opened on the writer thread meanwhile.
each = []
if hasattr(window, "LAZY"):
    window._prepare()  # the payment terminal's settings, read once the first frame is painted
for name in getattr(window, "LAZY", ()):
    start = time.thread_time()
    window.go(getattr(window, name))  # built, shown, polished and laid out
    window.repaint()
    each.append(time.thread_time() - start)
if each:
    steps["after the first frame: the 12 other screens, each shown"] = round(sum(each) * 1000, 1)
    steps["after the first frame: the longest single screen"] = round(max(each) * 1000, 1)
print(json.dumps({"interpreter start": round(marks[0][1] * 1000, 1), **steps}))
window.allow_close = True
window.close()
"""

CLI = ["footprint", "trip", "--set", "origin=Beijing", "--set", "mode=flight", "--json"]


Sample = tuple[float, float]  # (wall ms, CPU ms of the process: user + system, all threads)


def painted_ms(code: str, env: dict[str, str]) -> Sample:
    """From spawning a Python running CODE to the time it prints (its paint): wall time, and
    the CPU time the process had used by then (what the machine's other load cannot inflate
    much, unlike the wall time on a shared 2-core machine)."""
    start = time.monotonic()
    out = subprocess.run(
        [str(EXE), "-c", code], capture_output=True, text=True, env=env, cwd=WORK, check=True
    ).stdout
    painted, cpu = (float(value) for value in out.split()[:2])
    return (painted - start) * 1000, cpu * 1000


def exit_ms(argv: list[str]) -> Sample:
    """From spawning ARGV to its exit: wall time, and the CPU time it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=True, cwd=WORK)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu * 1000


def paired(
    project: Callable[[], Sample], baseline: Callable[[], Sample], runs: int
) -> dict[str, float]:
    """Medians of RUNS alternating runs of each (after one warm-up each: the disk cache)."""
    project()
    baseline()
    ours, floor = [], []
    for _ in range(runs):
        ours.append(project())
        floor.append(baseline())
    wall, cpu = (statistics.median(s[0] for s in ours), statistics.median(s[1] for s in ours))
    wall0, cpu0 = (statistics.median(s[0] for s in floor), statistics.median(s[1] for s in floor))
    return {
        "ms_median": round(wall, 1),
        "baseline_ms_median": round(wall0, 1),
        "ratio": round(wall / wall0, 2),
        "ms_max": round(max(s[0] for s in ours), 1),
        "cpu_ms_median": round(cpu, 1),
        "baseline_cpu_ms_median": round(cpu0, 1),
        "cpu_ratio": round(cpu / cpu0, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="diandian-bench-")
    env = {**os.environ, "DIANDIAN_HOME": home}  # a new ledger folder, as on a first start
    Path(home, "diandian.toml").write_text(
        '[kiosk]\nvenue = "demo-expo"\nlanguages = ["zh", "en"]\n', encoding="utf-8"
    )
    kiosk = paired(lambda: painted_ms(KIOSK, env), lambda: painted_ms(BARE, env), args.runs)
    cli = paired(
        lambda: exit_ms([str(EXE.parent / "diandian"), *CLI]),
        lambda: exit_ms([str(EXE), "-c", "pass"]),
        args.runs * 2,
    )
    phases = [
        json.loads(
            subprocess.run(
                [str(EXE), "-c", PHASES], capture_output=True, text=True, env=env, cwd=WORK
            ).stdout
            or "{}"  # code from before issue 19 has no kiosk.start_settings: no steps
        )
        for _ in range(5)
    ]
    results = {
        "load_1min": round(os.getloadavg()[0], 2),
        "kiosk_cpu_ms_by_step_median_of_5": {
            name: statistics.median(p[name] for p in phases) for name in phases[0]
        },
        **{f"kiosk_first_paint_{k}": v for k, v in kiosk.items()},
        **{f"cli_footprint_{k}": v for k, v in cli.items()},
    }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
