"""The sales page's chart, drawn on the server as SVG (no script, no chart library): one bar
per day, stacked by channel, in integer fen scaled to whole pixels.

Geometry only: the template writes the `<rect>`s, and the table under the chart carries the
same figures for a screen reader (the chart is an image with a one-line description).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 720, 240
LEFT, BOTTOM, TOP = 64, 28, 12  # room for the axis' labels
CHANNELS = ("cash", "card", "mobile", "phone")
COLOURS = {"cash": "#2e7d32", "card": "#1565c0", "mobile": "#ef6c00", "phone": "#6a1b9a"}
OTHER = "#616161"


@dataclass(frozen=True, slots=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    colour: str
    label: str  # "2026-10-05 cash: ¥10.00", the rect's <title>


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[int, str], ...]  # (y, label) on the money axis
    days: tuple[tuple[int, str], ...]  # (x, label) under some bars
    baseline: int
    left: int


def nice_top(value: int) -> int:
    """The axis' top: 1, 2 or 5 times a power of ten, at least `value` (fen)."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if m * step >= value:
                return m * step
        step *= 10


def draw(
    days: Sequence[str],
    fen: Mapping[str, Mapping[str, int]],
    money: Callable[[int], str],
) -> Chart:
    """`fen[day][channel]`; `money(fen) -> str` labels the axis and the bars."""
    label = money
    top = nice_top(max((sum(fen.get(d, {}).values()) for d in days), default=0) or 100)
    plot_h = HEIGHT - BOTTOM - TOP
    plot_w = WIDTH - LEFT - 8
    slot = max(1, plot_w // max(1, len(days)))
    bar_w = max(1, slot * 3 // 4)
    bars: list[Bar] = []
    for i, day in enumerate(days):
        x = LEFT + i * slot + (slot - bar_w) // 2
        base = HEIGHT - BOTTOM  # the bottom of the next segment
        cum = 0
        shown = [c for c in CHANNELS if fen.get(day, {}).get(c)]
        shown += sorted(c for c in fen.get(day, {}) if c not in CHANNELS and fen[day][c])
        for channel in shown:
            cum += fen[day][channel]
            end = HEIGHT - BOTTOM - cum * plot_h // top  # whole pixels from the running sum
            bars.append(
                Bar(x, end, bar_w, base - end, COLOURS.get(channel, OTHER),
                    f"{day} {channel}: {label(fen[day][channel])}")
            )  # fmt: skip
            base = end
    ticks = tuple((HEIGHT - BOTTOM - k * plot_h // 4, label(top * k // 4)) for k in range(5))
    every = max(1, -(-len(days) // 8))  # at most eight day labels
    marks = tuple(
        (LEFT + i * slot + slot // 2, day[5:]) for i, day in enumerate(days) if i % every == 0
    )
    return Chart(WIDTH, HEIGHT, tuple(bars), ticks, marks, HEIGHT - BOTTOM, LEFT)
