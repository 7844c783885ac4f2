"""Numbers as a person reads them in their language: the one formatting rule for every screen,
the console and the share image, so a figure is rounded once and reads the same everywhere.

Chinese and English: 82.2 kg, 1,234 kg, ¥16.81. French: 82,2 kg, 1 234 kg, 16,81 ¥ (a decimal
comma, a narrow no-break space between thousands, a no-break space before the unit, the
currency sign after the amount), as the Imprimerie nationale's typographic rules and CLDR's
fr locale write them. Display only: the ledger keeps integer grams and fen, and the printed
slip its exact figures.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NNBSP = "\u202f"  # French thousands separator (CLDR fr: narrow no-break space)
NBSP = "\u00a0"  # French: between a number and its unit or currency
GRAMS_PER_TONNE = 1_000_000


def _french(lang: str) -> bool:
    return lang == "fr"


def decimal(value: Decimal | int, places: int, lang: str) -> str:
    """`value` rounded half-up to `places` decimals, grouped by thousands, in `lang`'s style."""
    exact = Decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    text = f"{abs(exact):,.{places}f}"
    if _french(lang):
        text = text.replace(",", NNBSP).replace(".", ",")
    return ("-" if exact < 0 else "") + text


def unit(number: str, name: str, lang: str) -> str:
    """A number and its unit: "82.2 kg", "82,2 kg" (no-break in French)."""
    return f"{number}{NBSP if _french(lang) else ' '}{name}"


def mass(grams: int, lang: str) -> str:
    """12.3 kg under 100 kg, whole kg up to a tonne, 1.23 t above (finer steps look fussy)."""
    if abs(grams) >= GRAMS_PER_TONNE:
        return unit(decimal(Decimal(grams) / GRAMS_PER_TONNE, 2, lang), "t", lang)
    places = 0 if abs(grams) >= 100_000 else 1
    return unit(decimal(Decimal(grams) / 1000, places, lang), "kg", lang)


def money(fen: int, lang: str) -> str:
    """¥16.81 (Chinese, English) or 16,81 ¥ (French); fen are exact, never rounded."""
    text = decimal(Decimal(abs(fen)) / 100, 2, lang)
    sign = "-" if fen < 0 else ""
    return f"{sign}{text}{NBSP}¥" if _french(lang) else f"{sign}¥{text}"


def count(value: int, lang: str) -> str:
    """A whole number grouped by thousands: 1,234 or 1 234."""
    return decimal(value, 0, lang)


def number(value: object, lang: str) -> str:
    """An answer as typed: 12, 2.5 (2,5 in French), never 2.50 or 1E+1; "" for no answer."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, Decimal | int):
        text = format(Decimal(value).normalize(), "f")
        return text.replace(".", ",") if _french(lang) else text
    return str(value)


def quantity(value: Decimal | int, lang: str) -> str:
    """A counted amount for a breakdown: 2, 3.5, 1,670 (whole from 100 up), trailing zeros
    dropped."""
    exact = Decimal(value)
    places = 0 if abs(exact) >= 100 else 1
    text = decimal(exact, places, lang)
    mark = "," if _french(lang) else "."
    return text.rstrip("0").rstrip(mark) if mark in text else text


def factor(value: Decimal, lang: str) -> str:
    """A factor per unit to three significant digits: 53.5, 2.4, 0.109."""
    exact = Decimal(value)
    places = 1 if abs(exact) >= 10 else 2 if abs(exact) >= 1 else 3
    text = decimal(exact, places, lang)
    mark = "," if _french(lang) else "."
    return text.rstrip("0").rstrip(mark) if mark in text else text
