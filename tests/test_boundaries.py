"""The layers' import rules, read from the source (every `import` anywhere in a module, function
bodies included) and checked again at run time in a fresh interpreter.

The core (`kiosk/`) is Qt-free and HTTP-free and knows nothing of the packages above it; `sync/`
runs on a registry host without Qt. A lazy import inside a function is still an import: the
static check sees it where loading the modules could not.
"""

from __future__ import annotations

import ast
import pkgutil
import re
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
    _probe(tmp_path, "kiosk/commands/probe.py", source)
    _probe(
        tmp_path,
        "kiosk/commands/fine.py",
        "def run():\n    from kiosk.ledger import Ledger\n    from . import common\n",
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


# -- SQL lives with the storage it belongs to ---------------------------------------------------

SQL_HOMES = (
    "kiosk/ledger/",
    "sync/registry/storage.py",
    "sync/registry/credit_storage.py",
    "sync/registry/phone_storage.py",
    "sync/registry/phone_stock_storage.py",  # the phone flow's stock counter (issue 16)
    "sync/registry/phone_sale_storage.py",  # a phone sale under its issuer's lock (issue 16)
    "sync/registry/web/storage.py",
    "sync/registry/event_storage.py",  # events and invoice requests (issue 18)
    "sync/registry/settlement_storage.py",
    "sync/registry/reconcile_storage.py",
    "sync/registry/operator_storage.py",
    "sync/registry/console_storage.py",  # the operator console's overview pages (issue 17)
    "sync/registry/page_storage.py",  # a certificate page in one statement (issue 19)
    "sync/registry/purchase_storage.py",  # the purchases (a push's hot path)
    "sync/registry/db.py",
    "sync/registry/tables/",  # the tables by area (core, phone, events, settlement, operators)
    "sync/registry/migrations/",
)
SQL_TEXT = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|ALTER|DROP|BEGIN)\b")


def sql_outside_storage(root: Path = ROOT) -> list[str]:
    """Statements written, or executed, outside the ledger package and the registry's storage."""
    found = []
    for package in ("kiosk", "ui", "sync"):
        for path in sorted((root / package).rglob("*.py")):
            where = path.relative_to(root).as_posix()
            if where.startswith(SQL_HOMES):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if SQL_TEXT.match(node.value):
                        found.append(f"{where}:{node.lineno} SQL text {node.value[:30]!r}")
                elif isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany"):
                    found.append(f"{where}:{node.lineno} .{node.attr}(...)")
    return found


def test_no_sql_outside_the_ledger_and_the_registry_storage() -> None:
    assert sql_outside_storage() == []


def _probe(root: Path, where: str, source: str) -> None:
    """A module the checks should catch, in a throwaway tree."""
    path = root / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")


def test_the_sql_check_finds_a_query_in_a_screen(tmp_path: Path) -> None:
    _probe(tmp_path, "ui/screen.py", "def rows(db):\n    return db.execute('SELECT * FROM t')\n")
    assert len(sql_outside_storage(tmp_path)) == 2


LEDGER_INSIDES = frozenset({"_write", "_now", "_audit", "_next", "_save", "_order", "_depth"})
LEDGER_CLASS = (
    "kiosk/ledger/store.py",
    "kiosk/ledger/order_changes.py",
    "kiosk/ledger/stock.py",
    "kiosk/ledger/grants.py",
)
# the class and its mixins (order_changes: the order lifecycle's changes; stock: projects and
# allocations; grants: retired serials)


def test_only_the_ledger_class_touches_its_insides() -> None:
    """Other modules use its public operations (`transaction`, `change_time`, `audit`, ...)."""
    found = [
        f"{path.relative_to(ROOT).as_posix()}:{node.lineno} .{node.attr}"
        for package in ("kiosk", "ui", "sync")
        for path in sorted((ROOT / package).rglob("*.py"))
        if path.relative_to(ROOT).as_posix() not in LEDGER_CLASS
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in LEDGER_INSIDES
    ]
    assert found == []


