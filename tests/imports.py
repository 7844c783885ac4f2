"""What each role (a kiosk, the registry host) imports from outside the project, followed
through the project's own modules (function bodies included), for the packaging tests."""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import sys
from collections.abc import Iterable
from pathlib import Path

from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
OURS = ("kiosk", "ui", "sync")
DATA = "diandian_resources"  # resources/, installed by our own wheel (setup.py): no code to walk
# `diandian registry ...`: the registry host's (and its parts: sync.commands.registry_events,
# the events and invoices actions; sync.commands.settlement, statements and operators)
REGISTRY_CLI = ("sync.commands.registry", "sync.commands.settlement")


def _registry(module: str) -> bool:
    return module.startswith(("sync.registry", *REGISTRY_CLI))


ROLES = {  # where each role starts; what it reaches from there is followed
    "registry": _registry,
    "kiosk": lambda module: not _registry(module),
}


def _file(module: str) -> Path | None:
    path = ROOT.joinpath(*module.split("."))
    for candidate in (path / "__init__.py", path.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _imported(path: Path, module: str) -> Iterable[str]:
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _modules() -> list[str]:
    return sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for package in OURS
        for path in (ROOT / package).rglob("*.py")
    )


def third_party_imports(role: str) -> dict[str, set[str]]:
    """{distribution: {modules importing it}} for everything the role's code reaches."""
    todo = [module for module in _modules() if ROLES[role](module)]
    seen: set[str] = set()
    found: dict[str, set[str]] = {}
    owners = metadata.packages_distributions()
    while todo:
        module = todo.pop()
        path = _file(module)
        if module in seen or path is None:
            continue
        seen.add(module)
        for name in _imported(path, module):
            top = name.split(".")[0]
            if top in OURS:
                parts = name.split(".")
                todo += [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
            elif top not in sys.stdlib_module_names and top not in ("__future__", DATA):
                for owner in owners.get(top, [top]):
                    found.setdefault(canonicalize_name(owner), set()).add(module)
    return found
