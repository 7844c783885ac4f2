"""The one font every slip uses: WenQuanYi Micro Hei, shipped in resources/fonts.

One TrueType face covers Chinese, English and French, so renderers never switch fonts mid-line
and never depend on what the kiosk's system happens to have installed.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
from importlib.resources import as_file
from pathlib import Path

from PIL import ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.resources import resource

FONT_NAME = "WenQuanYiMicroHei"  # reportlab's name for it; also the face's PostScript name
FONT_FILE = ("fonts", "wqy-microhei.ttc")
SUBFONT = 0  # the collection's proportional face (1 is the monospaced one)

_files = contextlib.ExitStack()  # keeps an extracted copy alive when installed from a zip
atexit.register(_files.close)


@functools.cache
def font_path() -> Path:
    """A real file path to the font, as both reportlab and FreeType need one."""
    return Path(_files.enter_context(as_file(resource(*FONT_FILE))))


@functools.cache
def register_pdf_font() -> str:
    """Register the font with reportlab once (parsing the 5 MB collection takes ~60 ms)."""
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=SUBFONT))
    return FONT_NAME


@functools.cache
def pil_font(size: float) -> ImageFont.FreeTypeFont:
    """The font at `size` pixels for Pillow, cached because loading it re-reads the file.
    Basic layout, not Raqm: no script here needs shaping, and measuring is ~7x faster."""
    basic = ImageFont.Layout.BASIC
    return ImageFont.truetype(str(font_path()), size, index=SUBFONT, layout_engine=basic)
