"""Certificate slips as pictures: a share image for phones, and a 1-bit raster for ESC/POS.

The raster is the thermal PDF's own layout (pdf.thermal_layout) drawn at printer resolution,
one pixel per 0.125 mm dot, so paper from the raster path and from the PDF path look alike
and the QR's modules land on whole dots.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping

from PIL import Image, ImageDraw

from kiosk.slips.content import SlipContent
from kiosk.slips.fonts import pil_font
from kiosk.slips.layout import DOT_MM, Layout, Qr, Rule, Text, qr_runs, thermal_layout

DOTS_PER_PT = 1 / DOT_MM / (72 / 25.4)  # 203.2 dpi dots per typographic point
RASTER_MARGIN = 12  # dots (1.5 mm); the printer adds its own unprintable margin outside
ANCHORS = {"left": "ls", "center": "ms", "right": "rs"}  # Pillow anchors on the baseline
SHARE = {  # share-image palette
    "paper": "#eef5ec",
    "card": "#ffffff",
    "band": "#2e7d4f",
    "ink": "#1b2a22",
    "muted": "#5f7066",
    "accent": "#2e7d4f",
    "on_band": "#ffffff",
    "black": "#000000",
}


def _measure_1bit(text: str, size: float) -> float:
    return pil_font(size).getlength(text, mode="1")


def _measure(text: str, size: float) -> float:
    return pil_font(size).getlength(text)


def render_raster(content: SlipContent, width_dots: int) -> Image.Image:
    """The thermal slip as a mode "1" image exactly `width_dots` wide (384 for 58 mm paper,
    576 for 80 mm), ready for an ESC/POS raster command."""
    if width_dots < 200:
        raise ValueError(f"width_dots={width_dots}: too narrow for a slip (384 or 576)")
    fmt = "80mm" if width_dots >= 576 else "58mm"
    flow = thermal_layout(
        content, fmt, _measure_1bit, width=width_dots, margin=RASTER_MARGIN,
        per_pt=DOTS_PER_PT, dot=1,
    )  # fmt: skip
    image = Image.new("1", (width_dots, math.ceil(flow.y)), 1)
    _draw(ImageDraw.Draw(image), flow.ops, {name: 0 for name in SHARE})
    return image


def render_png(content: SlipContent, width_px: int = 1080) -> bytes:
    """A portrait share image (about 1:1.6) for the customer's phone: the footprint large,
    then the offset, the project, the serial and the QR to the full certificate."""
    u = width_px / 1080  # every size below is designed at 1080 px
    pad, inset = 48 * u, 96 * u
    card = Layout(inset, width_px - inset, _measure, y=pad + 56 * u, leading=1.25)
    for i, title in enumerate(content.titles):
        card.text(title, (88 if i == 0 else 44) * u, "center", "on_band")
    card.y += 16 * u
    for line in content.claims:
        card.text(line, 34 * u, "center", "on_band")
    card.y += 32 * u
    band_bottom = card.y
    caps = content.captions
    card.y += 56 * u
    if content.nickname:
        card.text(content.nickname, 60 * u, "center")
        card.y += 24 * u
    card.text(caps["footprint"], 36 * u, "center", "muted")
    # rounded as the kiosk's screen shows them: one figure on the screen and the phone
    card.text(content.footprint_shown or content.footprint, 100 * u, "center", "accent")
    card.y += 32 * u
    card.text(caps["offset"], 36 * u, "center", "muted")
    card.text(content.offset_shown or content.offset, 52 * u, "center")
    card.y += 20 * u
    card.text(caps["project"], 32 * u, "center", "muted")
    card.text(content.project, 38 * u, "center")
    card.y += 20 * u
    for credit in content.credits:
        card.text(credit.label, 28 * u, "center", "muted")
        card.text(credit.value, 32 * u, "center")
    card.y += 20 * u if content.credits else 0
    card.text(caps["serial"], 32 * u, "center", "muted")
    card.text(content.serial, 44 * u, "center")
    card.y += 40 * u
    modules = qr_runs(content.qr_text)[0]
    card.qr(content.qr_text, max(2, int(0.40 * width_px / modules)), grid=1)
    card.text(caps["scan"], 34 * u, "center", "muted")
    card.y += 16 * u
    card.text(content.sources, 24 * u, "center", "muted")
    card_bottom = max(card.y + 56 * u, round(width_px * 1.6) - pad)
    height = math.ceil(card_bottom + pad)

    image = Image.new("RGB", (width_px, height), SHARE["paper"])
    draw = ImageDraw.Draw(image)
    box, radius = (pad, pad, width_px - pad, card_bottom), round(36 * u)
    draw.rounded_rectangle(box, radius, fill=SHARE["card"])
    draw.rounded_rectangle((pad, pad, width_px - pad, band_bottom), radius, fill=SHARE["band"],
                           corners=(True, True, False, False))  # fmt: skip
    _draw(draw, card.ops, SHARE)
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=False, compress_level=6)
    return buf.getvalue()


def _draw(
    draw: ImageDraw.ImageDraw, ops: list[Text | Rule | Qr], colours: Mapping[str, str | int]
) -> None:
    """Draw layout operations whose units are pixels."""
    for op in ops:
        if isinstance(op, Text):
            font, anchor = pil_font(op.size), ANCHORS[op.align]
            draw.text((op.x, op.y), op.text, font=font, fill=colours[op.colour], anchor=anchor)
        elif isinstance(op, Rule):
            weight, y = max(1, round(op.weight)), round(op.y)
            step = 8 if op.dashed else 0
            x0, x1 = round(op.x0), round(op.x1)
            for x in range(x0, x1, step or x1 - x0):
                end = min(x + step // 2, x1) if step else x1
                draw.rectangle((x, y, end - 1, y + weight - 1), fill=colours[op.colour])
        else:
            x, y, m = round(op.x), round(op.y), round(op.module)
            for row, col, length in op.runs:
                top, left = y + row * m, x + col * m
                draw.rectangle(
                    (left, top, left + length * m - 1, top + m - 1), fill=colours["black"]
                )
