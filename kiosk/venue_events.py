"""The events at this kiosk's venue, as the last sync pulled them from the registry.

A sale made on one of an event's days counts towards it (the order carries the event's id;
the registry adds it up), and the attract screen shows the running event's name and how much
of its footprint is offset. That figure is the registry's at the last pull: it says "as of
HH:MM" when the pull was not today, rather than pretending to be live.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from kiosk.buyer import EventTag
from kiosk.errors import DataError
from kiosk.factors import FactorTable
from kiosk.footprint import Footprint, compute
from kiosk.ledger import Ledger, syncstate
from kiosk.timestamps import china_date, parse_stamp
from kiosk.venues import Venue

KIND = "events"  # its row in the ledger's `pulled` table


@dataclass(frozen=True, slots=True)
class VenueEvent:
    id: str
    name: Mapping[str, str]
    starts_on: date
    ends_on: date
    footprint_g: int
    by_attendees_g: int
    by_organiser_g: int
    answers: Mapping[str, str]  # the event scenario's, as the registry worked it out

    def footprint(self, venue: Venue, table: FactorTable | None) -> Footprint:
        """The event's own footprint, for the organiser's purchase at the kiosk (on the kiosk's
        factor table: the figure the registry shows may be from an older one)."""
        return compute("event", dict(self.answers), venue=venue, table=table)

    def label(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get("en") or self.name.get("zh") or self.id

    def runs_on(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def percent(self) -> int:
        """Whole per cent of its footprint offset so far (attendees and organiser), 0-100."""
        if self.footprint_g <= 0:
            return 100
        return min(100, (self.by_attendees_g + self.by_organiser_g) * 100 // self.footprint_g)

    def tag(self, *, for_event: bool = False) -> EventTag:
        return EventTag(self.id, MappingProxyType(dict(self.name)), for_event)


@dataclass(frozen=True, slots=True)
class Running:
    """The event running today, and when its figures were pulled (UTC)."""

    event: VenueEvent
    pulled_at: datetime

    def stale(self, now: datetime) -> bool:
        """Not pulled today (China day): the screen then says "as of HH:MM"."""
        return china_date(self.pulled_at) != china_date(now)


def _int(item: Mapping[str, Any], key: str) -> int:
    value = item.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise DataError(f"event {item.get('event_id')!r}: {key} must be a whole number >= 0")
    return value


def _answers(item: Mapping[str, Any]) -> dict[str, str]:
    answers = item.get("answers", {})
    if not isinstance(answers, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in answers.items()
    ):
        raise DataError(f"event {item.get('event_id')!r}: answers must map text to text")
    return dict(answers)


def parse_events(data: Any) -> tuple[VenueEvent, ...]:
    """The pulled answer's events, checked; DataError names what is wrong."""
    if not isinstance(data, Mapping) or not isinstance(data.get("events"), list):
        raise DataError("events: expected an object with a list of events")
    found = []
    for item in data["events"]:
        if not isinstance(item, Mapping):
            raise DataError("events: each event must be an object")
        name = item.get("name")
        if not isinstance(name, Mapping) or not all(
            isinstance(name.get(k), str) and name.get(k) for k in ("zh", "en")
        ):
            raise DataError(f"event {item.get('event_id')!r}: a name in zh and en is required")
        try:
            first = date.fromisoformat(str(item.get("starts_on")))
            last = date.fromisoformat(str(item.get("ends_on")))
        except ValueError:
            raise DataError(f"event {item.get('event_id')!r}: dates like 2026-12-05") from None
        found.append(
            VenueEvent(
                id=str(item.get("event_id", ""))[:64],
                name=MappingProxyType({k: str(v)[:200] for k, v in name.items()}),
                starts_on=first,
                ends_on=last,
                footprint_g=_int(item, "footprint_g"),
                by_attendees_g=_int(item, "offset_by_attendees_g"),
                by_organiser_g=_int(item, "offset_by_organiser_g"),
                answers=MappingProxyType(_answers(item)),
            )
        )
    return tuple(found)


def running(ledger: Ledger, now: datetime) -> Running | None:
    """The event at this venue today (China day) from the last pull, or None."""
    data, at = syncstate.pulled_data(ledger, KIND), syncstate.pulled_at(ledger, KIND)
    if data is None or at is None:
        return None
    try:
        events = parse_events(data)
    except DataError:
        return None  # checked when pulled; a hand-edited row shows no event
    today = china_date(now)
    for event in events:
        if event.runs_on(today):
            return Running(event, parse_stamp(at))
    return None
