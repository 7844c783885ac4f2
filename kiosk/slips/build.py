"""A paid order's slip content, in Chinese and English (and French for a French customer)."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.certificate.issue import qr_text
from kiosk.certificate.payload import DEFAULT_BASE_URL
from kiosk.cities import load_cities
from kiosk.factors import FactorTable
from kiosk.ledger import Ledger, Order
from kiosk.ledger.overrides import base_factors, factors_for
from kiosk.money import format_fen, format_grams
from kiosk.slips.content import SlipContent, SlipLine
from kiosk.timestamps import CHINA_TIME, parse_stamp
from kiosk.venues import load_venues

TITLES = {
    "zh": "碳中和证书",
    "en": "Carbon-neutral certificate",
    "fr": "Certificat de neutralité carbone",
}
CAPTIONS = {
    "nickname": {"zh": "昵称", "en": "Nickname", "fr": "Pseudo"},
    "issued": {"zh": "日期", "en": "Date", "fr": "Date"},
    "venue": {"zh": "地点", "en": "Venue", "fr": "Lieu"},
    "footprint": {"zh": "碳足迹", "en": "Footprint", "fr": "Empreinte"},
    "offset": {"zh": "已抵消", "en": "Offset", "fr": "Compensé"},
    "project": {"zh": "减排项目", "en": "Project", "fr": "Projet"},
    "serial": {"zh": "证书编号", "en": "Serial", "fr": "Numéro"},
    "amount": {"zh": "金额", "en": "Paid", "fr": "Payé"},
    "scan": {"zh": "扫码查看证书", "en": "Scan to see your certificate", "fr": "Scannez pour voir"},
}


def languages(order: Order) -> tuple[str, ...]:
    """Chinese and English always; French too when the customer used French."""
    return ("zh", "en", "fr") if order.lang == "fr" else ("zh", "en")


def _both(texts: dict[str, str] | object, langs: tuple[str, ...], sep: str = " / ") -> str:
    values = [texts.get(lang, "") for lang in langs[:2]]  # type: ignore[union-attr]
    return sep.join(dict.fromkeys(v for v in values if v))


def _line_label(line: dict, table: FactorTable, langs: tuple[str, ...]) -> str:
    factor = table.factors.get(line["activity"])
    names = {lang: factor.name(lang) if factor else line["activity"] for lang in langs}
    detail = line.get("detail") or {}
    if "from" in detail:
        cities = load_cities()
        ends = [cities.get(detail[k]) if detail[k] else None for k in ("from", "to")]
        for lang in names:
            route = "→".join(c.name_zh if lang == "zh" and c.name_zh else c.name_en for c in ends)
            names[lang] = f"{names[lang]} {route}"
    return _both(names, langs)


def sources_line(order: Order, table: FactorTable | None) -> str:
    """The order's factor version and the short citations of the factors it used; TABLE must
    be the one the order was computed with (None: unknown, so nothing is cited)."""
    if table is None:
        return f"Factors {order.factors_version}"
    cites = dict.fromkeys(
        table.factors[line["activity"]].cite
        for line in order.breakdown()
        if line["activity"] in table.factors
    )
    return f"Factors {order.factors_version}: " + "; ".join(cites)


def build_content(
    order: Order, ledger: Ledger, key: Ed25519PrivateKey, base_url: str = DEFAULT_BASE_URL
) -> SlipContent:
    used = factors_for(ledger, order.factors_version, order.id)  # on a reprint too
    table = used or base_factors(ledger)  # labels do not change between versions
    langs = languages(order)
    project = ledger.project(order.project_id)
    venue = load_venues().get(order.venue)
    paid = parse_stamp(order.paid_at or order.created_at)
    return SlipContent(
        titles=tuple(TITLES[lang] for lang in langs),
        nickname=order.nickname,
        issued=paid.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M (UTC+8)"),
        venue=_both(venue.name, langs) if venue else order.venue,
        footprint=f"{format_grams(order.footprint_g)} CO2e",
        breakdown=tuple(
            SlipLine(_line_label(line, table, langs), format_grams(line["g"]))
            for line in order.breakdown()
        ),
        offset=f"{format_grams(order.offset_g)} CO2e",
        project=_both(dict(project.name), langs),
        serial=f"{order.kiosk_id}-{order.serial:06d}" if order.serial else order.code,
        amount=format_fen(order.amount_fen),
        sources=sources_line(order, used),
        qr_text=qr_text(order, key, base_url),
        captions={name: _both(texts, langs, " ") for name, texts in CAPTIONS.items()},
    )
