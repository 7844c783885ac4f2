"""What a kiosk may sell and whom it trusts: projects, allocations and kiosk keys.

A mixin of the Ledger (it uses the Ledger's write transaction and audit log), kept apart so
the order lifecycle in store.py reads on its own.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from typing import Any

from kiosk.catalogue import Catalogue, Project
from kiosk.errors import InputError
from kiosk.ledger.grants import GrantsMixin, committed_g, grams_left

# an admin's local price (kiosk.ledger.overrides) wins over the catalogue's
WITH_LOCAL_PRICE = (
    "LEFT JOIN price_overrides o ON o.project_id = p.id AND o.price_fen_per_t IS NOT NULL"
)
PRICE_IN_FORCE = "COALESCE(o.price_fen_per_t, p.price_fen_per_t)"
# the grams of the retired serials granted to this kiosk for project p
SERIAL_G = (
    "SELECT COALESCE(SUM((g.last - g.first + 1) * 1000000), 0)"
    " FROM credit_grants g WHERE g.project_id = p.id"
)


@dataclass(frozen=True, slots=True)
class Stock:
    """What this kiosk holds of a project (see `grams_left`)."""

    project: Project
    granted_g: int
    reserved_g: int
    sold_g: int
    refunded_g: int = 0  # voided for good: a retire-first refund is never sold again
    serial_g: int = 0  # grams of the retired serials granted to this kiosk
    drawn_g: int = 0  # how far paid orders (and skips) have drawn through them

    @property
    def available_g(self) -> int:
        return grams_left(
            {
                "granted_g": self.granted_g,
                "reserved_g": self.reserved_g,
                "sold_g": self.sold_g,
                "refunded_g": self.refunded_g,
                "serial_g": self.serial_g,
                "drawn_g": self.drawn_g,
            },
            retire_first=self.project.retire_first,
        )


class StockMixin(GrantsMixin):
    """Projects, allocations and kiosk keys; every change audited like an order's."""

    conn: sqlite3.Connection
    _now: str
    _write: Callable[[], AbstractContextManager[None]]
    audit: Callable[..., None]

    def _move_grams(
        self,
        project_id: str,
        actor: str,
        action: str,
        row: dict[str, Any] | None = None,
        **delta: int,
    ) -> None:
        """Change an allocation's reserved/sold/refunded/drawn grams (ROW: the allocation as
        just read in this transaction, to spare reading it again); the table's CHECKs forbid
        overdrawing the count, the callers the serials."""
        row = dict(row) if row is not None else self._allocation_row(project_id)
        row.pop("serial_g", None)  # a figure worked out, not a column
        for column, change in delta.items():
            row[column] += change
        row["updated_at"] = self._now
        self.conn.execute(
            "UPDATE allocations SET reserved_g = ?, sold_g = ?, refunded_g = ?, drawn_g = ?,"
            " updated_at = ? WHERE project_id = ?",
            (
                row["reserved_g"],
                row["sold_g"],
                row["refunded_g"],
                row["drawn_g"],
                row["updated_at"],
                project_id,
            ),
        )
        self.audit("allocation", project_id, action, actor, row, changes=True)

    def _allocation_row(self, project_id: str) -> dict[str, Any]:
        row = self.conn.execute(
            "SELECT * FROM allocations WHERE project_id = ?", (project_id,)
        ).fetchone()
        return dict(row) if row else {}

    # -- catalogue and allocations ------------------------------------------------------------

    def load_catalogue(self, catalogue: Catalogue, *, actor: str = "system") -> None:
        """Add or update projects; a new project gets the catalogue's starting allocation."""
        with self._write():
            now = self._now
            for project in catalogue.projects:
                data = json.dumps(project.to_dict(), ensure_ascii=False)
                self.conn.execute(
                    "INSERT INTO projects (id, data, price_fen_per_t, catalogue_version,"
                    " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                    " data = excluded.data, price_fen_per_t = excluded.price_fen_per_t,"
                    " catalogue_version = excluded.catalogue_version,"
                    " updated_at = excluded.updated_at",
                    (project.id, data, project.price_fen_per_t, catalogue.version, now),
                )
                row = self.conn.execute("SELECT * FROM projects WHERE id = ?", (project.id,))
                self.audit("project", project.id, "load", actor, dict(row.fetchone()))
                if not self._allocation_row(project.id):
                    self.conn.execute(
                        "INSERT INTO allocations (project_id, granted_g, updated_at)"
                        " VALUES (?, ?, ?)",
                        (project.id, catalogue.allocation_g, now),
                    )
                    self.audit(
                        "allocation", project.id, "grant", actor, self._allocation_row(project.id)
                    )
                    if catalogue.demo and catalogue.allocation_g > 0:
                        self.grant_demo_serials(project.id, catalogue.allocation_g, actor=actor)

    def set_allocation(self, project_id: str, granted_g: int, *, actor: str) -> None:
        with self._write():
            current = self._allocation_row(project_id)
            if not current:
                raise InputError("project", f"no project {project_id!r} in this ledger")
            committed = committed_g(current)
            if not isinstance(granted_g, int) or granted_g < committed:
                raise InputError(
                    "granted_g", f"must be a whole number of grams >= {committed} already committed"
                )
            self.conn.execute(
                "UPDATE allocations SET granted_g = ?, updated_at = ? WHERE project_id = ?",
                (granted_g, self._now, project_id),
            )
            self.audit("allocation", project_id, "grant", actor, self._allocation_row(project_id))

    def stock(self) -> list[Stock]:
        """Every project with what is left of its allocation, at the price in force here."""
        rows = self.conn.execute(
            f"SELECT p.data, {PRICE_IN_FORCE} AS price, a.granted_g, a.reserved_g, a.sold_g,"
            f" a.refunded_g, a.drawn_g, ({SERIAL_G}) AS serial_g"
            f" FROM projects p JOIN allocations a ON a.project_id = p.id {WITH_LOCAL_PRICE}"
            " ORDER BY p.rowid"
        ).fetchall()
        return [
            Stock(
                _project(r["data"], r["price"]),
                r["granted_g"],
                r["reserved_g"],
                r["sold_g"],
                r["refunded_g"],
                r["serial_g"],
                r["drawn_g"],
            )
            for r in rows
        ]

    def project(self, project_id: str) -> Project:
        row = self.conn.execute(
            f"SELECT p.data, {PRICE_IN_FORCE} FROM projects p {WITH_LOCAL_PRICE} WHERE p.id = ?",
            (project_id,),
        ).fetchone()
        if row is None:
            raise InputError("project", f"no project {project_id!r} in this ledger")
        return _project(row[0], row[1])

    def catalogue_price(self, project_id: str) -> int:
        """The catalogue's price, whatever this kiosk sells the project at."""
        row = self.conn.execute(
            "SELECT price_fen_per_t FROM projects WHERE id = ?", (project_id,)
        ).fetchone()
        if row is None:
            raise InputError("project", f"no project {project_id!r} in this ledger")
        return int(row[0])

    # -- kiosk keys -------------------------------------------------------------------------

    def kiosk_keys(self) -> dict[str, str]:
        """Every known kiosk's public key (base64), this kiosk's own included."""
        return dict(self.conn.execute("SELECT kiosk_id, public_key FROM kiosk_keys").fetchall())

    def add_kiosk_key(self, kiosk_id: str, public_key: str, *, source: str, actor: str) -> None:
        """Record a kiosk's public key; a different key for a known kiosk is refused."""
        with self._write():
            row = self.conn.execute(
                "SELECT public_key FROM kiosk_keys WHERE kiosk_id = ?", (kiosk_id,)
            ).fetchone()
            if row is not None:
                if row[0] != public_key:
                    raise InputError("public_key", f"kiosk {kiosk_id} already has another key")
                return
            state = {
                "kiosk_id": kiosk_id,
                "public_key": public_key,
                "source": source,
                "added_at": self._now,
            }
            self.conn.execute(
                "INSERT INTO kiosk_keys (kiosk_id, public_key, source, added_at)"
                " VALUES (:kiosk_id, :public_key, :source, :added_at)",
                state,
            )
            self.audit("kiosk_key", kiosk_id, "add", actor, state)


def _project(data: str, price_fen_per_t: int) -> Project:
    return replace(Project.from_dict(json.loads(data)), price_fen_per_t=price_fen_per_t)
