"""What a pushed sale may claim: its gram ranges lie in retired serials granted to THAT kiosk
for that project, and no gram is on two certificates (a refunded range is never sold again);
a sale without a range (before retire-first, or sell-first) must fit in the kiosk's count.

One CreditCheck per batch, loaded in a few queries before the records are looked at, and kept
up to date as each record is accepted, so records within one batch interact correctly.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection

from kiosk.credit import CreditRange, GrantRun, parse_ranges
from kiosk.errors import DataError
from kiosk.money import format_grams
from sync.registry import credit_storage, storage
from sync.registry.credits import locate


class CreditCheck:
    def __init__(self, conn: Connection, kiosk_id: str, payloads: list[dict[str, Any]]) -> None:
        self.conn, self.kiosk_id = conn, kiosk_id
        self.runs: dict[str, dict[int, GrantRun]] = defaultdict(dict)
        for row in credit_storage.kiosk_grants(conn=conn, kiosk_id=kiosk_id):
            self.runs[row.project_id][row.id] = credit_storage.run_of(row)
        self._count_left: dict[str, int] | None = None  # read when a sale without ranges comes
        self.parsed: dict[int, tuple[CreditRange, ...] | DataError] = {}
        pairs = []
        for payload in payloads:
            ranges = self._parse(payload)
            for item in ranges if isinstance(ranges, tuple) else ():
                try:
                    pairs.append(locate(self.runs[str(payload.get("project_id"))], item.serial))
                except KeyError:
                    continue
        # per (grant, serial number): the ranges held, sorted, to find an overlap by bisection
        self.taken: dict[tuple[int, int], list[tuple[int, int, str]]] = defaultdict(list)
        for row in credit_storage.ranges_on(conn=conn, pairs=pairs):
            self.taken[(row.grant_id, row.number)].append((row.from_g, row.to_g, row.cert_id))
        for held in self.taken.values():
            held.sort()

    @property
    def count_left(self) -> dict[str, int]:
        """Per project, the grams this kiosk may still sell without ranges: its count grant,
        less the serials granted, less what it sold without ranges and not refunded."""
        if self._count_left is None:
            conn, kiosk_id = self.conn, self.kiosk_id
            granted = storage.kiosk_allocations(conn=conn, kiosk_id=kiosk_id)
            serials = credit_storage.serial_granted(conn=conn, kiosk_id=kiosk_id)
            sold = credit_storage.count_sold(conn=conn, kiosk_id=kiosk_id)
            self._count_left = {
                project: grams - serials.get(project, 0) - sold.get(project, 0)
                for project, grams in granted.items()
            }
        return self._count_left

    def _parse(self, payload: dict[str, Any]) -> tuple[CreditRange, ...] | DataError:
        """Each payload's ranges parsed once (the record is looked at twice)."""
        key = id(payload)
        if key not in self.parsed:
            try:
                self.parsed[key] = parse_ranges(payload.get("credit_ranges", "[]"))
            except DataError as exc:
                self.parsed[key] = exc
        return self.parsed[key]

    def paid(self, payload: dict[str, Any], cert_id: str) -> tuple[str | None, list[dict]]:
        """(why the sale is refused, or None; the range rows to store when it is accepted)."""
        project, offset = payload["project_id"], payload["offset_g"]
        ranges = self._parse(payload)
        if isinstance(ranges, DataError):
            return f"credit_ranges: {ranges}", []
        if not ranges:
            left = self.count_left.get(project, 0)
            if offset > left:
                return (
                    f"no credit ranges, and {format_grams(offset)} is more than the"
                    f" {format_grams(max(left, 0))} of {project} this kiosk may sell without"
                    " them (sales draw retired serials granted to the kiosk)"
                ), []
            self.count_left[project] = left - offset
            return None, []
        if sum(r.grams for r in ranges) != offset:
            return f"credit ranges add up to {sum(r.grams for r in ranges)} g, not {offset} g", []
        rows, mine = [], []
        for item in ranges:
            problem, row = self._one(project, item, mine)
            if problem:
                return problem, []
            rows.append(row)
            mine.append((row["grant_id"], row["number"], item.from_g, item.to_g))
        for grant_id, number, low, high in mine:
            insort(self.taken[(grant_id, number)], (low, high, cert_id))
        return None, rows

    def _one(
        self, project: str, item: CreditRange, mine: list[tuple[int, int, int, int]]
    ) -> tuple[str | None, dict[str, int]]:
        runs = self.runs.get(project, {})
        try:
            grant_id, number = locate(runs, item.serial)
        except KeyError:
            return (
                f"{item.label()} is not in a grant of retired serials to this kiosk for {project}"
            ), {}
        run = runs[grant_id]
        if (item.reference, item.beneficiary) != (run.reference, run.beneficiary):
            return f"{item.label()} names another retirement than block {run.label()}", {}
        clash = _overlap(self.taken[(grant_id, number)], item.from_g, item.to_g)
        for g, n, low, high in mine:  # this sale's own earlier ranges
            if (g, n) == (grant_id, number) and item.from_g < high and low < item.to_g:
                clash = "this sale"
        if clash:
            return f"{item.label()} overlaps the grams of certificate {clash}", {}
        row = {"grant_id": grant_id, "number": number, "from_g": item.from_g, "to_g": item.to_g}
        return None, row

    def voided(self, project: str, offset: int, drew: bool) -> None:
        """A refund of a sale without a range gives its count back (a range stays used)."""
        if not drew:
            self.count_left[project] = self.count_left.get(project, 0) + offset


def _overlap(held: list[tuple[int, int, str]], low: int, high: int) -> str:
    """The certificate holding any of grams [low, high) of one serial, or "". `held` is sorted
    and its ranges never overlap, so only the neighbours of the insertion point can."""
    at = bisect_left(held, (low, high, ""))
    for other_low, other_high, who in held[max(at - 1, 0) : at + 1]:
        if low < other_high and other_low < high:
            return who
    return ""
