"""Everything a certificate slip shows, as plain text already in the customer's languages.

Renderers (PDF, PNG, ESC/POS) take a SlipContent and lay it out; they never look up a price,
a factor or a translation themselves, so every format shows the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class SlipLine:
    label: str  # e.g. "国内航班 北京→成都 / Domestic flight Beijing→Chengdu"
    value: str  # e.g. "182.264 kg"


@dataclass(frozen=True, slots=True)
class SlipContent:
    titles: tuple[str, ...]  # ("碳中和证书", "Carbon-neutral certificate"[, French])
    claims: tuple[str, ...]  # what is true now, e.g. "已购买并已注销 / Purchased and retired"
    nickname: str  # may be empty: then the slip leaves the line out
    issued: str  # "2026-11-26 14:05 (UTC+8)"
    venue: str
    footprint: str  # "364.528 kg CO2e"
    breakdown: tuple[SlipLine, ...]
    offset: str  # "364.528 kg CO2e"
    project: str
    credits: tuple[SlipLine, ...]  # retired serial(s) and gram ranges, reference, beneficiary
    serial: str  # "K4F6Z2M1Q-000001"
    amount: str  # "¥32.81"
    sources: str  # the factor sources, one short line
    qr_text: str  # the certificate URL with its signed payload
    captions: dict[str, str]  # field captions: nickname, issued, venue, footprint, offset
    #                           ("offset" only once retired), project, serial, amount, scan
    # The same two figures rounded as the kiosk's screen shows them, in the customer's number
    # format (kiosk.formats), for the share image: "472 kg", "82,2 kg". The paper keeps grams.
    footprint_shown: str = ""
    offset_shown: str = ""


@dataclass(frozen=True, slots=True)
class Delivery:
    """How a slip left the kiosk: "printed" (a network printer confirmed it after the job, or a
    local device or CUPS took it), or "unconfirmed" (sent, but the printer never said it is
    online with paper and no error: listed for reprint, `note` says why)."""

    printer: str
    status: Literal["printed", "unconfirmed"]
    note: str = ""
