"""The layers' import rules, read from the source (every `import` anywhere in a module, function
bodies included) and checked again at run time in a fresh interpreter.

The core (`kiosk/`) is Qt-free and HTTP-free and knows nothing of the packages above it; `sync/`
runs on a registry host without Qt. A lazy import inside a function is still an import: the
static check sees it where loading the modules could not.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import kiosk
import sync

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_IN_CORE = frozenset(
    {
        "ui",
        "sync",
        "PySide6",
        "shiboken6",
        "fastapi",
        "starlette",
        "sqlalchemy",
        "httpx",
        "uvicorn",
    }
)
FORBIDDEN_IN_SYNC = frozenset({"ui", "PySide6", "shiboken6"})
DYNAMIC_IMPORTS = frozenset({"import_module", "__import__"})


def _package_of(path: Path, root: Path) -> list[str]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts if path.name == "__init__.py" else parts[:-1]


def imports_in(path: Path, root: Path = ROOT) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in a file, wherever it sits; relative imports
    resolved; `importlib.import_module("...")` and `__import__("...")` with a literal counted."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = _package_of(path, root)
                base = package[: len(package) - node.level + 1]
                yield node.lineno, ".".join([*base, *([node.module] if node.module else [])])
            else:
                yield node.lineno, node.module or ""
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0] if node.args else None
            if name in DYNAMIC_IMPORTS and isinstance(first, ast.Constant):
                yield node.lineno, str(first.value)


def violations(package: str, forbidden: frozenset[str], root: Path = ROOT) -> list[str]:
    return [
        f"{path.relative_to(root).as_posix()}:{line} imports {name}"
        for path in sorted((root / package).rglob("*.py"))
        for line, name in imports_in(path, root)
        if name.split(".")[0] in forbidden
    ]


def test_the_core_imports_nothing_above_it_not_even_inside_a_function() -> None:
    assert violations("kiosk", FORBIDDEN_IN_CORE) == []


def test_sync_never_imports_qt_or_the_ui() -> None:
    assert violations("sync", FORBIDDEN_IN_SYNC) == []


@pytest.mark.parametrize(
    "source",
    [
        "def run():\n    from ui.app import run_kiosk\n",
        "def run():\n    import sqlalchemy.exc\n",
        "class A:\n    def f(self):\n        from sync import job\n",
        "import importlib\nimportlib.import_module('sync.client')\n",
        "from ...ui import window\n",
    ],
)
def test_the_static_check_sees_imports_anywhere(tmp_path: Path, source: str) -> None:
    """The check itself: a lazy import the old, import-time test missed is caught."""
    (tmp_path / "kiosk" / "commands").mkdir(parents=True)
    (tmp_path / "kiosk" / "commands" / "probe.py").write_text(source, encoding="utf-8")
    (tmp_path / "kiosk" / "commands" / "fine.py").write_text(
        "def run():\n    from kiosk.ledger import Ledger\n    from . import common\n",
        encoding="utf-8",
    )
    found = violations("kiosk", FORBIDDEN_IN_CORE, root=tmp_path)
    assert len(found) == 1 and found[0].startswith("kiosk/commands/probe.py:"), found


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


# Scripts that only run inside another tool (alembic's environment); the static check reads them.
NOT_IMPORTABLE = frozenset({"sync.registry.migrations.env"})


def _modules(package: object) -> list[str]:
    found = pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    return [info.name for info in found if info.name not in NOT_IMPORTABLE]


def test_loading_every_core_module_loads_nothing_above_it() -> None:
    loaded = _imported_after(["kiosk", *_modules(kiosk)])
    assert not loaded & FORBIDDEN_IN_CORE


def test_loading_every_sync_module_loads_no_qt() -> None:
    loaded = _imported_after(["sync", *_modules(sync)])
    assert not loaded & FORBIDDEN_IN_SYNC


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
