"""What a certificate may truthfully say at this moment, as keys and numbers.

One rule set for every place a certificate is seen (slips, the share image, the kiosk's
certificate screen, the cashier console, the registry's page, `diandian cert verify`):
- "carbon-neutral certificate / 碳中和证书" only when retired credits cover the whole footprint;
  a part of it is a "carbon offset certificate / 碳抵消证书" that "offsets N % of your
  footprint" ("one month of your year" for *my year*);
- credits not yet retired are "purchased, retirement pending", never "offset" or "neutral"
  (retirement-notes.md, section 5: every printed claim rests on a retirement already made);
- a refunded certificate says so, and claims nothing else;
- a kiosk with no registry address says "demo, not registered".

The core returns keys and numbers; renderers translate them: slips and the registry page
through LABELS here (zh, en, fr), the Qt screens through their own tr() strings for the same
keys (a test checks both cover every key).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from kiosk.comparisons import month_of
from kiosk.credit import CreditRange
from kiosk.ledger import Order
from kiosk.order_state import OrderState
from kiosk.session import LIFESTYLE


class Standing(StrEnum):
    RETIRED = "retired"  # every gram lies in a retired serial (its ranges say which)
    PENDING = "pending"  # paid, its tonne not retired yet
    REFUNDED = "refunded"  # voided: it stands for no credit


@dataclass(frozen=True, slots=True)
class Line:
    """One statement: a LABELS key and the values its text takes ({pct})."""

    key: str
    values: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        return LABELS[self.key][lang].format(**dict(self.values))


@dataclass(frozen=True, slots=True)
class Claim:
    standing: Standing
    whole: bool  # the offset covers the whole footprint
    share_pct: int  # whole percent covered, rounded down (never claims more than bought)
    month_of_year: bool  # a *my year* order that offsets one month
    ranges: tuple[CreditRange, ...]
    demo: bool  # no registry address (the QR opens no page), or demo credits

    @property
    def title(self) -> str:
        """The title's key: neutral, offset, purchase (pending) or void (refunded)."""
        if self.standing == Standing.REFUNDED:
            return "title.void"
        if self.standing == Standing.PENDING:
            return "title.purchase"
        return "title.neutral" if self.whole else "title.offset"

    @property
    def offset_caption(self) -> str:
        """The caption beside the grams: "offset" only once retired."""
        return f"offset.{self.standing.value}"

    def lines(self) -> tuple[Line, ...]:
        """The statements under the title, most important first."""
        lines = [Line(f"status.{self.standing.value}")]
        if self.standing != Standing.REFUNDED:
            lines.append(self.share())
        if self.demo:
            lines.append(Line("demo"))
        return tuple(lines)

    def share(self) -> Line:
        verb = "offsets" if self.standing == Standing.RETIRED else "bought"
        if self.whole:
            return Line(f"share.{verb}.whole")
        pct = (("pct", str(self.share_pct)),)
        if self.month_of_year:
            return Line(f"share.{verb}.month", pct)
        if self.share_pct < 1:
            return Line(f"share.{verb}.tiny")
        return Line(f"share.{verb}.part", pct)

    def references(self) -> tuple[str, ...]:
        """The exchange's retirement references, each once, in drawing order."""
        return tuple(dict.fromkeys(r.reference for r in self.ranges if r.reference))

    def beneficiaries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.beneficiary for r in self.ranges if r.beneficiary))


def claim(
    *,
    footprint_g: int,
    offset_g: int,
    scenario: str,
    refunded: bool,
    ranges: Sequence[CreditRange],
    retired: bool | None = None,
    demo: bool = False,
) -> Claim:
    """The claim for these facts. `retired` defaults to "has ranges" (retire first); the
    registry passes what it knows of a sell-first order's later retirement."""
    if refunded:
        standing = Standing.REFUNDED
    elif ranges if retired is None else retired:
        standing = Standing.RETIRED
    else:
        standing = Standing.PENDING
    whole = offset_g >= footprint_g
    demo = demo or any(r.reference is None for r in ranges)  # a demo grant retired nothing
    return Claim(
        standing=standing,
        whole=whole,
        share_pct=100 if whole else offset_g * 100 // footprint_g,
        month_of_year=(not whole and scenario == LIFESTYLE and offset_g == month_of(footprint_g)),
        ranges=tuple(ranges),
        demo=demo,
    )


