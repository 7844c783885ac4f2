"""Numbers as the screens show them, in the language the app speaks now (kiosk.formats holds
the rules, shared with the share image; the ledger and slips keep exact grams and fen)."""

from __future__ import annotations

from kiosk import formats
from ui import i18n


def _lang(lang: str | None) -> str:
    return lang or i18n.current()


def mass(grams: int, lang: str | None = None) -> str:
    """12.3 kg, 350 kg, 1.23 t; 12,3 kg in French."""
    return formats.mass(grams, _lang(lang))


def money(fen: int, lang: str | None = None) -> str:
    """¥16.81; 16,81 ¥ in French."""
    return formats.money(fen, _lang(lang))


def count(value: int, lang: str | None = None) -> str:
    return formats.count(value, _lang(lang))


def decimal(value: object, places: int, lang: str | None = None) -> str:
    return formats.decimal(value, places, _lang(lang))  # type: ignore[arg-type]


def quantity(value: object, lang: str | None = None) -> str:
    return formats.quantity(value, _lang(lang))  # type: ignore[arg-type]


def factor(value: object, lang: str | None = None) -> str:
    return formats.factor(value, _lang(lang))  # type: ignore[arg-type]


def number(value: object, lang: str | None = None) -> str:
    """An answer for the keypad's display: 12, 2.5 (2,5 in French), never 2.50 or 1E+1."""
    return formats.number(value, _lang(lang))


def code(order_code: str) -> str:
    """An order code in two groups, easier to read aloud: 7KQ 2M4."""
    half = len(order_code) // 2
    return f"{order_code[:half]} {order_code[half:]}" if len(order_code) >= 6 else order_code


def local_time(moment: str) -> str:
    """A stored UTC moment as the counter's clock shows it (China time): 14:05."""
    from kiosk.timestamps import CHINA_TIME, parse_stamp

    try:
        return parse_stamp(moment).astimezone(CHINA_TIME).strftime("%H:%M")
    except ValueError:
        return moment
