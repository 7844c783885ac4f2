"""A paid order's slip content, in Chinese and English (and French for a French customer).

The words that claim something (title, retired or pending, the share of the footprint, demo)
come from kiosk.certificate.claims, so the slip says what the screen and the page say.
"""

from __future__ import annotations

from collections.abc import Mapping

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import formats
from kiosk.certificate.claims import LABELS, Claim, for_order
from kiosk.certificate.issue import base_url, qr_text
from kiosk.cities import load_cities
from kiosk.factors import FactorTable
from kiosk.footprint import StoredLine
from kiosk.ledger import Ledger, Order
from kiosk.ledger.overrides import base_factors, factors_for
from kiosk.money import format_fen, format_grams
from kiosk.slips.content import SlipContent, SlipLine
from kiosk.timestamps import CHINA_TIME, parse_stamp
from kiosk.venues import load_venues

CAPTIONS = {
    "nickname": {"zh": "昵称", "en": "Nickname", "fr": "Pseudo"},
    "issued": {"zh": "日期", "en": "Date", "fr": "Date"},
    "venue": {"zh": "地点", "en": "Venue", "fr": "Lieu"},
    "footprint": {"zh": "碳足迹", "en": "Footprint", "fr": "Empreinte"},
    "project": {"zh": "减排项目", "en": "Project", "fr": "Projet"},
    "serial": {"zh": "证书编号", "en": "Serial", "fr": "Numéro"},
    "amount": {"zh": "金额", "en": "Paid", "fr": "Payé"},
    "scan": {
        "zh": "扫码查看证书",
        "en": "Scan to see your certificate",
        "fr": "Scannez pour voir votre certificat",
    },
    "scan.demo": {
        "zh": "演示证书码，可离线核验",
        "en": "Demo certificate code, checked offline",
        "fr": "Code de démonstration, vérifiable hors ligne",
    },
}


def languages(order: Order) -> tuple[str, ...]:
    """Chinese and English always; French too when the customer used French."""
    return ("zh", "en", "fr") if order.lang == "fr" else ("zh", "en")


def _both(texts: Mapping[str, str], langs: tuple[str, ...], sep: str = " / ") -> str:
    """A value in every language of the slip, each once: "成都 / Chengdu / Chengdu" is
    "成都 / Chengdu"."""
    values = [texts.get(lang, "") for lang in langs]
    return sep.join(dict.fromkeys(v for v in values if v))


def caption(texts: dict[str, str], langs: tuple[str, ...]) -> str:
    """A field caption: "碳足迹 Footprint", or "碳足迹 Footprint / Empreinte" in French."""
    latin = _both(texts, tuple(lang for lang in langs if lang != "zh"))
    return " ".join(part for part in (texts.get("zh", ""), latin) if part)


def credit_rows(said: Claim, langs: tuple[str, ...]) -> tuple[SlipLine, ...]:
    """The retired serials and gram ranges, the exchange's reference and the beneficiary."""
    rows = [SlipLine(caption(LABELS["credits"], langs), r.label()) for r in said.ranges]
    rows += [SlipLine(caption(LABELS["reference"], langs), ref) for ref in said.references()]
    rows += [SlipLine(caption(LABELS["beneficiary"], langs), b) for b in said.beneficiaries()]
    return tuple(rows)


def _line_label(line: StoredLine, table: FactorTable, langs: tuple[str, ...]) -> str:
    factor = table.factors.get(line["activity"])
    names = {lang: factor.name(lang) if factor else line["activity"] for lang in langs}
    detail = line.get("detail") or {}
    if "from" in detail:
        cities = load_cities()
        ends = [cities.get(detail[k]) for k in ("from", "to")]
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


def build_content(order: Order, ledger: Ledger, key: Ed25519PrivateKey) -> SlipContent:
    """The one place a slip's facts are gathered (the kiosk, the console and the CLI all call
    it), so every certificate points to the same registry address and says the same things."""
    return build(order, ledger, key)[0]


def build(order: Order, ledger: Ledger, key: Ed25519PrivateKey) -> tuple[SlipContent, Claim]:
    """The slip and the claim behind its words (the certificate screen shows both)."""
    used = factors_for(ledger, order.factors_version, order.id)  # on a reprint too
    table = used or base_factors(ledger)  # labels do not change between versions
    langs = languages(order)
    project = ledger.project(order.project_id)
    venue = load_venues().get(order.venue)
    paid = parse_stamp(order.paid_at or order.created_at)
    address = base_url(ledger)
    said = for_order(order, demo=address is None)
    captions = {name: caption(texts, langs) for name, texts in CAPTIONS.items()}
    captions["offset"] = caption(LABELS[said.offset_caption], langs)
    demo_scan = captions.pop("scan.demo")
    if said.demo:
        captions["scan"] = demo_scan
    content = SlipContent(
        titles=tuple(LABELS[said.title][lang] for lang in langs),
        claims=tuple(
            _both({lang: line.text(lang) for lang in langs}, langs) for line in said.lines()
        ),
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
        credits=credit_rows(said, langs),
        serial=f"{order.kiosk_id}-{order.serial:06d}" if order.serial else order.code,
        amount=format_fen(order.amount_fen),
        sources=sources_line(order, used),
        qr_text=qr_text(order, key, address),
        captions=captions,
        footprint_shown=f"{formats.mass(order.footprint_g, order.lang)} CO2e",
        offset_shown=f"{formats.mass(order.offset_g, order.lang)} CO2e",
    )
    return content, said
