"""What covers a paid order: gram ranges of retired serials (one serial = one tonne).

Retire first, then sell: an operator retires whole serial blocks at the exchange (its
retirement reference and beneficiary), the registry grants retired tonnes to kiosks by serial,
and each paid order draws its grams from its kiosk's granted serials, in order, as contiguous
ranges; an order may span two or more serials. A refunded range is never sold again.

Shared by the ledger (which draws and stores the ranges), the slips and screens (which show
them), the sync job (which pushes them) and the registry (which checks and discloses them).
A project can instead sell first and retire whole tonnes after (CreditModel.SELL_FIRST): its
orders carry no range and stay "retirement pending" until the registry covers them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, TypeGuard

from kiosk.errors import DataError

TONNE_G = 1_000_000  # one serial, one tonne, in grams
MAX_TEXT = 200  # a reference or beneficiary, as the registry stores it


class ByName(Protocol):
    """A stored row read by column name: a sqlite3.Row, a dict, a SQLAlchemy row's _mapping."""

    def __getitem__(self, key: str, /) -> Any: ...


class CreditModel(StrEnum):
    """How a project's credits reach customers (a per-project setting in the catalogue)."""

    RETIRE_FIRST = "retire_first"  # retired blocks granted by serial; orders carry ranges
    SELL_FIRST = "sell_first"  # granted as a count; whole tonnes retired after the sale


class RetirementStatus(StrEnum):
    RETIRED = "retired"  # every gram lies in a serial already retired (its ranges say which)
    PENDING = "pending"  # sold before its tonne was retired (before retire-first, or sell-first)


@dataclass(frozen=True, slots=True)
class CreditRange:
    """Grams `from_g` (inclusive) to `to_g` (exclusive) of one retired serial's tonne."""

    serial: str  # e.g. "CDCER-2024-000123"
    from_g: int  # 0 .. TONNE_G - 1
    to_g: int  # from_g + 1 .. TONNE_G
    reference: str | None  # the exchange's retirement record number (None: a demo grant)
    beneficiary: str | None  # in whose name the block was retired

    @property
    def grams(self) -> int:
        return self.to_g - self.from_g

    def label(self) -> str:
        """`CDCER-2024-000123 (g 0–415 343)`: the serial and where in its tonne."""
        return f"{self.serial} (g {spaced(self.from_g)}–{spaced(self.to_g)})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "serial": self.serial,
            "from_g": self.from_g,
            "to_g": self.to_g,
            "reference": self.reference,
            "beneficiary": self.beneficiary,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CreditRange:
        """A range as stored or pushed; DataError names what is wrong."""
        if not isinstance(data, Mapping):
            raise DataError("a credit range must be an object")
        serial, low, high = data.get("serial"), data.get("from_g"), data.get("to_g")
        if not isinstance(serial, str) or not 0 < len(serial) <= 120:
            raise DataError("a credit range needs a serial (text, at most 120 characters)")
        if not (_whole_grams(low) and _whole_grams(high)):
            raise DataError(f"credit range {serial}: from_g and to_g must be whole grams")
        if not 0 <= low < high <= TONNE_G:
            raise DataError(
                f"credit range {serial}: needs 0 <= from_g < to_g <= {TONNE_G:,} (one tonne)"
            )
        texts = [data.get(k) for k in ("reference", "beneficiary")]
        if any(t is not None and (not isinstance(t, str) or len(t) > MAX_TEXT) for t in texts):
            raise DataError(f"credit range {serial}: reference and beneficiary are short text")
        return cls(serial, low, high, texts[0], texts[1])


def _whole_grams(value: object) -> TypeGuard[int]:
    """An int that is not a bool (JSON's true would otherwise pass as 1 gram)."""
    return isinstance(value, int) and not isinstance(value, bool)


def spaced(grams: int) -> str:
    """415343 -> "415 343": grouped by spaces, as the certificate prints gram positions."""
    return f"{grams:,}".replace(",", " ")


