"""Certificate slips as PDF: thermal rolls (80 mm, 58 mm) and an A6 card.

The layout (layout.py) is shared with image.py, which draws the same thermal slip at printer
resolution.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from reportlab.lib.pagesizes import A6
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from kiosk.slips.content import SlipContent
from kiosk.slips.fonts import register_pdf_font
from kiosk.slips.layout import (
    COLOURS,
    DOT_MM,
    FORMATS,
    MM,
    Qr,
    Rule,
    Text,
    a6_layout,
    thermal_layout,
)


def _pdf_measure(text: str, size: float) -> float:
    return stringWidth(text, register_pdf_font(), size)


def render_pdf(content: SlipContent, fmt: str) -> bytes:
    """The slip as a one-page PDF with its font subset embedded; same content, same bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown slip format {fmt!r}; allowed: {', '.join(FORMATS)}")
    font = register_pdf_font()
    if fmt == "a6":
        flow, width = a6_layout(content, _pdf_measure), A6[0]
    else:
        width = float(fmt.removesuffix("mm")) * MM
        flow = thermal_layout(
            content, fmt, _pdf_measure, width=width, margin=3 * MM, per_pt=1.0, dot=DOT_MM * MM
        )
    height = flow.y
    buf = io.BytesIO()
    # types-reportlab says initialFontName is a float; reportlab takes a registered font name
    pdf = Canvas(buf, (width, height), invariant=1, pageCompression=1, initialFontName=font)  # type: ignore[arg-type]
    pdf.setTitle(" / ".join(content.titles))
    pdf.setSubject(content.serial)
    if fmt == "a6":
        pdf.setStrokeColor(COLOURS["accent"])
        pdf.setLineWidth(1.2)
        pdf.rect(5 * MM, 5 * MM, width - 10 * MM, height - 10 * MM)
        pdf.setLineWidth(0.4)
        pdf.rect(6.2 * MM, 6.2 * MM, width - 12.4 * MM, height - 12.4 * MM)
    for op in flow.ops:
        _draw(pdf, op, height, font)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _draw(pdf: Canvas, op: Text | Rule | Qr, height: float, font: str) -> None:
    """One operation; the layout's y grows downwards, PDF's upwards."""
    if isinstance(op, Text):
        pdf.setFillColor(COLOURS[op.colour])
        pdf.setFont(font, op.size)
        draw = {"left": pdf.drawString, "center": pdf.drawCentredString}.get(
            op.align, pdf.drawRightString
        )
        draw(op.x, height - op.y, op.text)
    elif isinstance(op, Rule):
        pdf.setStrokeColor(COLOURS[op.colour])
        pdf.setLineWidth(op.weight)
        pdf.setDash([1.5, 1.5] if op.dashed else [])
        pdf.line(op.x0, height - op.y, op.x1, height - op.y)
    else:
        pdf.setFillColor("#000000")
        path = pdf.beginPath()
        for row, col, length in op.runs:
            y = height - op.y - (row + 1) * op.module
            path.rect(op.x + col * op.module, y, length * op.module, op.module)
        pdf.drawPath(path, stroke=0, fill=1)


def render_pdf_to_file(content: SlipContent, fmt: str, path: str | os.PathLike[str]) -> Path:
    """Write the PDF atomically, so a print spooler never picks up half a file."""
    data, target = render_pdf(content, fmt), Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
