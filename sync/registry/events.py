"""Events at a venue (issue 18): what an operator records, and what kiosks and the public page
are told about them.

An event's own footprint is the kiosk's `event` scenario (kiosk/event_activities.py), worked
out here once, when the event is created, with the factor table the registry serves: the
figure "attendees have offset X t of the event's Y t" compares against does not move when a
later factor table arrives. The venue's kiosks pull the events that have not ended yet; a sale
made at the venue on one of its days counts towards it (the kiosk tags the order), and the
organiser's own purchase offsets the event itself.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row

from kiosk.errors import InputError
from kiosk.factors import parse_factor_table
from kiosk.footprint import Footprint, compute
from kiosk.venues import get_venue, load_venues
from sync.registry import audit, event_storage, operations

EVENT_ID = re.compile(r"[a-z0-9][a-z0-9-]{2,63}")
NAME_MAX = 120
LANGS = ("zh", "en", "fr")


def _day(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(
            flag, f"{text!r} is not a date like 2026-12-05", "bad_day", text=text[:20]
        ) from None


def _name(text: str, flag: str) -> str:
    name = " ".join(text.split())
    if not name or len(name) > NAME_MAX or not name.isprintable():
        raise InputError(flag, f"1 to {NAME_MAX} printable characters", "event_name", max=NAME_MAX)
    return name


def footprint_of(conn: Connection, venue: str, answers: dict[str, str]) -> Footprint:
    """The event scenario's footprint at VENUE, on the factor table kiosks are served."""
    table = parse_factor_table(operations.factors(conn=conn)["table"])
    return compute("event", answers, venue=get_venue(venue), table=table)


def create(
    *,
    conn: Connection,
    event_id: str,
    venue: str,
    names: dict[str, str],
    starts_on: str,
    ends_on: str,
    organiser: str,
    answers: dict[str, str],
    actor: str = "",
) -> dict[str, Any]:
    """Record an event; InputError names the field at fault and nothing is written. ACTOR
    (the console's operator, the CLI's `cli:USER`): who is named in its audit row."""
    if not EVENT_ID.fullmatch(event_id):
        raise InputError(
            "--id", "3 to 64 of a-z, 0-9 and -, starting with a letter or digit", "event_id"
        )
    try:
        get_venue(venue)
    except InputError as exc:  # its line lists the venues; the console names them too
        allowed = ", ".join(load_venues())
        raise exc.coded("unknown_venue", venue=venue[:40], allowed=allowed) from None
    first, last = _day(starts_on, "--starts"), _day(ends_on, "--ends")
    if last < first:
        raise InputError(
            "--ends", f"{ends_on} is before the start, {starts_on}", "event_ends_early",
            ends=ends_on, starts=starts_on,
        )  # fmt: skip
    if (last - first).days >= 60:
        raise InputError("--ends", "an event lasts at most 60 days", "event_too_long", days=60)
    zh = _name(names.get("zh", ""), "--name-zh")
    en = _name(names.get("en") or zh, "--name-en")
    fr = _name(names.get("fr") or en, "--name-fr")
    organiser = _name(organiser, "--organiser")
    answers = {"days": str((last - first).days + 1), **answers}
    footprint = footprint_of(conn, venue, answers)
    if event_storage.get_event(conn=conn, event_id=event_id) is not None:
        raise InputError("--id", f"event {event_id} already exists", "event_exists", event=event_id)
    clash = event_storage.overlapping(
        conn=conn, venue=venue, starts_on=first.isoformat(), ends_on=last.isoformat()
    )
    if clash is not None:
        raise InputError(
            "--starts/--ends", f"event {clash.event_id} is at {venue} on those days",
            "event_clash", event=clash.event_id, venue=venue,
        )  # fmt: skip
    row = {
        "event_id": event_id,
        "venue": venue,
        "name_zh": zh,
        "name_en": en,
        "name_fr": fr,
        "starts_on": first.isoformat(),
        "ends_on": last.isoformat(),
        "attendees": int(footprint.answers["attendees"]),  # type: ignore[arg-type]
        "organiser": organiser,
        "answers": json.dumps(answers, ensure_ascii=False, sort_keys=True),
        "footprint_g": footprint.total_grams,
        "factors_version": footprint.factors_version,
    }
    event_storage.insert_event(conn=conn, row=row)
    if actor:
        detail = {"venue": venue, "starts_on": row["starts_on"], "ends_on": row["ends_on"],
                  "footprint_g": row["footprint_g"]}  # fmt: skip
        audit.record(conn, actor=actor, action="event_create", subject=f"event {event_id}",
                     detail=detail)  # fmt: skip
    return summary(conn, event_id)


def keep_known_events(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Pushed sales count towards an event only if it is one of this registry's, at the sale's
    venue, on the sale's day; otherwise (an event deleted, a kiosk's clock or venue wrong) the
    sale stands and counts towards no event. Changes ROWS in place."""
    wanted = {row["event_id"] for row in rows if row["event_id"]}
    known = {event_id: event_storage.get_event(conn=conn, event_id=event_id) for event_id in wanted}
    for row in rows:
        event = known.get(row["event_id"])
        if row["event_id"] and (
            event is None
            or event.venue != row["venue"]
            or not event.starts_on <= row["day"] <= event.ends_on
        ):
            row["event_id"], row["for_event"] = "", False


def _as_dict(row: Row, progress: dict[str, tuple[int, int]]) -> dict[str, Any]:
    attendees_g, organiser_g = progress.get(row.event_id, (0, 0))
    return {
        "event_id": row.event_id,
        "venue": row.venue,
        "name": {lang: getattr(row, f"name_{lang}") for lang in LANGS},
        "starts_on": row.starts_on,
        "ends_on": row.ends_on,
        "attendees": row.attendees,
        "organiser": row.organiser,
        "answers": json.loads(row.answers),
        "footprint_g": row.footprint_g,
        "factors_version": row.factors_version,
        "offset_by_attendees_g": attendees_g,
        "offset_by_organiser_g": organiser_g,
    }


def summary(conn: Connection, event_id: str) -> dict[str, Any]:
    row = event_storage.get_event(conn=conn, event_id=event_id)
    if row is None:
        raise InputError("event", f"no event {event_id}", "no_event", event=event_id)
    return _as_dict(row, event_storage.event_progress(conn=conn, event_ids=[event_id]))


def listed(conn: Connection, *, venue: str | None = None, after: str = "") -> list[dict[str, Any]]:
    """Events (of one venue) ending on or after the day AFTER, with their progress."""
    rows = event_storage.list_events(conn=conn, venue=venue, after=after)
    progress = event_storage.event_progress(conn=conn, event_ids=[r.event_id for r in rows])
    return [_as_dict(row, progress) for row in rows]


def lines(conn: Connection, event_id: str) -> list[dict[str, Any]]:
    """The event's footprint line by line with each factor's source, as the page shows it."""
    row = event_storage.get_event(conn=conn, event_id=event_id)
    if row is None:
        return []
    table = parse_factor_table(operations.factors(conn=conn)["table"])
    footprint = compute("event", json.loads(row.answers), venue=get_venue(row.venue), table=table)
    if footprint.factors_version != row.factors_version:
        return []  # the table changed since: the stored total stands, its lines are not shown
    return [
        {
            "activity": line.activity,
            "name": table[line.activity].name("zh") + " / " + table[line.activity].name("en"),
            "quantity": str(line.quantity),
            "unit": line.unit,
            "factor": str(line.factor_kg_per_unit),
            "grams": line.grams,
            "source": table[line.activity].source,
        }
        for line in footprint.lines
    ]
