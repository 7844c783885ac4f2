"""Qt tests run headless on a fresh DIANDIAN_HOME per test: a real ledger on a temp file, the
slip printed to a file (real ESC/POS bytes), translations compiled if `make` has not yet."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk.venues import get_venue
from tests.fake_printer import FakePrinter

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
GENEROUS_S = 30  # a loaded 2-core machine: a wait's timeout is a bound, never a measure


def wait(qtbot, condition: Callable[[], object], seconds: float = GENEROUS_S) -> None:
    """pytest-qt's waitUntil, never shorter than GENEROUS_S (the Autopilot's `wait`)."""
    qtbot.waitUntil(lambda: bool(condition()), timeout=int(max(seconds, GENEROUS_S) * 1000))


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """`make test` builds the .qm files; a bare `pytest` builds them here the same way."""
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    for ts in TRANSLATIONS.glob("*.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("DIANDIAN_HOME", str(folder))
    return folder


def set_printer(home: Path, table: str) -> None:
    (home / "diandian.toml").write_text(f"[printer]\n{table}\n", encoding="utf-8")


@contextmanager
def silent_printer(home: Path) -> Iterator[FakePrinter]:
    """The configured printer is a real listener that takes a slip's bytes (text mode: a few
    kB, inside the kernel's buffers) and never reads or answers; timeout 1 s."""
    printer = FakePrinter(reads=False, buffer=None)
    set_printer(
        home,
        f'kind = "network"\nhost = "127.0.0.1"\nport = {printer.port}\nmode = "text"\n'
        "timeout_s = 1.0",
    )
    try:
        yield printer
    finally:
        printer.close()


@pytest.fixture
def slip_file(home: Path) -> Path:
    """The configured printer is a file: the slip's ESC/POS job lands in it."""
    path = home / "slip.bin"
    set_printer(home, f'kind = "file"\npath = "{path}"')
    return path


@pytest.fixture
def kiosk(qtbot, home: Path) -> Iterator[Callable[..., object]]:
    """Make a KioskWindow (1920x1080, shown) and an Autopilot for it; closed afterwards."""
    from tools.autopilot import Autopilot
    from ui.window import KioskWindow

    made: list[KioskWindow] = []

    def make(venue: str = "demo-expo", **options: object) -> tuple[KioskWindow, Autopilot]:
        options.setdefault("terminal", None)
        options.setdefault("poll_ms", 50)
        window = KioskWindow(get_venue(venue), **options)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.resize(1920, 1080)
        window.show()
        made.append(window)
        pilot = Autopilot(window, wait=lambda condition, s: wait(qtbot, condition, s))
        pilot.settle()
        return window, pilot

    yield make
    for window in made:
        window.allow_close = True
        window.close()
