"""Numbers as the screens show them (display only: the ledger and slips keep exact grams)."""

from __future__ import annotations

from decimal import Decimal

from kiosk.money import format_fen


def mass(grams: int) -> str:
    """12.3 kg under a tonne (0.5 kg steps look fussy on a screen), 1.23 t above."""
    if abs(grams) >= 1_000_000:
        return f"{grams / 1_000_000:,.2f} t"
    if abs(grams) >= 100_000:
        return f"{grams / 1000:,.0f} kg"
    return f"{grams / 1000:,.1f} kg"


def money(fen: int) -> str:
    return format_fen(fen)


def number(value: object) -> str:
    """An answer for the keypad's display: 12, 2.5, never 2.50 or 1E+1."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    if isinstance(value, bool) or value is None:
        return ""
    return str(value)


def code(order_code: str) -> str:
    """An order code in two groups, easier to read aloud: 7KQ 2M4."""
    half = len(order_code) // 2
    return f"{order_code[:half]} {order_code[half:]}" if len(order_code) >= 6 else order_code
