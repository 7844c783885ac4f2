"""Share image and ESC/POS raster, checked by decoding what was drawn."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image, ImageOps

from kiosk.slips.content import SlipContent
from kiosk.slips.image import DOTS_PER_PT, RASTER_MARGIN, _measure_1bit, render_png, render_raster
from kiosk.slips.layout import Qr, thermal_layout

from .conftest import make_content

QR = zxingcpp.BarcodeFormat.QRCode  # text and rules must never pass for a 1D barcode


def _decoded(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image.convert("L"), formats=QR)]


def test_share_png_is_portrait_and_its_qr_scans(content: SlipContent) -> None:
    image = Image.open(io.BytesIO(render_png(content)))
    assert image.format == "PNG"
    assert image.width == 1080
    assert 1.4 <= image.height / image.width <= 1.9
    assert _decoded(image) == [content.qr_text]


@pytest.mark.parametrize("kwargs", [{"nickname": ""}, {"french": True, "lines": 6}])
def test_share_png_variants_still_scan(kwargs: dict) -> None:
    content = make_content(**kwargs)
    image = Image.open(io.BytesIO(render_png(content)))
    assert image.width == 1080 and _decoded(image) == [content.qr_text]


def test_share_png_can_be_made_smaller(content: SlipContent) -> None:
    image = Image.open(io.BytesIO(render_png(content, width_px=720)))
    assert image.width == 720 and _decoded(image) == [content.qr_text]


def test_share_png_is_repeatable(content: SlipContent) -> None:
    assert render_png(content) == render_png(make_content())


@pytest.mark.parametrize("width", [384, 576])
def test_raster_is_one_bit_exact_width_and_scans(content: SlipContent, width: int) -> None:
    image = render_raster(content, width)
    assert image.mode == "1"
    assert image.width == width
    assert _decoded(image) == [content.qr_text]


@pytest.mark.parametrize("width", [384, 576])
def test_raster_ink_stays_inside_its_margins(width: int) -> None:
    image = render_raster(make_content(french=True, lines=6), width)
    left, _, right, _ = ImageOps.invert(image.convert("L")).getbbox()
    assert left >= RASTER_MARGIN - 2 and right <= width - RASTER_MARGIN + 2


@pytest.mark.parametrize("width", [384, 576])
def test_raster_grows_with_the_breakdown(width: int) -> None:
    heights = [render_raster(make_content(lines=n), width).height for n in (1, 4, 6)]
    assert heights == sorted(set(heights))


@pytest.mark.parametrize(("width", "min_mm"), [(384, 40), (576, 49)])
def test_raster_qr_modules_are_whole_dots(content: SlipContent, width: int, min_mm: float):
    fmt = "80mm" if width == 576 else "58mm"
    flow = thermal_layout(
        content, fmt, _measure_1bit, width=width, margin=RASTER_MARGIN, per_pt=DOTS_PER_PT, dot=1
    )
    [qr] = [op for op in flow.ops if isinstance(op, Qr)]
    assert qr.module == int(qr.module) >= 3
    assert qr.x == int(qr.x) and qr.y == int(qr.y)
    assert qr.module * qr.modules * 0.125 >= min_mm


def test_raster_refuses_a_silly_width(content: SlipContent) -> None:
    with pytest.raises(ValueError, match="384 or 576"):
        render_raster(content, 100)
