"""The slip's layout, shared by the PDF and the printer raster: drawing steps in the
renderer's own units, text measured with the renderer's own font metrics, so nothing can
overflow the paper. Thermal QR modules are whole 203 dpi printer dots."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import groupby

import segno
from reportlab.lib.pagesizes import A6

from kiosk.slips.content import SlipContent

MM = 72 / 25.4  # points per millimetre
DOT_MM = 0.125  # one dot of a 203 dpi thermal print head
QUIET = 4  # QR quiet zone, in modules
FORMATS = ("80mm", "58mm", "a6")
COLOURS = {"ink": "#1b2a22", "muted": "#56675e", "accent": "#2e7d4f", "black": "#000000"}

Measure = Callable[[str, float], float]  # (text, font size) -> width, in the layout's units

_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# Whitespace, or one CJK character with its opening/closing punctuation glued on (kinsoku),
# or a run of anything else (a Latin word, a number, a serial).
_TOKENS = re.compile(rf"\s+|[（《「『“]*[{_CJK}][）》」』”、。，：；！？]*|[^\s{_CJK}]+")


@dataclass(frozen=True, slots=True)
class Text:
    x: float  # the anchor: left edge, centre or right edge depending on align
    y: float  # baseline, measured down from the top of the page
    text: str
    size: float
    align: str = "left"  # "left" | "center" | "right"
    colour: str = "ink"


@dataclass(frozen=True, slots=True)
class Rule:
    x0: float
    x1: float
    y: float
    weight: float
    dashed: bool = False
    colour: str = "muted"


@dataclass(frozen=True, slots=True)
class Qr:
    x: float  # top-left corner of the quiet zone
    y: float
    module: float  # size of one module
    modules: int  # width of the symbol, quiet zone included
    runs: tuple[tuple[int, int, int], ...]  # dark modules as (row, column, length)


@functools.lru_cache(maxsize=8)
def qr_runs(text: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """Encode once; dark modules merged into horizontal runs (fewer, seamless rectangles)."""
    qr = segno.make_qr(text, error="m", boost_error=False)
    runs: list[tuple[int, int, int]] = []
    for row, cells in enumerate(qr.matrix_iter(border=QUIET)):
        col = 0
        for dark, group in groupby(cells):
            length = sum(1 for _ in group)
            if dark:
                runs.append((row, col, length))
            col += length
    # segno types sizes int | float (for a float scale); at scale 1 they are whole modules
    return int(qr.symbol_size(border=QUIET)[0]), tuple(runs)


def wrap(text: str, width: float, width_of: Callable[[str], float]) -> list[str]:
    """Greedy line breaking: CJK between any two characters, Latin at spaces; an over-long
    word (a serial, a URL) is cut wherever it must be."""
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        if token.isspace():
            line += " " if line else ""
        elif width_of(line + token) <= width:
            line += token
        else:
            if line.strip():
                lines.append(line.rstrip())
            while len(token) > 1 and width_of(token) > width:
                cut = len(token) - 1
                while cut > 1 and width_of(token[:cut]) > width:
                    cut -= 1
                lines.append(token[:cut])
                token = token[cut:]
            line = token
    if line.strip():
        lines.append(line.rstrip())
    return lines


@dataclass
class Layout:
    """A top-to-bottom flow between `left` and `right`; `y` is how far down it has got."""

    left: float
    right: float
    measure: Measure
    y: float = 0.0
    leading: float = 1.3
    mono: bool = False  # one-bit output: every colour prints black
    ops: list[Text | Rule | Qr] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.right - self.left

    def _baseline(self, size: float) -> float:
        """Advance one line box and return its baseline (the face spans 0.77 up, 0.24 down)."""
        top, self.y = self.y, self.y + size * self.leading
        return top + size * ((self.leading - 1.0) / 2 + 0.77)

    def text(self, text: str, size: float, align: str = "left", colour: str = "ink",
             indent: float = 0.0) -> None:  # fmt: skip
        """Wrapped lines of one size."""
        x = {"left": self.left + indent, "center": (self.left + self.right) / 2}.get(
            align, self.right
        )
        for line in wrap(text, self.width - indent, lambda s: self.measure(s, size)):
            self.ops.append(Text(x, self._baseline(size), line, size, align, self._c(colour)))

    def pair(self, label: str, value: str, size: float, indent: float = 0.0) -> None:
        """Label left, value right; the label wraps in what the value leaves. A value too long
        for that goes on its own lines under the label."""
        value_w, gap = self.measure(value, size), size
        if value_w > (self.width - indent) * 0.6:
            self.text(label, size, colour="muted", indent=indent)
            self.text(value, size, indent=indent + size)
            return
        room = self.width - indent - value_w - gap
        labels = wrap(label, room, lambda s: self.measure(s, size)) or [""]
        for i, line in enumerate(labels):
            y = self._baseline(size)
            self.ops.append(Text(self.left + indent, y, line, size, "left", self._c("muted")))
            if i == 0:
                self.ops.append(Text(self.right, y, value, size, "right", self._c("ink")))

    def rule(self, space: float, weight: float, dashed: bool = False) -> None:
        rule = Rule(self.left, self.right, self.y + space / 2, weight, dashed, self._c("muted"))
        self.ops.append(rule)
        self.y += space

    def qr(self, text: str, module: float, grid: float = 0.0, x: float | None = None) -> None:
        """The symbol, centred unless `x` is given; snapped to `grid` (whole printer dots)."""
        modules, runs = qr_runs(text)
        x = self.left + (self.width - modules * module) / 2 if x is None else x
        x, y = (round(x / grid) * grid, round(self.y / grid) * grid) if grid else (x, self.y)
        self.ops.append(Qr(x, y, module, modules, runs))
        self.y = y + modules * module

    def shift(self, dy: float) -> list[Text | Rule | Qr]:
        """The operations moved down by `dy` (to anchor a block to the foot of a page)."""
        return [replace(op, y=op.y + dy) for op in self.ops]

    def _c(self, colour: str) -> str:
        return "black" if self.mono else colour


@dataclass(frozen=True, slots=True)
class ThermalStyle:
    """Type sizes (pt) and the QR's minimum width for one paper roll."""

    title: float
    subtitle: float
    body: float
    small: float
    tiny: float
    qr_min_mm: float


