"""Operator actions (the `diandian registry ...` commands): tokens, projects, factors, stats.

Imports are checked in full before anything is written, and each runs in one transaction,
so a bad file changes nothing and says which entry is wrong.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from kiosk.catalogue import parse_catalogue
from kiosk.errors import DataError, InputError
from kiosk.resources import load_toml
from sync.registry import credits, storage

SERIAL_RANGE = re.compile(r"^(?P<prefix>.*?)(?P<first>\d+)\.\.(?P=prefix)?(?P<last>\d+)$")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


def new_enrol_token(*, conn: Connection, name: str) -> str:
    """A one-time token; only its hash is stored, so a database leak enrols nobody."""
    if not name.strip():
        raise InputError("--name", "give the kiosk or venue a name")
    # Crockford base32 in groups of six: no I, L, O or U to misread when an operator types it,
    # and never a leading "-" (it would read as an option on `diandian enroll --token`).
    raw = "".join(secrets.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(24))
    token = "-".join(raw[i : i + 6] for i in range(0, 24, 6))
    storage.add_enrol_token(conn=conn, token_hash=hash_token(token), name=name.strip())
    return token


def read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise InputError("FILE", f"cannot read {path}: {exc.strerror or exc}") from None
    is_json = path.suffix.lower() == ".json"
    try:
        data = json.loads(text) if is_json else tomllib.loads(text.decode())
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not valid {path.suffix.lstrip('.') or 'TOML'} ({exc})") from None
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a table of projects")
    return data


def parse_block(text: Any, where: str) -> tuple[str, int, int, int]:
    """`CDCER-2024-000001..000500` (or `..CDCER-2024-000500`) -> (prefix, first, last, width)."""
    match = SERIAL_RANGE.match(str(text))
    if not match:
        raise DataError(f"{where}: serial block {text!r} is not like CDCER-2024-000001..000500")
    first, last = int(match["first"]), int(match["last"])
    if last < first:
        raise DataError(f"{where}: serial block {text!r} ends before it starts")
    return match["prefix"], first, last, len(match["first"])


def import_projects(*, conn: Connection, data: dict[str, Any], source: str) -> list[str]:
    """Projects in the kiosk catalogue format, each with `serials` blocks and `stock_t`."""
    if "project" not in data and isinstance(data.get("projects"), list):
        data = {**data, "project": data["projects"]}  # JSON files may say "projects"
    data = {"version": "import", **data}
    catalogue = parse_catalogue(data, source)
    rows = data.get("project", [])
    known = {p.project_id: p for p in storage.list_projects(conn=conn)}
    plans = []
    for index, (project, row) in enumerate(zip(catalogue.projects, rows, strict=True)):
        where = f"{source} project #{index + 1} ({project.id})"
        blocks = [parse_block(b, where) for b in row.get("serials", [])]
        for prefix, first, last, _ in blocks:
            if storage.block_overlaps(conn=conn, prefix=prefix, first=first, last=last):
                raise DataError(f"{where}: serials {prefix}{first}..{last} were already imported")
        new_serials = sum(last - first + 1 for _, first, last, _ in blocks)
        have = storage.serial_count(conn=conn, project_id=project.id) if project.id in known else 0
        stock_t = row.get("stock_t", new_serials)
        if not isinstance(stock_t, int) or isinstance(stock_t, bool) or stock_t < 0:
            raise DataError(f"{where}: stock_t must be a whole number of tonnes")
        old_stock_t = known[project.id].stock_g // credits.TONNE_G if project.id in known else 0
        if old_stock_t + stock_t > have + new_serials:
            raise DataError(
                f"{where}: stock of {old_stock_t + stock_t} t needs as many serials; "
                f"only {have + new_serials} are imported"
            )
        plans.append((index, project, blocks, stock_t))
    for index, project, blocks, stock_t in plans:
        position = known[project.id].position if project.id in known else len(known) + index
        data_text = json.dumps(project.to_dict(), ensure_ascii=False, sort_keys=True)
        storage.save_project(conn=conn, project_id=project.id, position=position, data=data_text)
        for prefix, first, last, width in blocks:
            storage.add_serial_block(
                conn=conn, project_id=project.id, prefix=prefix, first=first, last=last, width=width
            )
        storage.add_stock(conn=conn, project_id=project.id, grams=stock_t * credits.TONNE_G)
    bump_catalogue_version(conn=conn)
    return [project.id for _, project, _, _ in plans]


def bump_catalogue_version(*, conn: Connection) -> str:
    number = int(storage.get_setting(conn=conn, key="catalogue_serial") or 0) + 1
    storage.set_setting(conn=conn, key="catalogue_serial", value=str(number))
    return str(number)


def catalogue(*, conn: Connection) -> dict[str, Any]:
    serial = storage.get_setting(conn=conn, key="catalogue_serial") or "0"
    projects = [json.loads(p.data) for p in storage.list_projects(conn=conn)]
    return {"version": f"registry-{serial}", "demo": False, "projects": projects}


def factors(*, conn: Connection) -> dict[str, Any]:
    """The factor table an operator imported, else the one shipped in resources/."""
    stored = storage.get_setting(conn=conn, key="factors")
    table = json.loads(stored) if stored else load_toml("factors", "factors.toml")
    return {"version": str(table.get("version", "")), "table": table}


def import_factors(*, conn: Connection, data: dict[str, Any], source: str) -> str:
    version = data.get("version")
    rows = data.get("factor")
    if not isinstance(version, str) or not version or not isinstance(rows, list) or not rows:
        raise DataError(f"{source}: a factor table needs a version and [[factor]] rows")
    if any(not isinstance(r, dict) or not isinstance(r.get("id"), str) for r in rows):
        raise DataError(f"{source}: every factor needs an id")
    storage.set_setting(conn=conn, key="factors", value=json.dumps(data, ensure_ascii=False))
    return version


def stats(*, conn: Connection) -> dict[str, Any]:
    sold = storage.sold_per_project(conn=conn)
    projects = []
    for p in storage.list_projects(conn=conn):
        count, grams = sold.get(p.project_id, (0, 0))
        projects.append(
            {
                "project_id": p.project_id,
                "purchases": count,
                "sold_g": grams,
                "retired_g": p.retired_g,
                "covered_g": p.covered_g,
                "allocated_g": p.allocated_g,
                "stock_g": p.stock_g,
            }
        )
    return {**storage.counts(conn=conn), "projects": projects}
