"""Credits: retire first, then sell (kiosk.credit).

Why this way: every gram a customer buys is already retired when the slip prints, offline
included. An operator records the exchange's retirement of whole serial blocks
(`retire_blocks`); only retired tonnes are granted, by serial, to kiosks (`top_up`), so an
offline kiosk draws each paid order's grams from serials nobody else holds (the demarcation
protocol: grants never overlap, because the project row is locked, `FOR UPDATE` on
PostgreSQL and `BEGIN IMMEDIATE` on SQLite, while tonnes are handed out in order).

Sales made without a range (before retire-first, or in a project set to sell first and retire
whole tonnes after) stay "retirement pending" until `retire_blocks` covers them: a retired
block first fills the registry's own pool, from which each pending sale, oldest first, gets
a contiguous gram range; what the pool has left of a tonne waits for the next pending sale.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Connection, Row

from kiosk.credit import TONNE_G, CreditModel, GrantRun, draw, serial_text
from kiosk.errors import InputError
from sync.registry import credit_storage, storage

DEFAULT_HEADROOM_G = 5 * TONNE_G
SERIAL_RANGE = re.compile(r"^(?P<prefix>.*?)(?P<first>\d+)\.\.(?P=prefix)?(?P<last>\d+)$")


def model_of(project: Row) -> CreditModel:
    """The project's credit model, from its catalogue data (retire-first unless it says)."""
    value = json.loads(project.data).get("credit_model", CreditModel.RETIRE_FIRST)
    return CreditModel(value)


def parse_serials(text: str, where: str = "--serials") -> tuple[str, int, int, int]:
    """`CDCER-2024-000001..000500` (or `..CDCER-2024-000500`) -> (prefix, first, last, width)."""
    match = SERIAL_RANGE.match(str(text).strip())
    if not match:
        raise InputError(where, f"{text!r} is not like CDCER-2024-000001..000500", "bad_serials")
    first, last = int(match["first"]), int(match["last"])
    if last < first:
        raise InputError(where, f"{text!r} ends before it starts", "serials_backwards")
    if len(match["first"]) > 18:
        raise InputError(where, f"{text!r}: serial numbers of at most 18 digits", "serials_long")
    return match["prefix"], first, last, len(match["first"])


def locate(runs: dict[int, GrantRun], serial: str) -> tuple[int, int]:
    """(grant id, serial number) of the grant among `runs` that holds `serial`; KeyError if none."""
    for grant_id, run in runs.items():
        tonne = run.tonne_of(serial)
        if tonne is not None:
            return grant_id, run.first + tonne
    raise KeyError(serial)


# -- granting --------------------------------------------------------------------------------


def _take_tonnes(
    conn: Connection, project_id: str, tonnes: int, kiosk_id: str | None
) -> tuple[int, list[int]]:
    """Hand out up to `tonnes` retired serials, in order, to a kiosk (or the pool): grant rows
    appended to the holder's sequence. The caller holds the project's row lock."""
    given: list[int] = []
    held = credit_storage.holder_grants(conn=conn, project_id=project_id, kiosk_id=kiosk_id)
    start = max((credit_storage.run_of(g).end_g for g in held), default=0)
    taken = 0
    for block in credit_storage.retired_blocks_of(conn=conn, project_id=project_id):
        free = block.last - block.first + 1 - block.handed
        if free <= 0:
            continue
        count = min(free, tonnes - taken)
        first = block.first + block.handed
        values = {
            "project_id": project_id,
            "kiosk_id": kiosk_id,
            "block_id": block.id,
            "first": first,
            "last": first + count - 1,
            "start_g": start + taken * TONNE_G,
        }
        given.append(credit_storage.add_grant(conn=conn, values=values))
        credit_storage.hand_out(conn=conn, block_id=block.id, count=count)
        taken += count
        if taken == tonnes:
            break
    return taken, given