def for_order(order: Order, *, demo: bool) -> Claim:
    """What a ledger order's certificate may claim now (refunded, retired or pending)."""
    return claim(
        footprint_g=order.footprint_g,
        offset_g=order.offset_g,
        scenario=order.scenario,
        refunded=order.status == OrderState.VOIDED,
        ranges=order.ranges(),
        demo=demo,
    )


# zh, en, fr for every key. The French avoids letters outside GBK (ç, ô...), which a
# receipt printer's own Chinese font cannot print.
LABELS: dict[str, dict[str, str]] = {
    "title.neutral": {
        "zh": "碳中和证书",
        "en": "Carbon-neutral certificate",
        "fr": "Certificat de neutralité carbone",
    },
    "title.offset": {
        "zh": "碳抵消证书",
        "en": "Carbon offset certificate",
        "fr": "Certificat de compensation carbone",
    },
    "title.purchase": {
        "zh": "碳信用购买凭证",
        "en": "Carbon credit purchase",
        "fr": "Achat de crédits carbone",
    },
    "title.void": {
        "zh": "已作废的证书",
        "en": "Void certificate",
        "fr": "Certificat annulé",
    },
    "status.retired": {
        "zh": "已购买并已注销",
        "en": "Purchased and retired",
        "fr": "Acheté et retiré",
    },
    "status.pending": {
        "zh": "已购买，等待注销",
        "en": "Purchased, retirement pending",
        "fr": "Acheté, retrait en attente",
    },
    "status.refunded": {
        "zh": "已退款：此证书作废",
        "en": "Refunded: this certificate is void",
        "fr": "Remboursé : ce certificat est annulé",
    },
    "share.offsets.whole": {
        "zh": "抵消您的全部碳足迹",
        "en": "Offsets your whole footprint",
        "fr": "Compense toute votre empreinte",
    },
    "share.offsets.part": {
        "zh": "抵消您碳足迹的 {pct}%",
        "en": "Offsets {pct} % of your footprint",
        "fr": "Compense {pct} % de votre empreinte",
    },
    "share.offsets.month": {
        "zh": "抵消您一年中的一个月（{pct}%）",
        "en": "Offsets one month of your year ({pct} %)",
        "fr": "Compense un mois de votre année ({pct} %)",
    },
    "share.offsets.tiny": {
        "zh": "抵消您碳足迹的不到 1%",
        "en": "Offsets less than 1 % of your footprint",
        "fr": "Compense moins de 1 % de votre empreinte",
    },
    "share.bought.whole": {
        "zh": "购买量相当于您的全部碳足迹",
        "en": "Bought for your whole footprint",
        "fr": "Achat pour toute votre empreinte",
    },
    "share.bought.part": {
        "zh": "购买量相当于您碳足迹的 {pct}%",
        "en": "Bought for {pct} % of your footprint",
        "fr": "Achat pour {pct} % de votre empreinte",
    },
    "share.bought.month": {
        "zh": "购买量相当于您一年中的一个月（{pct}%）",
        "en": "Bought for one month of your year ({pct} %)",
        "fr": "Achat pour un mois de votre année ({pct} %)",
    },
    "share.bought.tiny": {
        "zh": "购买量不到您碳足迹的 1%",
        "en": "Bought for less than 1 % of your footprint",
        "fr": "Achat pour moins de 1 % de votre empreinte",
    },
    "demo": {
        "zh": "演示，未登记：二维码不打开网页",
        "en": "Demo, not registered: the QR opens no web page",
        "fr": "Démo, non enregistré : le QR n'ouvre aucune page",
    },
    "offset.retired": {"zh": "已抵消", "en": "Offset", "fr": "Compensé"},
    "offset.pending": {"zh": "已购买", "en": "Purchased", "fr": "Acheté"},
    "offset.refunded": {"zh": "已退款", "en": "Refunded", "fr": "Remboursé"},
    "credits": {"zh": "已注销的碳信用", "en": "Retired credits", "fr": "Crédits retirés"},
    "reference": {"zh": "注销凭证号", "en": "Retirement reference", "fr": "Référence du retrait"},
    "beneficiary": {"zh": "受益人", "en": "Beneficiary", "fr": "Bénéficiaire"},
}
