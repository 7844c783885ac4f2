"""Who an order is for, beyond an optional nickname: a company wanting an invoice (发票), and
the event a sale counts towards.

A company's certificate names the company instead of a nickname, and the registry queues an
invoice request for it (name, unified social credit code, amount, serials), so the code is
checked with its check character here (kiosk.uscc) before any order is written: a typo caught
at the kiosk never reaches an invoice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from kiosk.errors import InputError
from kiosk.uscc import check

COMPANY_NAME_MAX = 60  # a registered name (名称) rarely passes 40 characters
EMAIL_MAX = 120
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+")


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    code: str  # normalised, check character verified
    invoice_email: str = ""


def company(name: str, code: str, invoice_email: str = "") -> Company:
    """The company as stored, or InputError naming the field (name, code or invoice_email)."""
    name = " ".join(name.split())
    if not name:
        raise InputError("company_name", "the company's registered name is required")
    if len(name) > COMPANY_NAME_MAX:
        raise InputError("company_name", f"at most {COMPANY_NAME_MAX} characters")
    if any(not char.isprintable() for char in name):
        raise InputError("company_name", "letters, digits and punctuation only")
    email = invoice_email.strip()
    if email and (len(email) > EMAIL_MAX or not _EMAIL.fullmatch(email)):
        raise InputError("invoice_email", "an address like name@example.com, or leave it empty")
    return Company(name, check(code), email)


@dataclass(frozen=True, slots=True)
class EventTag:
    """The running event a sale counts towards; `for_event` marks the organiser's purchase
    offsetting the event's own footprint (its certificate names the event)."""

    id: str
    name: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    for_event: bool = False

    def name_json(self) -> str:
        return json.dumps(dict(self.name), ensure_ascii=False, sort_keys=True)


def buyer_fields(company: Company | None, event: EventTag | None) -> dict[str, Any]:
    """The order's columns for them (the schema's defaults when there is none)."""
    return {
        "company_name": company.name if company else "",
        "company_code": company.code if company else "",
        "invoice_email": company.invoice_email if company else "",
        "event_id": event.id if event else "",
        "event_name": event.name_json() if event and event.for_event else "",
        "for_event": int(bool(event and event.for_event)),
    }