def serial_text(prefix: str, number: int, width: int) -> str:
    """The serial as the exchange writes it: CDCER-2024- and 123 at width 6 -> CDCER-2024-000123."""
    return f"{prefix}{number:0{width}d}"


@dataclass(frozen=True, slots=True)
class GrantRun:
    """Consecutive retired serials granted to one holder, placed in its gram sequence for the
    project at `start_g` (the sum of the grams of the holder's earlier grants)."""

    prefix: str
    first: int
    last: int
    width: int
    start_g: int
    reference: str | None
    beneficiary: str | None

    @classmethod
    def from_row(cls, row: ByName) -> GrantRun:
        """From a stored grant (the kiosk's `credit_grants`, the registry's grant joined with
        its retired block): any mapping with these keys."""
        return cls(
            row["prefix"],
            row["first"],
            row["last"],
            row["width"],
            row["start_g"],
            row["reference"],
            row["beneficiary"],
        )

    @property
    def tonnes(self) -> int:
        return self.last - self.first + 1

    @property
    def end_g(self) -> int:
        return self.start_g + self.tonnes * TONNE_G

    def serial(self, number: int) -> str:
        return serial_text(self.prefix, number, self.width)

    def tonne_of(self, serial: str) -> int | None:
        """Which tonne of the run `serial` is (0-based), or None when it is not in it."""
        digits = serial[len(self.prefix) :]
        if not serial.startswith(self.prefix) or not digits.isdigit() or len(digits) != self.width:
            return None
        number = int(digits)
        return number - self.first if self.first <= number <= self.last else None

    def position(self, serial: str, gram: int) -> int | None:
        """Where gram `gram` of `serial` lies in the holder's sequence (None: not in this run)."""
        tonne = self.tonne_of(serial)
        return None if tonne is None else self.start_g + tonne * TONNE_G + gram

    def label(self) -> str:
        last = serial_text("", self.last, self.width)
        return self.serial(self.first) + ("" if self.last == self.first else f"..{last}")


class NotEnoughCredit(ValueError):
    """The grants end before the grams asked for."""


def draw(runs: Iterable[GrantRun], start_g: int, grams: int) -> tuple[CreditRange, ...]:
    """The ranges covering positions [start_g, start_g + grams) of a holder's sequence: one
    per serial touched, in order. `runs` are the holder's grants (any order, contiguous)."""
    end = start_g + grams
    ranges: list[CreditRange] = []
    position = start_g
    for run in sorted(runs, key=lambda r: r.start_g):
        if run.end_g <= position or position >= end:
            continue
        if run.start_g > position:
            break  # a gap in the sequence: never the case for a holder's own grants
        while position < min(end, run.end_g):
            index, offset = divmod(position - run.start_g, TONNE_G)
            to = min(end - position + offset, TONNE_G)
            number = run.first + index
            ranges.append(
                CreditRange(run.serial(number), offset, to, run.reference, run.beneficiary)
            )
            position += to - offset
    if position < end:
        raise NotEnoughCredit(f"{end - position} g beyond the granted serials")
    return tuple(ranges)


def ranges_json(ranges: Iterable[CreditRange]) -> str:
    """The stored (and pushed) form: a compact JSON list, in drawing order."""
    return json.dumps(
        [r.to_dict() for r in ranges], ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )


def parse_ranges(value: Any) -> tuple[CreditRange, ...]:
    """Ranges from their JSON text (or an already-parsed list); DataError when malformed."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise DataError("credit ranges are not valid JSON") from None
    if not isinstance(value, list):
        raise DataError("credit ranges must be a list")
    return tuple(CreditRange.from_dict(item) for item in value)


def status_of(ranges: tuple[CreditRange, ...]) -> RetirementStatus:
    """A paid order with ranges is covered by retired serials; one without waits."""
    return RetirementStatus.RETIRED if ranges else RetirementStatus.PENDING
