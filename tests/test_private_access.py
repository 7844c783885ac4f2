"""No module reads a private attribute of a library: a minor release may remove it.

(kiosk/ledger/schema.py read sqlite-utils' `Migrations._migrations`; `migrations.pending()` on
an empty database gives the same list through the public API.)
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OURS = {"kiosk", "ui", "sync", "diandian_resources", "tests", "tools", "bench"}


def _library_names(tree: ast.Module) -> set[str]:
    """Names bound to a library's module or object, or to an instance one of them made."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] not in OURS:
                    names.add(alias.asname or alias.name.split(".")[0])
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and node.module
            and node.module.split(".")[0] not in OURS | {"__future__"}
        ):
            names.update(alias.asname or alias.name for alias in node.names)
    for node in tree.body:  # module-level `x = Library(...)`
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            root = func.id if isinstance(func, ast.Name) else None
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                root = func.value.id
            if root in names:
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names - set(sys.stdlib_module_names)


def _private_reads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    library = _library_names(tree)
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}: {node.value.id}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in library
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
    ]


def test_no_module_reads_a_library_private_attribute() -> None:
    found = [
        hit
        for package in ("kiosk", "ui", "sync")
        for path in sorted((ROOT / package).rglob("*.py"))
        for hit in _private_reads(path)
    ]
    assert found == []