def top_up(
    *, conn: Connection, kiosk_id: str, headroom_g: int, project_id: str | None = None
) -> None:
    """Give the kiosk up to `headroom_g` unsold grams of each project (only PROJECT_ID, when
    given: a phone order tops up the project it holds): whole retired tonnes by serial
    (retire-first), or a count (sell-first)."""
    pid = project_id
    granted = storage.kiosk_allocations(conn=conn, kiosk_id=kiosk_id, project_id=pid)
    serials = credit_storage.serial_granted(conn=conn, kiosk_id=kiosk_id, project_id=pid)
    drawn = credit_storage.drawn_by_kiosk(conn=conn, kiosk_id=kiosk_id, project_id=pid)
    counted = credit_storage.count_sold(conn=conn, kiosk_id=kiosk_id)
    if project_id is None:
        projects = storage.list_projects(conn=conn)
    else:  # one project's row, not every project's read to keep one
        found = storage.get_project(conn=conn, project_id=project_id)
        projects = [found] if found is not None else []
    for project in projects:
        pid = project.project_id
        retire_first = model_of(project) == CreditModel.RETIRE_FIRST
        if retire_first:
            unsold = serials.get(pid, 0) - drawn.get(pid, 0)
        else:
            unsold = granted.get(pid, 0) - serials.get(pid, 0) - counted.get(pid, 0)
        want = headroom_g - unsold
        if want <= 0:
            continue
        # its count changes, not its id: sales of the project (a key share) go on meanwhile
        locked = storage.get_project(conn=conn, project_id=pid, lock=True, key_share=True)
        assert locked is not None
        room = locked.stock_g - locked.allocated_g
        if retire_first:
            tonnes, _ = _take_tonnes(conn, pid, min(-(-want // TONNE_G), room // TONNE_G), kiosk_id)
            grams = tonnes * TONNE_G
        else:
            grams = min(want, room)
        if grams > 0:
            credit_storage.add_to_allocation(
                conn=conn, kiosk_id=kiosk_id, project_id=pid, grams=grams
            )


def allocations_for(*, conn: Connection, kiosk_id: str) -> list[dict[str, Any]]:
    """What the allocations pull answers: per project the count, the retired serials granted
    (in the kiosk's order) and the furthest gram the registry has received drawn."""
    granted = storage.kiosk_allocations(conn=conn, kiosk_id=kiosk_id)
    by_project: dict[str, list[dict[str, Any]]] = {}
    for row in credit_storage.kiosk_grants(conn=conn, kiosk_id=kiosk_id):
        by_project.setdefault(row.project_id, []).append(
            {
                "id": row.id,
                "prefix": row.prefix,
                "first": row.first,
                "last": row.last,
                "width": row.width,
                "reference": row.reference,
                "beneficiary": row.beneficiary,
            }
        )
    models = {p.project_id: model_of(p) for p in storage.list_projects(conn=conn)}
    out = []
    for pid in sorted(granted):
        last = credit_storage.last_drawn(conn=conn, kiosk_id=kiosk_id, project_id=pid)
        drawn_to = None
        if last is not None:
            drawn_to = {
                "serial": serial_text(last.prefix, last.number, last.width),
                "to_g": last.to_g,
            }
        out.append(
            {
                "project_id": pid,
                "granted_g": granted[pid],
                "credit_model": str(models.get(pid, CreditModel.RETIRE_FIRST)),
                "grants": by_project.get(pid, []),
                "drawn_to": drawn_to,
            }
        )
    return out


# -- retiring ------------------------------------------------------------------------------


def _clean(value: str, name: str) -> str:
    text = " ".join(str(value or "").split())
    if not text or len(text) > 200:
        raise InputError(name, "give 1 to 200 characters", f"retire_{name.lstrip('-')}")
    return text


def _legacy_serials(conn: Connection, project: Row) -> list[tuple[str, int, int]]:
    """Serials the old retire-after-sale path retired: the project's first ones, in order."""
    left = project.retired_g // TONNE_G - sum(
        (b.last - b.first + 1)
        for b in credit_storage.retired_blocks_of(conn=conn, project_id=project.project_id)
    )
    runs = []
    for block in storage.serial_blocks_of(conn=conn, project_id=project.project_id):
        if left <= 0:
            break
        count = min(left, block.last - block.first + 1)
        runs.append((block.prefix, block.first, block.first + count - 1))
        left -= count
    return runs


def retire_blocks(
    *, conn: Connection, project_id: str, serials: str, reference: str, beneficiary: str
) -> dict[str, Any]:
    """Record the exchange's retirement of serials FROM..TO of a project, then cover its
    pending sales from them (oldest first); the rest is granted to kiosks as they pull."""
    reference, beneficiary = _clean(reference, "--reference"), _clean(beneficiary, "--beneficiary")
    prefix, first, last, width = parse_serials(serials)
    project = storage.get_project(conn=conn, project_id=project_id, lock=True)
    if project is None:
        raise InputError(
            "--project", f"no project {project_id!r} at this registry", "no_project",
            project=project_id,
        )  # fmt: skip
    text = f"{serial_text(prefix, first, width)}..{serial_text('', last, width)}"
    inside = any(
        b.prefix == prefix and b.width == width and b.first <= first and last <= b.last
        for b in storage.serial_blocks_of(conn=conn, project_id=project_id)
    )
    if not inside:
        raise InputError(
            "--serials", f"{text} are not among {project_id}'s imported serials",
            "serials_not_imported", serials=text, project=project_id,
        )  # fmt: skip
    clash = credit_storage.retired_overlap(conn=conn, prefix=prefix, first=first, last=last)
    if clash is not None:
        raise InputError(
            "--serials", f"{text} overlap a block already retired ({clash.reference})",
            "serials_retired", serials=text, reference=clash.reference,
        )  # fmt: skip
    for old_prefix, old_first, old_last in _legacy_serials(conn, project):
        if old_prefix == prefix and old_first <= last and first <= old_last:
            raise InputError(
                "--serials", f"{text} overlap serials retired before retire-first",
                "serials_legacy", serials=text,
            )  # fmt: skip
    tonnes = last - first + 1
    if project.retired_g + tonnes * TONNE_G > project.stock_g:
        raise InputError(
            "--serials",
            f"retiring {tonnes:,} t would pass {project_id}'s stock of"
            f" {project.stock_g // TONNE_G:,} t ({project.retired_g // TONNE_G:,} t retired)",
            "stock_passed",
            project=project_id,
            tonnes_t=tonnes,
            stock_t=project.stock_g // TONNE_G,
            retired_t=project.retired_g // TONNE_G,
        )
    block_id = credit_storage.add_retired_block(
        conn=conn,
        values={
            "project_id": project_id,
            "prefix": prefix,
            "first": first,
            "last": last,
            "width": width,
            "reference": reference,
            "beneficiary": beneficiary,
        },
    )
    storage.set_project_retired(
        conn=conn,
        project_id=project_id,
        retired_g=project.retired_g + tonnes * TONNE_G,
        covered_g=project.covered_g,
    )
    covered = cover_pending(conn=conn, project_id=project_id)
    return {"id": block_id, "project_id": project_id, "serials": text, "tonnes": tonnes,
            "reference": reference, "covered": covered}  # fmt: skip


def cover_pending(*, conn: Connection, project_id: str) -> int:
    """Give pending sales ranges from the pool, oldest first, taking whole retired tonnes
    into the pool as needed; stops at the first sale that cannot be covered (in order)."""
    project = storage.get_project(conn=conn, project_id=project_id, lock=True)
    assert project is not None
    cursor, done = project.cover_g, 0
    pool = credit_storage.holder_grants(conn=conn, project_id=project_id, kiosk_id=None)
    rows: list[dict[str, int]] = []
    for sale in credit_storage.pending_purchases(conn=conn, project_id=project_id):
        end = max((credit_storage.run_of(g).end_g for g in pool), default=0)
        short = cursor + sale.offset_g - end
        if short > 0:
            need = -(-short // TONNE_G)
            taken, _ = _take_tonnes(conn, project_id, need, None)
            pool = credit_storage.holder_grants(conn=conn, project_id=project_id, kiosk_id=None)
            if taken < need:
                break
        runs = {g.id: credit_storage.run_of(g) for g in pool}
        for item in draw(runs.values(), cursor, sale.offset_g):
            grant_id, number = locate(runs, item.serial)
            rows.append(
                {
                    "purchase_id": sale.id,
                    "grant_id": grant_id,
                    "number": number,
                    "from_g": item.from_g,
                    "to_g": item.to_g,
                }
            )
        cursor += sale.offset_g
        done += 1
    credit_storage.add_ranges(conn=conn, rows=rows)
    credit_storage.set_cover(conn=conn, project_id=project_id, cover_g=cursor)
    return done
