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
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Row

from kiosk.catalogue import parse_catalogue
from kiosk.certificate.address import check_public_url
from kiosk.credit import serial_text
from kiosk.errors import DataError, InputError
from kiosk.resources import load_toml
from kiosk.timestamps import stamp, utc_now
from sync.registry import contracts, credit_storage, credits, storage

TOKEN_LIFETIME = timedelta(days=7)  # an enrolment token unused this long is refused
MAX_TOKEN_LIFETIME = timedelta(days=90)
DURATION = re.compile(r"^([1-9][0-9]{0,4})([mhd])$")
UNITS = {"m": "minutes", "h": "hours", "d": "days"}


def hash_token(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


def parse_lifetime(text: str) -> timedelta:
    """`30m`, `12h`, `7d`: how long a new token stays usable (at most 90 days)."""
    match = DURATION.match(text.strip())
    if not match:
        raise InputError("--expires", f"{text!r}: give minutes, hours or days, like 30m, 12h, 7d")
    lifetime = timedelta(**{UNITS[match[2]]: int(match[1])})
    if lifetime > MAX_TOKEN_LIFETIME:
        raise InputError("--expires", f"{text!r}: at most {MAX_TOKEN_LIFETIME.days} days")
    return lifetime


def new_enrol_token(*, conn: Connection, name: str, lifetime: timedelta = TOKEN_LIFETIME) -> str:
    """A one-time token, usable for `lifetime`; only its hash is stored, so a database leak
    enrols nobody."""
    if not name.strip():
        raise InputError("--name", "give the kiosk or venue a name")
    # Crockford base32 in groups of six: no I, L, O or U to misread when an operator types it,
    # and never a leading "-" (it would read as an option on `diandian enroll --token`).
    raw = "".join(secrets.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(24))
    token = "-".join(raw[i : i + 6] for i in range(0, 24, 6))
    expires_at = stamp(utc_now() + lifetime)
    storage.add_enrol_token(
        conn=conn, token_hash=hash_token(token), name=name.strip(), expires_at=expires_at
    )
    return token


def token_refusal(token: Row | None) -> str | None:
    """Why an enrolment token cannot be used now, or None if it can."""
    if token is None:
        return "the enrolment token is unknown"
    if token.used_at is not None:
        return "the enrolment token was already used"
    if token.revoked_at is not None:
        return f"the enrolment token was revoked at {token.revoked_at}"
    if token.expires_at is None or token.expires_at <= storage.now_text():
        when = token.expires_at or "its creation"
        return f"the enrolment token expired at {when}; ask for a new one"
    return None


def token_fingerprint(token_hash: str) -> str:
    """What `registry tokens` shows of a token (the token itself is never stored)."""
    return token_hash[:12]


def token_status(token: Row) -> str:
    if token.used_at is not None:
        return f"used by {token.kiosk_id}"
    refusal = token_refusal(token)
    return "usable" if refusal is None else refusal.removeprefix("the enrolment token ")


def revoke_token(*, conn: Connection, ref: str) -> int:
    """Revoke the token given in full, or by the fingerprint `registry tokens` shows."""
    ref = ref.strip()
    if not ref:
        raise InputError(
            "TOKEN", "give the token, or its fingerprint from `registry tokens`", "token_empty"
        )
    full = hash_token(ref)
    matches = [
        t.token_hash
        for t in storage.list_enrol_tokens(conn=conn)
        if t.token_hash == full or (len(ref) >= 8 and t.token_hash.startswith(ref.lower()))
    ]
    if not matches:
        raise InputError(
            "TOKEN", f"no enrolment token is {ref!r} or starts with it", "token_unknown",
            ref=ref[:40],
        )  # fmt: skip
    if len(matches) > 1:
        raise InputError(
            "TOKEN", f"{ref!r} matches {len(matches)} tokens; give more of it", "token_ambiguous",
            ref=ref[:40], count=len(matches),
        )  # fmt: skip
    return storage.revoke_enrol_tokens(conn=conn, token_hashes=matches)


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
    match = credits.SERIAL_RANGE.match(str(text))
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
        settlement = row.get("settlement")
        if settlement is not None and not isinstance(settlement, dict):
            raise DataError(f"{where}: settlement must be a table (owner, fee_percent, period)")
        terms = dict(settlement or {})
        contracts.checked_terms(terms, f"{where} settlement.")  # refused before any change
        plans.append((index, project, blocks, stock_t, terms))
    for index, project, blocks, stock_t, terms in plans:
        position = known[project.id].position if project.id in known else len(known) + index
        data_text = json.dumps(project.to_dict(), ensure_ascii=False, sort_keys=True)
        storage.save_project(conn=conn, project_id=project.id, position=position, data=data_text)
        for prefix, first, last, width in blocks:
            storage.add_serial_block(
                conn=conn, project_id=project.id, prefix=prefix, first=first, last=last, width=width
            )
        storage.add_stock(conn=conn, project_id=project.id, grams=stock_t * credits.TONNE_G)
        if terms:  # the project's settlement contract, or a change of it (audited)
            contracts.set_contract(
                conn=conn, project_id=project.id, changes=terms, actor=f"import:{source}"
            )
    bump_catalogue_version(conn=conn)
    return [project.id for _, project, _, _, _ in plans]


def bump_catalogue_version(*, conn: Connection) -> str:
    number = int(storage.get_setting(conn=conn, key="catalogue_serial") or 0) + 1
    storage.set_setting(conn=conn, key="catalogue_serial", value=str(number))
    return str(number)


def catalogue(*, conn: Connection) -> dict[str, Any]:
    serial = storage.get_setting(conn=conn, key="catalogue_serial") or "0"
    projects = [json.loads(p.data) for p in storage.list_projects(conn=conn)]
    return {
        "version": f"registry-{serial}",
        "demo": False,
        "projects": projects,
        "public_url": public_url(conn=conn),
    }


def public_url(*, conn: Connection) -> str | None:
    """The address certificate QRs point to (`serve --public-url`); None: the address kiosks
    sync with, which serves the pages too."""
    return storage.get_setting(conn=conn, key="public_url") or None


def set_public_url(*, conn: Connection, url: str) -> str:
    """Store the public address for every registry process over this database."""
    checked = check_public_url(url, "--public-url")
    storage.set_setting(conn=conn, key="public_url", value=checked)
    return checked


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
    """Sales and retirement per project, and the disclosure per retired block: tonnes retired,
    grams sold (allocated to a live certificate), refunded (voided for good) and unallocated
    (the platform's own contribution, claimed for no one; part may still be held by kiosks)."""
    sold = storage.sold_per_project(conn=conn)
    pending = credit_storage.pending_totals(conn=conn)
    projects = []
    for p in storage.list_projects(conn=conn):
        count, grams = sold.get(p.project_id, (0, 0))
        waiting, waiting_g = pending.get(p.project_id, (0, 0))
        projects.append(
            {
                "project_id": p.project_id,
                "credit_model": str(credits.model_of(p)),
                "purchases": count,
                "sold_g": grams,
                "retired_g": p.retired_g,
                "allocated_g": p.allocated_g,
                "stock_g": p.stock_g,
                "pending_purchases": waiting,
                "pending_g": waiting_g,
            }
        )
    blocks = []
    for b in credit_storage.block_disclosure(conn=conn):
        retired = (b["last"] - b["first"] + 1) * credits.TONNE_G
        blocks.append(
            {
                "project_id": b["project_id"],
                "serials": f"{serial_text(b['prefix'], b['first'], b['width'])}.."
                f"{serial_text('', b['last'], b['width'])}",
                "reference": b["reference"],
                "beneficiary": b["beneficiary"],
                "retired_at": b["retired_at"],
                "retired_t": retired // credits.TONNE_G,
                "sold_g": int(b["sold_g"]),
                "refunded_g": int(b["refunded_g"]),
                "unallocated_g": retired - int(b["sold_g"]) - int(b["refunded_g"]),
                "held_by_kiosks_g": int(b["kiosk_tonnes"]) * credits.TONNE_G
                - int(b["kiosk_used_g"]),
            }
        )
    suspended = [
        {"kiosk_id": k.kiosk_id, "reason": k.suspended} for k in storage.suspended_kiosks(conn=conn)
    ]
    counts = storage.counts(conn=conn) | {"rejected": credit_storage.reject_count(conn=conn)}
    return {**counts, "projects": projects, "blocks": blocks, "suspended": suspended}
