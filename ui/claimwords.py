"""The screens' words for a certificate's claim (kiosk.certificate.claims), through Qt's
translator: the core decides which statement is true, this module only says it in the
screen's language. Every key of claims.LABELS has a string here (a test checks it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.certificate.claims import Claim, Line


def words() -> dict[str, str]:
    """Each claim key's text in the current language (English source, {pct} placeholders)."""
    return {
        "title.neutral": QCoreApplication.translate("Claims", "Carbon-neutral certificate"),
        "title.offset": QCoreApplication.translate("Claims", "Carbon offset certificate"),
        "title.purchase": QCoreApplication.translate("Claims", "Carbon credit purchase"),
        "title.void": QCoreApplication.translate("Claims", "Void certificate"),
        "status.retired": QCoreApplication.translate("Claims", "Purchased and retired"),
        "status.pending": QCoreApplication.translate("Claims", "Purchased, retirement pending"),
        "status.refunded": QCoreApplication.translate(
            "Claims", "Refunded: this certificate is void"
        ),
        "share.offsets.whole": QCoreApplication.translate("Claims", "Offsets your whole footprint"),
        "share.offsets.part": QCoreApplication.translate(
            "Claims", "Offsets {pct} % of your footprint"
        ),
        "share.offsets.month": QCoreApplication.translate(
            "Claims", "Offsets one month of your year ({pct} %)"
        ),
        "share.offsets.tiny": QCoreApplication.translate(
            "Claims", "Offsets less than 1 % of your footprint"
        ),
        "share.bought.whole": QCoreApplication.translate(
            "Claims", "Bought for your whole footprint"
        ),
        "share.bought.part": QCoreApplication.translate(
            "Claims", "Bought for {pct} % of your footprint"
        ),
        "share.bought.month": QCoreApplication.translate(
            "Claims", "Bought for one month of your year ({pct} %)"
        ),
        "share.bought.tiny": QCoreApplication.translate(
            "Claims", "Bought for less than 1 % of your footprint"
        ),
        "demo": QCoreApplication.translate(
            "Claims", "Demo, not registered: the QR opens no web page"
        ),
        "offset.retired": QCoreApplication.translate("Claims", "Offset"),
        "offset.pending": QCoreApplication.translate("Claims", "Purchased"),
        "offset.refunded": QCoreApplication.translate("Claims", "Refunded"),
        "credits": QCoreApplication.translate("Claims", "Retired credits"),
        "reference": QCoreApplication.translate("Claims", "Retirement reference"),
        "beneficiary": QCoreApplication.translate("Claims", "Beneficiary"),
    }


def say(line: Line) -> str:
    return words()[line.key].format(**dict(line.values))


def title(claim: Claim) -> str:
    return words()[claim.title]


def summary(claim: Claim) -> str:
    """One line for the cashier: the title and every statement under it."""
    return " · ".join([title(claim), *(say(line) for line in claim.lines())])


def credits(claim: Claim) -> str:
    """The retired serials with their gram ranges and the exchange's references ("" if none)."""
    said = words()
    parts = [f"{said['credits']}: " + "; ".join(r.label() for r in claim.ranges)]
    if claim.references():
        parts.append(f"{said['reference']}: " + "; ".join(claim.references()))
    return " · ".join(parts) if claim.ranges else ""
