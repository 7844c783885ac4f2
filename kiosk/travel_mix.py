"""How an event's attendees travelled: groups of people, each from a typical origin by one mode.

An organiser rarely knows every attendee's trip, but knows roughly where people came from:
"100 flew from Beijing, 40 % took the high-speed train from Chongqing, 150 locals came by
metro, about 20 km". Each group is priced with the trip engine (kiosk.activities.travel), so an
attendee's flight in the event's footprint costs exactly what it costs in their own trip.

Written as text, so the same answer goes through `--set`, the registry's CLI and JSON alike:
groups separated by ";", each `ORIGIN:MODE:PEOPLE[:KM]`, where PEOPLE is a count (`120`) or a
share of the attendees (`40%`) and KM the one-way distance when the cities cannot give it (a
local trip within the venue's own city).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from kiosk.cities import AmbiguousCityError, City, UnknownCityError, load_cities
from kiosk.errors import InputError
from kiosk.records import Record

MAX_GROUPS = 40
MAX_TEXT = 2000
_COUNT = re.compile(r"\d{1,7}")
_SHARE = re.compile(r"\d{1,3}(\.\d{1,2})?%")
SYNTAX = "groups ORIGIN:MODE:PEOPLE[:KM] separated by ';', PEOPLE a count (120) or a share (40%)"


class TravelGroup(Record):
    """Visitors who came from one place by one mode (a frozen record, kiosk/records.py)."""

    FIELDS = ("origin", "mode", "count", "share", "km")
    __slots__ = FIELDS
    origin: City
    mode: str
    count: int | None  # people, or
    share: Decimal | None  # a percentage of the attendees
    km: Decimal | None  # one-way km, when the cities cannot give it

    def __init__(
        self,
        origin: City,
        mode: str,
        count: int | None = None,
        share: Decimal | None = None,
        km: Decimal | None = None,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "origin", origin)
        set_(self, "mode", mode)
        set_(self, "count", count)
        set_(self, "share", share)
        set_(self, "km", km)

    def people(self, attendees: int) -> Decimal:
        if self.count is not None:
            return Decimal(self.count)
        assert self.share is not None
        return Decimal(attendees) * self.share / 100

    def text(self) -> str:
        people = str(self.count) if self.count is not None else f"{self.share}%"
        km = f":{self.km}" if self.km is not None else ""
        return f"{self.origin.id}:{self.mode}:{people}{km}"


class TravelMix(Record):
    """How an event's visitors travelled: one group per origin and mode."""

    FIELDS = ("groups",)
    __slots__ = FIELDS
    groups: tuple[TravelGroup, ...]

    def __init__(self, groups: tuple[TravelGroup, ...] = ()) -> None:
        object.__setattr__(self, "groups", groups)

    def __bool__(self) -> bool:
        return bool(self.groups)

    def text(self) -> str:
        """The canonical text (city ids), as stored with an order and shown back."""
        return ";".join(group.text() for group in self.groups)

    def people(self, attendees: int) -> Decimal:
        return sum((group.people(attendees) for group in self.groups), Decimal(0))


def _group(index: int, text: str, modes: Iterable[str]) -> TravelGroup:
    where = f"group {index} ({text.strip()!r})"
    parts = [part.strip() for part in text.split(":")]
    if len(parts) not in (3, 4) or not all(parts):
        raise InputError("travel", f"{where}: write ORIGIN:MODE:PEOPLE[:KM]")
    origin_text, mode, people = parts[:3]
    try:
        origin = load_cities().lookup(origin_text)
    except (UnknownCityError, AmbiguousCityError) as exc:
        raise InputError("travel", f"{where}: {exc}") from None
    mode = mode.casefold()
    allowed = tuple(modes)
    if mode not in allowed:
        raise InputError("travel", f"{where}: mode {mode!r}; allowed: {', '.join(allowed)}")
    count: int | None = None
    share: Decimal | None = None
    if _COUNT.fullmatch(people):
        count = int(people)
        if count < 1:
            raise InputError("travel", f"{where}: at least 1 person")
    elif _SHARE.fullmatch(people):
        share = Decimal(people[:-1])
        if not 0 < share <= 100:
            raise InputError("travel", f"{where}: a share above 0 % and up to 100 %")
    else:
        raise InputError("travel", f"{where}: people {people!r}; allowed: a count or a share")
    km = None
    if len(parts) == 4:
        try:
            km = Decimal(parts[3])
        except InvalidOperation:
            km = None
        if km is None or not km.is_finite() or not Decimal("0.1") <= km <= 20000:
            raise InputError("travel", f"{where}: km {parts[3]!r}; allowed: 0.1 to 20000")
    return TravelGroup(origin, mode, count, share, km)


def parse_travel_mix(raw: object, modes: Iterable[str]) -> TravelMix:
    """The groups in RAW (text, or a TravelMix already parsed), or InputError naming the group."""
    if isinstance(raw, TravelMix):
        return raw
    if not isinstance(raw, str) or len(raw) > MAX_TEXT:
        raise InputError("travel", f"not valid; allowed: {SYNTAX}, at most {MAX_TEXT} characters")
    chunks = [chunk for chunk in raw.split(";") if chunk.strip()]
    if len(chunks) > MAX_GROUPS:
        raise InputError("travel", f"{len(chunks)} groups; allowed: up to {MAX_GROUPS}")
    modes = tuple(modes)
    return TravelMix(tuple(_group(i, chunk, modes) for i, chunk in enumerate(chunks, 1)))