THERMAL = {
    "80mm": ThermalStyle(13, 10, 8.5, 7.5, 6, 49),
    "58mm": ThermalStyle(11, 8.5, 7.5, 6.5, 6, 40),
}


def qr_module_dots(text: str, min_mm: float, max_dots: int) -> int:
    """Whole printer dots per module: the fewest that make the QR at least `min_mm` wide,
    but never wider than the printable width and never below 3 dots (0.375 mm)."""
    modules, _ = qr_runs(text)
    return max(3, min(math.ceil(min_mm / DOT_MM / modules), max_dots // modules))


def fields(flow: Layout, content: SlipContent, body: float, small: float) -> None:
    """Nickname to project: the same facts, in the same order, on every format."""
    caps = content.captions
    if content.nickname:
        flow.pair(caps["nickname"], content.nickname, body)
    flow.pair(caps["issued"], content.issued, body)
    flow.pair(caps["venue"], content.venue, body)
    flow.rule(body * 0.8, body * 0.06, dashed=flow.mono)
    flow.pair(caps["footprint"], content.footprint, body)
    for line in content.breakdown:
        flow.pair(line.label, line.value, small, indent=small)
    flow.rule(body * 0.8, body * 0.06, dashed=flow.mono)
    flow.pair(caps["offset"], content.offset, body)
    flow.pair(caps["project"], content.project, body)
    for line in content.credits:
        flow.pair(line.label, line.value, small)


def claims(flow: Layout, content: SlipContent, size: float, colour: str = "ink") -> None:
    """What is true now (retired or pending, the share, demo), centred under the title."""
    for line in content.claims:
        flow.text(line, size, "center", colour)


def thermal_layout(content: SlipContent, fmt: str, measure: Measure, *, width: float,
                   margin: float, per_pt: float, dot: float) -> Layout:  # fmt: skip
    """The roll slip in any units: `per_pt` units per point, `dot` units per printer dot."""
    style = THERMAL[fmt]
    flow = Layout(margin, width - margin, measure, y=margin, mono=True)
    for i, title in enumerate(content.titles):
        flow.text(title, (style.title if i == 0 else style.subtitle) * per_pt, "center")
    body, small = style.body * per_pt, style.small * per_pt
    flow.y += small * 0.3
    claims(flow, content, body)
    flow.rule(body * 0.8, body * 0.08)
    fields(flow, content, body, small)
    flow.pair(content.captions["serial"], content.serial, body)
    flow.pair(content.captions["amount"], content.amount, body)
    flow.y += body * 0.6
    dots = qr_module_dots(content.qr_text, style.qr_min_mm, int(flow.width / dot))
    flow.qr(content.qr_text, dots * dot, grid=dot)
    flow.text(content.captions["scan"], small, "center")
    flow.y += small * 0.3
    flow.text(content.sources, style.tiny * per_pt, "center")
    flow.y += margin
    return flow


def a6_layout(content: SlipContent, measure: Measure) -> Layout:
    """The A6 card: framed, facts from the top, QR band and sources at the foot. Type shrinks
    step by step until a long breakdown fits the fixed page."""
    width, height = A6
    margin, scale = 10 * MM, 1.0
    while True:
        body, small, tiny = 9 * scale, 7.5 * scale, 6 * scale
        top = Layout(margin, width - margin, measure, y=margin + 1 * MM, leading=1.32)
        for i, title in enumerate(content.titles):
            top.text(title, (17 if i == 0 else 11) * scale, "center", "accent" if i == 0 else "ink")
        top.y += small * 0.3
        claims(top, content, body, "accent")
        top.rule(body * 1.2, 0.6)
        fields(top, content, body, small)
        top.rule(body * 0.8, 0.4)
        # Foot band: serial and amount on the left, the QR and its caption on the right.
        qr_size = qr_runs(content.qr_text)[0] * 0.7 * MM * max(scale, 0.85)
        left = Layout(margin, width - margin - qr_size - 3 * MM, measure, leading=1.32)
        for key, value in (("serial", content.serial), ("amount", content.amount)):
            left.text(content.captions[key], small, colour="muted")
            left.text(value, body * 1.25)
            left.y += small * 0.5
        right = Layout(width - margin - qr_size, width - margin, measure, leading=1.25)
        right.qr(content.qr_text, qr_size / qr_runs(content.qr_text)[0])
        right.text(content.captions["scan"], small, "center", "muted")
        foot = Layout(margin, width - margin, measure, y=max(left.y, right.y), leading=1.2)
        foot.y += small * 0.4
        foot.text(content.sources, tiny, "center", "muted")
        dy = height - margin - foot.y  # anchor the band to the bottom of the page
        if top.y <= dy or scale < 0.5:
            top.ops += left.shift(dy) + right.shift(dy) + foot.shift(dy)
            top.y = height
            return top
        scale *= 0.96
