"""Retired serials granted to this kiosk, and drawing a paid order's gram ranges from them.

Why a cursor that only moves forward: a refunded range stays retired and assigned to nobody
(a printed slip cannot be recalled), so it is never drawn again; and after a restore the
cursor is raised past anything another copy of this ledger, or the registry, has seen drawn.
Grants are append-only (triggers refuse changes) and audited like every other row.

A mixin of the Ledger, next to StockMixin: it uses the Ledger's write transaction and audit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from kiosk.catalogue import Catalogue
from kiosk.credit import (
    TONNE_G,
    CreditModel,
    CreditRange,
    GrantRun,
    NotEnoughCredit,
    draw,
    serial_text,
)
from kiosk.errors import InputError

DEMO_REF = "demo:"  # grants the demo catalogue makes: invented serials, nothing retired


@dataclass(frozen=True, slots=True)
class Grant:
    ref: str  # the registry's grant id as "r<id>", or "demo:<project>" for the demo catalogue
    project_id: str
    run: GrantRun
    added_at: str


def _grant(row: sqlite3.Row) -> Grant:
    return Grant(row["grant_ref"], row["project_id"], GrantRun.from_row(row), row["added_at"])


def demo_prefix(project_id: str) -> str:
    """Invented serials for a demo project: DEMO-LONGQUAN-FOREST-000001, ..."""
    return f"DEMO-{project_id.removeprefix('demo-').upper()}-"


class GrantsMixin:
    conn: sqlite3.Connection
    _now: str
    _write: Callable[[], AbstractContextManager[None]]
    audit: Callable[..., None]
    _move_grams: Callable[..., None]
    _allocation_row: Callable[[str], dict[str, Any]]

    # -- reading ------------------------------------------------------------------------------

    def grants(self, project_id: str | None = None) -> list[Grant]:
        """Every grant (of one project), in the order the kiosk draws through them."""
        sql, args = "SELECT * FROM credit_grants", tuple[str, ...]()
        if project_id is not None:
            sql, args = sql + " WHERE project_id = ?", (project_id,)
        rows = self.conn.execute(sql + " ORDER BY project_id, start_g", args)
        return [_grant(row) for row in rows]

    def _retire_first(self, project_id: str) -> bool:
        """The project's credit model, read straight from its stored catalogue data (on the
        sale path: no need to build the whole Project)."""
        row = self.conn.execute(
            "SELECT json_extract(data, '$.credit_model') FROM projects WHERE id = ?",
            (project_id,),
        ).fetchone()
        return row is not None and (row[0] or CreditModel.RETIRE_FIRST) == CreditModel.RETIRE_FIRST

    def _serial_end(self, project_id: str) -> int:
        row = self.conn.execute(
            "SELECT COALESCE(MAX(start_g + (last - first + 1) * ?), 0) FROM credit_grants"
            " WHERE project_id = ?",
            (TONNE_G, project_id),
        ).fetchone()
        return int(row[0])

    def _allocation_with_serials(self, project_id: str) -> dict[str, Any]:
        row = self._allocation_row(project_id)
        if row:
            row["serial_g"] = self._serial_end(project_id)
        return row

    def _for_sale(self, project_id: str, *, serials: bool) -> tuple[bool, dict[str, Any]]:
        """Whether the project is retire-first and its allocation row (with `serial_g` when
        SERIALS, as `_allocation_with_serials`), in one query: what the sale path reads
        (each statement is about a tenth of a paid order's time)."""
        serial = (
            ", (SELECT COALESCE(MAX(g.start_g + (g.last - g.first + 1) * ?), 0)"
            " FROM credit_grants g WHERE g.project_id = p.id) AS serial_g"
            if serials
            else ""
        )
        row = self.conn.execute(
            f"SELECT json_extract(p.data, '$.credit_model') AS credit_model, a.*{serial}"
            " FROM projects p LEFT JOIN allocations a ON a.project_id = p.id WHERE p.id = ?",
            (TONNE_G, project_id) if serials else (project_id,),
        ).fetchone()
        if row is None:
            return False, {}
        found = dict(row)
        model = found.pop("credit_model")
        retire_first = (model or CreditModel.RETIRE_FIRST) == CreditModel.RETIRE_FIRST
        return retire_first, found if found["project_id"] is not None else {}

    # -- granting -----------------------------------------------------------------------------

    def add_grant(
        self,
        project_id: str,
        ref: str,
        *,
        prefix: str,
        first: int,
        last: int,
        width: int,
        reference: str | None,
        beneficiary: str | None,
        actor: str,
    ) -> bool:
        """Append retired serials FIRST..LAST to the project's sequence; False when this grant
        is already here as given, InputError when it is here with other serials."""
        for name, value in (("first", first), ("last", last), ("width", width)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InputError(name, "must be a whole number >= 0")
        if last < first or not 1 <= width <= 18 or len(serial_text(prefix, last, width)) > 120:
            raise InputError("serials", f"{prefix}{first}..{last} is not a serial block")
        with self._write():
            if not self._allocation_row(project_id):
                raise InputError("project", f"no project {project_id!r} in this ledger")
            known = self.conn.execute(
                "SELECT * FROM credit_grants WHERE grant_ref = ?", (ref,)
            ).fetchone()
            if known is not None:
                same = (known["project_id"], known["prefix"], known["first"], known["last"])
                if same != (project_id, prefix, first, last):
                    raise InputError("grant", f"grant {ref} is already here with other serials")
                return False
            clash = self._serials_held(prefix, first, last)
            if clash:
                raise InputError("grant", f"serials of grant {ref} are already held ({clash})")
            state = {
                "project_id": project_id,
                "grant_ref": ref,
                "prefix": prefix,
                "first": first,
                "last": last,
                "width": width,
                "start_g": self._serial_end(project_id),
                "reference": reference,
                "beneficiary": beneficiary,
                "added_at": self._now,
            }
            cursor = self.conn.execute(
                f"INSERT INTO credit_grants ({', '.join(state)})"
                f" VALUES ({', '.join(':' + k for k in state)})",
                state,
            )
            self.audit("grant", ref, "grant", actor, {"id": cursor.lastrowid, **state})
        return True

    def _serials_held(self, prefix: str, first: int, last: int) -> str:
        row = self.conn.execute(
            "SELECT grant_ref FROM credit_grants WHERE prefix = ? AND first <= ? AND last >= ?",
            (prefix, last, first),
        ).fetchone()
        return row[0] if row else ""

    def grant_demo_serials(self, project_id: str, grams: int, *, actor: str) -> None:
        """Invented serials (DEMO-...) for at least `grams`, numbered after any before them:
        the demo catalogue's allowance, so a kiosk tried out before enrolment works as an
        enrolled one does (also the simulator's and benchmarks'); nothing is retired (no
        reference), and a registry refuses these ranges."""
        tonnes = -(-grams // TONNE_G)
        prefix = demo_prefix(project_id)
        before = self.conn.execute(
            "SELECT count(*), COALESCE(MAX(last), 0) FROM credit_grants WHERE prefix = ?",
            (prefix,),
        ).fetchone()
        self.add_grant(
            project_id,
            f"{DEMO_REF}{project_id}" + (f":{before[0] + 1}" if before[0] else ""),
            prefix=prefix,
            first=before[1] + 1,
            last=before[1] + tonnes,
            width=6,
            reference=None,
            beneficiary=None,
            actor=actor,
        )

    def ensure_demo_grants(self, catalogue: Catalogue, *, actor: str = "system") -> int:
        """Invented serials for the demo catalogue's projects, as far as their count allows:
        for a demo ledger made before retire-first, or one whose serials a restore skipped
        (a kiosk enrolled with a registry is never given any). How many grants were made."""
        if not catalogue.demo or catalogue.allocation_g <= 0:
            return 0
        made = 0
        with self._write():
            for project in catalogue.projects:
                row = self.conn.execute(
                    "SELECT catalogue_version FROM projects WHERE id = ?", (project.id,)
                ).fetchone()
                if row is None or row[0] != catalogue.version:
                    continue
                allocation = self._allocation_with_serials(project.id)
                count_left = allocation["granted_g"] - committed_g(allocation)
                end = allocation["drawn_g"] + allocation["reserved_g"] + count_left
                if end > allocation["serial_g"]:
                    self.grant_demo_serials(project.id, end - allocation["serial_g"], actor=actor)
                    made += 1
        return made

    # -- the cursor ---------------------------------------------------------------------------

    def raise_cursor(self, project_id: str, drawn_g: int, *, actor: str, reason: str) -> bool:
        """Move the draw cursor forward to `drawn_g` (never back): the grams skipped stay
        retired and assigned to nobody. True when it moved."""
        with self._write():
            row = self._allocation_row(project_id)
            if not row or drawn_g <= row["drawn_g"]:
                return False
            self._move_grams(project_id, actor, reason, drawn_g=drawn_g - row["drawn_g"])
            return True

    def raise_cursor_past(self, project_id: str, serial: str, to_g: int, *, actor: str) -> bool:
        """Past gram `to_g` of `serial` (what the registry last received from this kiosk)."""
        for grant in self.grants(project_id):
            position = grant.run.position(serial, to_g)
            if position is not None:
                return self.raise_cursor(project_id, position, actor=actor, reason="catch up")
        return False

    def forfeit_demo_grants(self, *, actor: str) -> None:
        """A registry's catalogue replaces the demo one: the invented serials are never sold
        for real, so the cursor moves past them."""
        with self._write():
            rows = self.conn.execute(
                "SELECT project_id, MAX(start_g + (last - first + 1) * ?) FROM credit_grants"
                " WHERE grant_ref LIKE ? GROUP BY project_id",
                (TONNE_G, DEMO_REF + "%"),
            ).fetchall()
            for project_id, end in rows:
                self.raise_cursor(project_id, end, actor=actor, reason="forfeit demo")

    def _draw(self, project_id: str, start_g: int, grams: int) -> tuple[CreditRange, ...]:
        """The ranges `grams` from position START_G cover, or () when the grants end first
        (the caller moves the cursor). Only the grants not yet drawn through are read."""
        rows = self.conn.execute(
            "SELECT * FROM credit_grants WHERE project_id = ?"
            " AND start_g + (last - first + 1) * ? > ? ORDER BY start_g",
            (project_id, TONNE_G, start_g),
        )
        try:
            return draw([GrantRun.from_row(row) for row in rows], start_g, grams)
        except NotEnoughCredit:
            return ()


def committed_g(allocation: dict[str, Any]) -> int:
    """Grams held, sold or refunded for good: the count a grant may never go below."""
    held: int = allocation["reserved_g"] + allocation["sold_g"] + allocation.get("refunded_g", 0)
    return held


def grams_left(allocation: dict[str, Any], *, retire_first: bool) -> int:
    """What a new order may still reserve. The registry's count bounds every project; a
    retire-first project also needs the grams in its granted serials, past the draw cursor
    (`serial_g`: the allocation row with its grants' grams added)."""
    if not allocation:
        return 0
    left: int = allocation["granted_g"] - committed_g(allocation)
    if retire_first:
        serial = allocation["serial_g"] - allocation["drawn_g"] - allocation["reserved_g"]
        left = min(left, serial)
    return max(left, 0)