# -- what the screens may call ----------------------------------------------------------------

# As Anki's screens talk to one Collection, ours talk to the per-operation modules (checkout,
# cashier_ops, admin, local_values, ...), the ledger package's public face and value types;
# never to the modules inside kiosk/ledger/ or the printer drivers in kiosk/slips/.
UI_MAY_IMPORT = frozenset(
    {
        "kiosk",
        "kiosk.accounts",
        "kiosk.admin",
        "kiosk.buyer",  # Company, a value type, and its one check (the nickname page's switch)
        "kiosk.cashier_ops",
        "kiosk.catalogue",  # Project, a value type
        "kiosk.certificate.claims",  # what a certificate may claim: Qt-free value types and rules
        "kiosk.checkout",
        "kiosk.cities",
        "kiosk.comparisons",
        "kiosk.config",
        "kiosk.day_close",  # closing the business day when its report is saved
        "kiosk.errors",
        "kiosk.factors",
        "kiosk.footprint",
        "kiosk.formats",  # numbers and money in the visitor's language
        "kiosk.ledger",
        "kiosk.local_values",
        "kiosk.logs",  # the app configures its rotating log file
        "kiosk.money",
        "kiosk.nicknames",  # the block list the nickname screen applies
        "kiosk.offers",  # what can be bought when no project covers the offset
        "kiosk.order_state",
        "kiosk.paths",
        "kiosk.payment",
        "kiosk.phone",  # the phone flow's address the attract screen shows (read off the UI thread)
        "kiosk.pinyin",
        "kiosk.ranking",
        "kiosk.recovery",
        "kiosk.report",
        "kiosk.resources",
        "kiosk.scenarios",
        "kiosk.session",
        "kiosk.slips.content",
        "kiosk.start_settings",  # the settings the kiosk starts with (kiosk.config's, cached)
        "kiosk.timestamps",
        "kiosk.uscc",  # the credit code checked as it is typed
        "kiosk.venue_events",  # Running, the event at the venue (a value type)
        "kiosk.venues",
    }
)
COMMANDS_MAY_IMPORT = frozenset({"kiosk.commands.common"})  # ui/commands/: the CLI's helpers


def _is_module(name: str) -> bool:
    base = ROOT.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def kiosk_modules_named(path: Path) -> Iterator[tuple[int, str]]:
    """Every kiosk module a file imports anywhere; `from kiosk.ledger import overrides` is
    kiosk.ledger.overrides, `from kiosk.ledger import Order` is kiosk.ledger."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, a.name) for a in node.names if a.name.startswith("kiosk"))
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            if node.module.split(".")[0] != "kiosk":
                continue
            named = [f"{node.module}.{a.name}" for a in node.names]
            modules = [name for name in named if _is_module(name)]
            yield from ((node.lineno, name) for name in modules)
            if len(modules) < len(named):
                yield node.lineno, node.module


def ui_reaching_inside(root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted((root / "ui").rglob("*.py")):
        where = path.relative_to(root).as_posix()
        allowed = UI_MAY_IMPORT | (
            COMMANDS_MAY_IMPORT if where.startswith("ui/commands/") else set()
        )
        found += [f"{where}:{line} {name}" for line, name in kiosk_modules_named(path)
                  if name not in allowed]  # fmt: skip
    return found


def test_the_screens_use_only_the_operations_modules_and_value_types() -> None:
    assert ui_reaching_inside() == []


def test_the_ui_check_sees_a_reach_into_the_ledger(tmp_path: Path) -> None:
    _probe(
        tmp_path,
        "ui/screen.py",
        "from kiosk import checkout, ledger\nfrom kiosk.ledger.store import stamp\n"
        "def f():\n    from kiosk.ledger import overrides\n    import kiosk.slips.printers\n",
    )
    found = [entry.split(" ")[1] for entry in ui_reaching_inside(tmp_path)]
    assert sorted(found) == ["kiosk.ledger.overrides", "kiosk.ledger.store", "kiosk.slips.printers"]
