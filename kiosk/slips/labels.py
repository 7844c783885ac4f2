"""How a slip (and the phone flow's result page) words a value in several languages and a
footprint line: data only, no printing, no settings."""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.cities import load_cities
from kiosk.factors import FactorTable
from kiosk.footprint import StoredLine


def both(texts: Mapping[str, str], langs: tuple[str, ...], sep: str = " / ") -> str:
    """A value in every language of the slip, each once: "成都 / Chengdu / Chengdu" is
    "成都 / Chengdu"."""
    values = [texts.get(lang, "") for lang in langs]
    return sep.join(dict.fromkeys(v for v in values if v))


def line_label(line: StoredLine, table: FactorTable, langs: tuple[str, ...]) -> str:
    factor = table.factors.get(line["activity"])
    names = {lang: factor.name(lang) if factor else line["activity"] for lang in langs}
    detail = line.get("detail") or {}
    if "from" in detail:
        cities = load_cities()
        ends = [cities.get(detail[k]) for k in ("from", "to")]
        for lang in names:
            route = "→".join(c.name_zh if lang == "zh" and c.name_zh else c.name_en for c in ends)
            names[lang] = f"{names[lang]} {route}"
    return both(names, langs)
