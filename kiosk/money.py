"""Money in integer fen and mass in integer grams; the one rounding rule for prices lives here.

Rule: amount = price per tonne x grams / 1,000,000, rounded UP to the whole fen (a customer never
pays less than the credits cost), then raised to the venue's minimum charge per order.
"""

from __future__ import annotations

GRAMS_PER_TONNE = 1_000_000
MAX_GRAMS = 1_000 * GRAMS_PER_TONNE  # 1,000 t: far beyond any one customer's order
MAX_PRICE_FEN_PER_T = 100_000_00  # 100,000 yuan per tonne


def amount_fen(grams: int, price_fen_per_tonne: int, min_charge_fen: int = 0) -> int:
    """What an order of `grams` costs at `price_fen_per_tonne`, in fen."""
    for name, value in (("grams", grams), ("price", price_fen_per_tonne), ("min", min_charge_fen)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
    exact_ceiling = -(-grams * price_fen_per_tonne // GRAMS_PER_TONNE)
    return max(exact_ceiling, min_charge_fen)


def format_fen(fen: int) -> str:
    """¥12.34 — for screens, slips and reports; never parse this back."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}¥{yuan:,}.{cents:02d}"


def format_tonnes(grams: int) -> str:
    """Grams as tonnes with three decimals, exact to the kilogram (an event's footprint)."""
    whole, rest = divmod(grams, 1_000_000)
    return f"{whole:,}.{rest // 1000:03d} t"


def format_grams(grams: int) -> str:
    """Grams as kilograms with three decimals (exact), or tonnes past 10 t."""
    if abs(grams) >= 10 * GRAMS_PER_TONNE:
        tonnes, rest = divmod(grams, GRAMS_PER_TONNE)
        return f"{tonnes:,}.{rest // 1000:03d} t"
    kg, rest = divmod(grams, 1000)
    return f"{kg:,}.{rest:03d} kg"
