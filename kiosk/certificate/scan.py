"""QR codes read back from a file someone hands over (`diandian cert verify slip.pdf`).

The file is not trusted: a PDF is rendered only for its first pages and only when they are at
most A3, an image is decoded only when it is at most MAX_PIXELS, and a damaged file is one
plain line (InputError), never a traceback or an hour of rendering.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.errors import InputError

if TYPE_CHECKING:  # imported when a file is read, not when the CLI starts
    import PIL.Image

FIELD = "TEXT_OR_IMAGE"
MAX_PAGES = 4  # a slip is one page; an A6 certificate e-mailed with a letter, a few
MAX_PIXELS = 40_000_000  # a 40-megapixel photo of a slip is more than enough
A3_PT = (297 * 72 / 25.4, 420 * 72 / 25.4)  # short and long side, in points
TOLERANCE_PT = 2.0  # rounding in the page sizes PDF writers store
RENDER_DPI = 300


def qr_texts_in(path: Path) -> list[str]:
    """Every QR code's text in an image, or in the first MAX_PAGES pages of a PDF."""
    if not path.is_file():
        raise InputError(FIELD, f"no file {path}")
    images = _pdf_pages(path) if path.suffix.lower() == ".pdf" else [_image(path)]
    return [text for image in images for text in _decode(image)]


def _decode(image: PIL.Image.Image) -> list[str]:
    import zxingcpp

    return [
        r.text
        for r in zxingcpp.read_barcodes(
            image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        )
        if r.valid
    ]


def _pdf_pages(path: Path) -> list[PIL.Image.Image]:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise InputError(FIELD, f"{path} is not a readable PDF ({exc})") from None
    images: list[PIL.Image.Image] = []
    with document:
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            short, long = sorted(page.get_size())
            if short > A3_PT[0] + TOLERANCE_PT or long > A3_PT[1] + TOLERANCE_PT:
                mm = f"{short * 25.4 / 72:.0f} × {long * 25.4 / 72:.0f} mm"
                raise InputError(
                    FIELD,
                    f"page {index + 1} of {path} is {mm}; allowed: pages up to A3 (297 × 420 mm)",
                )
            images.append(page.render(scale=RENDER_DPI / 72).to_pil())
    return images


def _image(path: Path) -> PIL.Image.Image:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(path)
    except Image.DecompressionBombError:
        raise InputError(FIELD, f"{path} is far too large; {_allowed()}") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise InputError(FIELD, f"{path} is not a readable image") from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise InputError(
            FIELD,
            f"{path} is {width} × {height} pixels ({width * height / 1e6:.0f} MP); {_allowed()}",
        )
    try:
        image.load()
        return image.convert("L")
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(FIELD, f"{path} is damaged or cut short ({reason})") from None


def _allowed() -> str:
    return f"allowed: images up to {MAX_PIXELS // 1_000_000} megapixels"
