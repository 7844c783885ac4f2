"""The venue's entrance poster: the QR of the phone flow (kiosk.phone), the venue's name and
three steps in Chinese, English and French, as an A4 or A3 PDF or a PNG.

Made offline (`diandian venue poster`) with the slips' own font, layout and renderers, so the
poster prints the same face as the certificates and needs nothing from the network. The QR
is large (about half the page's width) so it reads from a few metres away.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A3, A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kiosk.slips.fonts import pil_font, register_pdf_font
from kiosk.slips.image import SHARE
from kiosk.slips.image import _draw as draw_pixels
from kiosk.slips.layout import COLOURS, Layout, Measure, qr_runs
from kiosk.slips.pdf import _draw as draw_pdf

FORMATS = ("a4", "a3", "png")
PNG_WIDTH = 1240  # pixels: A4 at 150 dpi
LANGS = ("zh", "en", "fr")
WORDS = {
    "scan": {
        "zh": "扫码，用手机抵消您的碳足迹",
        "en": "Scan to offset your footprint on your phone",
        "fr": "Scannez pour compenser votre empreinte sur votre téléphone",
    },
    "step1": {
        "zh": "1  扫描二维码",
        "en": "Scan the QR code",
        "fr": "Scannez le code QR",
    },
    "step2": {
        "zh": "2  回答几个问题，算出碳足迹",
        "en": "Answer a few questions: your footprint",
        "fr": "Répondez à quelques questions : votre empreinte",
    },
    "step3": {
        "zh": "3  选择本地项目，支付，获取证书",
        "en": "Choose a local project, pay, get your certificate",
        "fr": "Choisissez un projet local, payez, recevez votre certificat",
    },
}


def _layout(
    names: Mapping[str, str],
    event: Mapping[str, str],
    url: str,
    width: float,
    measure: Measure,
    pixels: bool = False,
) -> Layout:
    """The poster top to bottom in the renderer's units (`width` wide; sizes scale with it)."""
    u = width / A4[0]  # designed on A4 in points
    flow = Layout(48 * u, width - 48 * u, measure, y=56 * u, leading=1.3)
    flow.text(names.get("zh", ""), 34 * u, "center", "accent")
    for lang in ("en", "fr"):
        if names.get(lang):
            flow.text(names[lang], 17 * u, "center", "muted")
    if any(event.get(lang) for lang in LANGS):
        flow.y += 8 * u
        flow.text(" / ".join(dict.fromkeys(v for v in event.values() if v)), 13 * u, "center")
    flow.y += 18 * u
    flow.text(WORDS["scan"]["zh"], 24 * u, "center")
    flow.text(WORDS["scan"]["en"], 14 * u, "center", "muted")
    flow.text(WORDS["scan"]["fr"], 14 * u, "center", "muted")
    flow.y += 16 * u
    modules, _ = qr_runs(url)
    module = (width * 0.52) / modules
    flow.qr(url, math.floor(module) if pixels else module)  # whole pixels: a sharp code
    flow.y += 6 * u
    flow.text(url, 12 * u, "center", "muted")
    flow.y += 22 * u
    for step in ("step1", "step2", "step3"):
        flow.text(WORDS[step]["zh"], 17 * u, "left", indent=40 * u)
        flow.text(WORDS[step]["en"], 11 * u, "left", "muted", indent=62 * u)
        flow.text(WORDS[step]["fr"], 11 * u, "left", "muted", indent=62 * u)
        flow.y += 8 * u
    return flow


def render_poster(names: Mapping[str, str], event: Mapping[str, str], url: str, fmt: str) -> bytes:
    """The poster as PDF (`a4`, `a3`) or PNG bytes; ValueError for another format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown poster format {fmt!r}; allowed: {', '.join(FORMATS)}")
    if fmt == "png":
        return _png(names, event, url)
    size = A4 if fmt == "a4" else A3
    font = register_pdf_font()
    flow = _layout(names, event, url, size[0], lambda s, pt: stringWidth(s, font, pt))
    buf = io.BytesIO()
    pdf = Canvas(buf, size, invariant=1, pageCompression=1, initialFontName=font)  # type: ignore[arg-type]
    pdf.setTitle(" / ".join(v for v in names.values() if v))
    pdf.setStrokeColor(COLOURS["accent"])
    pdf.setLineWidth(2)
    pdf.rect(20, 20, size[0] - 40, size[1] - 40)
    for op in flow.ops:
        draw_pdf(pdf, op, size[1], font)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _png(names: Mapping[str, str], event: Mapping[str, str], url: str) -> bytes:
    flow = _layout(
        names, event, url, PNG_WIDTH, lambda s, px: pil_font(px).getlength(s), pixels=True
    )
    height = max(math.ceil(flow.y + 60), round(PNG_WIDTH * A4[1] / A4[0]))
    image = Image.new("RGB", (PNG_WIDTH, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, PNG_WIDTH - 21, height - 21), outline=SHARE["band"], width=4)
    draw_pixels(draw, flow.ops, SHARE)
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=6)
    return buf.getvalue()
