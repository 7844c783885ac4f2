"""PDF slips, checked by reading them back: page size, decoded QR, extracted text, fonts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import segno
import zxingcpp

from kiosk.slips.content import SlipContent
from kiosk.slips.layout import DOT_MM, FORMATS, MM, Qr, thermal_layout, wrap
from kiosk.slips.pdf import _pdf_measure, render_pdf, render_pdf_to_file

from .conftest import make_content

QR = zxingcpp.BarcodeFormat.QRCode  # text and rules must never pass for a 1D barcode

WIDTH_PT = {"80mm": 80 * MM, "58mm": 58 * MM, "a6": 105 * MM}


def _page(data: bytes) -> pdfium.PdfPage:
    return pdfium.PdfDocument(data)[0]


def _text(data: bytes) -> str:
    """All text on the page with whitespace removed, so wrapped lines still match."""
    return re.sub(r"\s+", "", _page(data).get_textpage().get_text_range())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _qr(data: bytes, dpi: int = 250) -> list[zxingcpp.Result]:
    return zxingcpp.read_barcodes(_page(data).render(scale=dpi / 72).to_pil(), formats=QR)


@pytest.mark.parametrize("fmt", FORMATS)
def test_page_width_is_the_paper_width(content: SlipContent, fmt: str) -> None:
    pdf = pdfium.PdfDocument(render_pdf(content, fmt))
    assert len(pdf) == 1
    left, bottom, right, top = pdf[0].get_mediabox()
    assert right - left == pytest.approx(WIDTH_PT[fmt], abs=0.01)
    if fmt == "a6":
        assert top - bottom == pytest.approx(148 * MM, abs=0.01)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("dpi", [200, 300])
def test_qr_decodes_to_the_certificate_url(content: SlipContent, fmt: str, dpi: int) -> None:
    results = _qr(render_pdf(content, fmt), dpi)
    assert [r.text for r in results] == [content.qr_text]
    result = results[0]
    assert result.format == zxingcpp.BarcodeFormat.QRCode
    assert int(result.extra["Version"]) <= 10  # zxing-cpp 3 reports these in `extra`
    assert result.ec_level in ("M", "Q", "H")


def test_qr_is_encoded_at_level_m_in_a_small_version(content: SlipContent) -> None:
    qr = segno.make_qr(content.qr_text, error="m", boost_error=False)
    assert qr.error == "M"
    assert qr.version <= 10


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_facts_are_real_text(content: SlipContent, fmt: str) -> None:
    text = _text(render_pdf(content, fmt))
    for fact in (*content.titles, content.nickname, content.serial, content.amount):
        assert _squash(fact) in text
    for fact in (content.venue, content.footprint, content.project, content.sources):
        assert _squash(fact) in text
    assert "成都会展中心" in text
    assert _squash(content.captions["scan"]) in text
    # A wrapped label has its value on its first line: take the values out, then look.
    values = [_squash(line.value) for line in content.breakdown]
    assert all(value in text for value in values)
    labels_only = re.sub("|".join(map(re.escape, values)), "", text)
    for line in content.breakdown:
        assert _squash(line.label) in labels_only


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_facts_come_in_order(content: SlipContent, fmt: str) -> None:
    text = _text(render_pdf(content, fmt))
    facts = [content.titles[0], content.nickname, content.issued, content.venue]
    facts += [content.footprint, content.breakdown[0].label[:4], content.project, content.serial]
    facts += [content.amount, content.captions["scan"], content.sources]
    positions = [text.index(_squash(fact)) for fact in facts]
    assert positions == sorted(positions)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_nickname_leaves_the_line_out(fmt: str) -> None:
    text = _text(render_pdf(make_content(nickname=""), fmt))
    assert "Nickname" not in text and "小明" not in text
    assert "Nickname" in _text(render_pdf(make_content(), fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_french_title_only_when_given(fmt: str) -> None:
    french = _squash("Certificat de neutralité carbone")
    assert french not in _text(render_pdf(make_content(), fmt))
    assert french in _text(render_pdf(make_content(french=True), fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_font_is_embedded_and_the_only_one(content: SlipContent, fmt: str) -> None:
    data = render_pdf(content, fmt)
    assert b"/FontFile2" in data
    assert re.findall(rb"/BaseFont\s*/(\S+)", data) == [b"AAAAAA+WenQuanYiMicroHei-0"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_content_same_bytes(content: SlipContent, fmt: str) -> None:
    assert render_pdf(content, fmt) == render_pdf(make_content(), fmt)


def test_different_content_different_bytes(content: SlipContent) -> None:
    assert render_pdf(content, "80mm") != render_pdf(replace(content, amount="¥4.33"), "80mm")


@pytest.mark.parametrize("fmt", ["80mm", "58mm"])
def test_a_longer_breakdown_makes_a_longer_roll(fmt: str) -> None:
    def height(lines: int) -> float:
        return _page(render_pdf(make_content(lines=lines), fmt)).get_height()

    assert height(1) < height(4) < height(6)


def _extreme() -> SlipContent:
    """Everything as long as a customer or a catalogue could make it."""
    content = make_content(french=True, lines=6)
    return replace(
        content,
        nickname="超级无敌长的昵称用来测试换行是否正常工作" * 2,
        venue="演示：成都会展中心 / Demo: Chengdu international convention and exhibition centre",
        serial="K4F6Z2M1Q-" + "0" * 60,  # one unbreakable word wider than the paper
        project="Projet de démonstration : restauration des zones humides, à Dujiangyan, ça va",
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("make", [make_content, _extreme], ids=["sample", "extreme"])
def test_no_text_leaves_the_page(fmt: str, make: Callable[[], SlipContent]) -> None:
    page = _page(render_pdf(make(), fmt))
    width, height = page.get_size()
    objects = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]))
    assert objects
    margin = 2.5 * MM  # every layout keeps at least 3 mm; allow for side bearings
    for obj in objects:
        left, bottom, right, top = obj.get_bounds()
        assert margin <= left and right <= width - margin, (left, right, width)
        assert bottom >= 0 and top <= height


def test_french_accents_have_glyphs() -> None:
    """Glyph ids are not 0 (.notdef, the tofu box) for every character of the slip."""
    from reportlab.pdfbase.pdfmetrics import getFont

    from kiosk.slips.fonts import register_pdf_font

    face = getFont(register_pdf_font()).face
    content = _extreme()
    text = "".join([*content.titles, content.venue, content.project, content.amount, "éèçàÉ→¥"])
    text += "".join(content.captions.values()) + "".join(x.label for x in content.breakdown)
    assert not [ch for ch in set(text) if not ch.isspace() and not face.charToGlyph.get(ord(ch))]


@pytest.mark.parametrize(("fmt", "min_mm"), [("58mm", 40), ("80mm", 49)])
def test_thermal_qr_is_whole_dots_and_big_enough(content: SlipContent, fmt: str, min_mm: float):
    width = float(fmt[:2]) * MM
    flow = thermal_layout(
        content, fmt, _pdf_measure, width=width, margin=3 * MM, per_pt=1, dot=DOT_MM * MM
    )
    [qr] = [op for op in flow.ops if isinstance(op, Qr)]
    dots = qr.module / (DOT_MM * MM)
    assert dots == pytest.approx(round(dots)) and round(dots) >= 3
    assert qr.module * qr.modules / MM >= min_mm
    assert qr.x >= 3 * MM - 1e-6 and qr.x + qr.module * qr.modules <= width - 3 * MM
    assert (qr.x / (DOT_MM * MM)) == pytest.approx(round(qr.x / (DOT_MM * MM)))


def test_wrap_breaks_cjk_anywhere_and_latin_at_spaces() -> None:
    def width_of(s: str) -> float:
        return float(len(s))

    assert wrap("碳中和证书碳中和", 5, width_of) == ["碳中和证书", "碳中和"]
    assert wrap("Carbon neutral certificate", 14, width_of) == ["Carbon neutral", "certificate"]
    assert wrap("ABCDEFGHIJ", 4, width_of) == ["ABCD", "EFGH", "IJ"]
    # Closing punctuation never starts a line, opening punctuation never ends one.
    assert wrap("国内航班（经济舱）北京", 5, width_of) == ["国内航班", "（经济舱）", "北京"]
    assert wrap("", 5, width_of) == []


def test_unknown_format_names_the_allowed_ones(content: SlipContent) -> None:
    with pytest.raises(ValueError, match=r"80mm.*58mm.*a6"):
        render_pdf(content, "a4")


def test_render_to_file_is_atomic_and_complete(content: SlipContent, tmp_path: Path) -> None:
    target = tmp_path / "slip.pdf"
    target.write_bytes(b"old")
    assert render_pdf_to_file(content, "58mm", target) == target
    assert target.read_bytes() == render_pdf(content, "58mm")
    assert [p.name for p in tmp_path.iterdir()] == ["slip.pdf"]  # no temp file left behind
