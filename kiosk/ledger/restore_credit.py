"""A restore never draws a gram twice: grants and draw cursors carried across it.

An older backup lacks the grants that came after it and has its draw cursors further back, so
the restored kiosk would hand out again gram ranges that are on customers' slips and maybe at
the registry. The plan reads the grants and cursors of every copy it can (the current ledger,
other backups, kept files); the restore appends the grants the backup lacks, in their order,
and raises each cursor to the highest seen. When the current ledger cannot be read, what it
drew is unknown, so every granted gram known is skipped (a gap is harmless, a gram sold twice
is not): the skipped grams stay retired, assigned to nobody.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from kiosk.credit import TONNE_G
from kiosk.ledger import audit


@dataclass
class CreditMarks:
    grants: dict[str, dict[str, Any]] = field(default_factory=dict)  # grant_ref -> row
    cursors: dict[str, int] = field(default_factory=dict)  # project -> highest drawn_g

    def read(self, conn: sqlite3.Connection) -> None:
        """Add what one ledger copy knows; an older copy without these tables adds nothing."""
        try:
            rows = conn.execute("SELECT * FROM credit_grants ORDER BY id").fetchall()
            cursors = conn.execute("SELECT project_id, drawn_g FROM allocations").fetchall()
        except sqlite3.Error:
            return
        for row in rows:
            self.grants.setdefault(row["grant_ref"], dict(row))
        for project_id, drawn in cursors:
            self.cursors[project_id] = max(self.cursors.get(project_id, 0), drawn)

    def skip_all(self) -> None:
        """Every granted gram known counts as drawn (the current ledger could not be read)."""
        for row in self.grants.values():
            end = row["start_g"] + (row["last"] - row["first"] + 1) * TONNE_G
            project = row["project_id"]
            self.cursors[project] = max(self.cursors.get(project, 0), end)


def carry_over(
    conn: sqlite3.Connection, marks: CreditMarks, *, at: str, actor: str
) -> dict[str, Any]:
    """In the staged ledger's write transaction: append the grants it lacks (each audited),
    raise its cursors; returns what was done, for the restore event."""
    have = {r[0] for r in conn.execute("SELECT grant_ref FROM credit_grants")}
    added = []
    for ref, row in sorted(marks.grants.items(), key=lambda item: item[1]["id"]):
        if ref in have:
            continue
        end = conn.execute(
            "SELECT COALESCE(MAX(start_g + (last - first + 1) * ?), 0) FROM credit_grants"
            " WHERE project_id = ?",
            (TONNE_G, row["project_id"]),
        ).fetchone()[0]
        known = conn.execute("SELECT 1 FROM projects WHERE id = ?", (row["project_id"],))
        if row["start_g"] != end or known.fetchone() is None:
            continue  # not the next grant here; the next pull brings it back in order
        state = {k: v for k, v in row.items() if k != "id"}
        cursor = conn.execute(
            f"INSERT INTO credit_grants ({', '.join(state)})"
            f" VALUES ({', '.join(':' + k for k in state)})",
            state,
        )
        audit.append(
            conn,
            at=at,
            entity="grant",
            entity_id=ref,
            action="restore",
            actor=actor,
            state={"id": cursor.lastrowid, **state},
        )
        added.append(ref)
    raised = {}
    for project_id, drawn in sorted(marks.cursors.items()):
        row = conn.execute(
            "SELECT * FROM allocations WHERE project_id = ?", (project_id,)
        ).fetchone()
        if row is None or row["drawn_g"] >= drawn:
            continue
        conn.execute(
            "UPDATE allocations SET drawn_g = ?, updated_at = ? WHERE project_id = ?",
            (drawn, at, project_id),
        )
        state = dict(
            conn.execute("SELECT * FROM allocations WHERE project_id = ?", (project_id,)).fetchone()
        )
        audit.append(
            conn,
            at=at,
            entity="allocation",
            entity_id=project_id,
            action="restore",
            actor=actor,
            state=state,
        )
        raised[project_id] = drawn
    return {"grants_carried": added, "cursors_raised": raised}
