"""Credits: allocations to kiosks and retirement of whole tonnes from serial blocks.

Why allocations: an offline kiosk may only sell grams the registry has set aside for it (the
demarcation protocol), so the sum of every kiosk's grant never passes the project's stock. The
project row is locked (`FOR UPDATE` on PostgreSQL; SQLite's `BEGIN IMMEDIATE` serialises
writers) while a grant is worked out, so many kiosks asking at once cannot overshoot.

Why retirement by whole tonnes, in order: registries retire credits as whole serial numbers
(one serial = one tonne). Sold grams queue up in arrival order; each time the queue holds a
further whole tonne, the next serial(s) are retired and every purchase whose last gram falls
inside is pointed at that retirement. A purchase is covered once, so no gram is retired twice.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from sync.registry import storage

TONNE_G = 1_000_000
DEFAULT_HEADROOM_G = 5 * TONNE_G


def top_up(*, conn: Connection, kiosk_id: str, headroom_g: int) -> dict[str, int]:
    """Grant each project up to `headroom_g` unsold grams on this kiosk; totals per project."""
    granted = storage.kiosk_allocations(conn=conn, kiosk_id=kiosk_id)
    sold = storage.sold_by_kiosk(conn=conn, kiosk_id=kiosk_id)
    for project in storage.list_projects(conn=conn):
        pid = project.project_id
        unsold = granted.get(pid, 0) - sold.get(pid, 0)
        want = headroom_g - unsold
        if want <= 0:
            continue
        locked = storage.get_project(conn=conn, project_id=pid, lock=True)
        assert locked is not None
        grams = min(want, locked.stock_g - locked.allocated_g)
        if grams <= 0:
            continue
        storage.grant(
            conn=conn, kiosk_id=kiosk_id, project_id=pid, grams=grams, fresh=pid not in granted
        )
        granted[pid] = granted.get(pid, 0) + grams
    return granted


def serial_text(prefix: str, number: int, width: int) -> str:
    return f"{prefix}{number:0{width}d}"


def _next_serials(blocks: list[Any], skip: int, count: int) -> list[tuple[Any, int, int]]:
    """(block, first, last) runs of `count` serials after the first `skip` ones, in order."""
    runs = []
    for block in blocks:
        size = block.last - block.first + 1
        if skip >= size:
            skip -= size
            continue
        take = min(count, size - skip)
        runs.append((block, block.first + skip, block.first + skip + take - 1))
        count -= take
        skip = 0
        if count == 0:
            break
    return runs


def retire_project(*, conn: Connection, project_id: str) -> list[dict[str, Any]]:
    """Retire every whole tonne sold and not yet retired; the retirements made."""
    project = storage.get_project(conn=conn, project_id=project_id, lock=True)
    if project is None:
        return []
    pending = storage.pending_purchases(conn=conn, project_id=project_id)
    queued = project.covered_g + sum(p.offset_g for p in pending)
    target_t = min(queued // TONNE_G, project.stock_g // TONNE_G)
    new_t = target_t - project.retired_g // TONNE_G
    made: list[dict[str, Any]] = []
    retired_g = project.retired_g
    blocks = storage.serial_blocks_of(conn=conn, project_id=project_id)
    if new_t > 0:
        for block, first, last in _next_serials(blocks, retired_g // TONNE_G, new_t):
            tonnes = last - first + 1
            values = {
                "project_id": project_id,
                "tonnes": tonnes,
                "serial_first": serial_text(block.prefix, first, block.width),
                "serial_last": serial_text(block.prefix, last, block.width),
                "from_g": retired_g,
                "to_g": retired_g + tonnes * TONNE_G,
            }
            values["id"] = storage.add_retirement(conn=conn, values=values)
            made.append(values)
            retired_g += tonnes * TONNE_G
    earlier = [
        dict(r._mapping) for r in storage.project_retirements(conn=conn, project_id=project_id)
    ]
    covered, assignments = project.covered_g, []
    for purchase in pending:
        end = covered + purchase.offset_g
        if end > retired_g:
            break  # in order: a purchase waits until its last gram is retired
        retirement = next(r for r in earlier if r["from_g"] < end <= r["to_g"])
        assignments.append(
            {
                "id": purchase.id,
                "retirement_id": retirement["id"],
                "pos_from": covered,
                "pos_to": end,
            }
        )
        covered = end
    storage.assign_retirement(conn=conn, assignments=assignments)
    storage.set_project_retired(
        conn=conn, project_id=project_id, retired_g=retired_g, covered_g=covered
    )
    return made


def retire_all(*, conn: Connection) -> list[dict[str, Any]]:
    made = []
    for project in storage.list_projects(conn=conn):
        made.extend(retire_project(conn=conn, project_id=project.project_id))
    return made
