"""What a customer chose for an order, checked before any transaction starts."""

from __future__ import annotations

from typing import Any

from kiosk.buyer import Company, EventTag, buyer_fields
from kiosk.errors import InputError
from kiosk.footprint import Footprint
from kiosk.ledger import audit
from kiosk.money import MAX_GRAMS

LANGS = ("zh", "en", "fr")
NICKNAME_MAX = 20


def check_nickname(nickname: str) -> str:
    nickname = " ".join(nickname.split())
    if len(nickname) > NICKNAME_MAX:
        raise InputError("nickname", f"at most {NICKNAME_MAX} characters, got {len(nickname)}")
    if any(not ch.isprintable() for ch in nickname):
        raise InputError("nickname", "letters, digits and punctuation only")
    return nickname


def draft_fields(
    footprint: Footprint,
    offset_g: int | None,
    nickname: str,
    lang: str,
    company: Company | None = None,
    event: EventTag | None = None,
) -> dict[str, Any]:
    """Check what the customer chose, before any transaction starts. A company's order keeps
    no nickname: its certificate names the company."""
    if event is not None and event.for_event and footprint.scenario != "event":
        raise InputError("event", "only the event scenario offsets the event itself")
    offset = footprint.total_grams if offset_g is None else offset_g
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 < offset <= MAX_GRAMS:
        raise InputError("offset_g", f"must be a whole number of grams from 1 to {MAX_GRAMS}")
    if lang not in LANGS:
        raise InputError("lang", f"{lang!r} is not one of {', '.join(LANGS)}")
    content = footprint.to_json()
    return {
        "venue": footprint.venue,
        "scenario": footprint.scenario,
        "answers": audit.canonical(content["answers"]),
        "lines": audit.canonical([stored_line(line) for line in content["lines"]]),
        "footprint_g": footprint.total_grams,
        "factors_version": footprint.factors_version,
        "offset_g": offset,
        "nickname": "" if company else check_nickname(nickname),
        "lang": lang,
        **buyer_fields(company, event),
    }


def stored_line(line: dict[str, Any]) -> dict[str, Any]:
    """A breakdown line without its source text: factor id + factors_version name the source,
    and leaving the long text out keeps every audited copy of the order small."""
    return {key: value for key, value in line.items() if key not in ("source", "kg")}
