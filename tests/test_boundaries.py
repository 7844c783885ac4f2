"""The layers' import rules, checked in a fresh interpreter so nothing else has loaded Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import kiosk
import sync

FORBIDDEN_IN_CORE = ("PySide6", "shiboken6", "httpx", "fastapi", "starlette", "uvicorn")


def _imported_after(modules: list[str]) -> set[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print('\\n'.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def _modules(package: object) -> list[str]:
    return [info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]


def test_the_core_never_imports_qt_or_http() -> None:
    loaded = _imported_after(["kiosk", *_modules(kiosk)])
    assert not loaded & set(FORBIDDEN_IN_CORE)


def test_sync_never_imports_qt() -> None:
    loaded = _imported_after(["sync", *_modules(sync)])
    assert not loaded & {"PySide6", "shiboken6"}


def test_the_footprint_command_loads_no_qt() -> None:
    code = (
        "import sys\n"
        "from kiosk.cli import main\n"
        "rc = main(['footprint', 'trip', '--set', 'origin=Beijing', '--set', 'mode=flight',"
        " '--json'])\n"
        "assert rc == 0, rc\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'reportlab'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
