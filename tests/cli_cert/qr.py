"""Reading a slip's QR back, as a phone would: QR codes only (a 1D barcode beside it is not
the certificate)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import zxingcpp
from PIL import Image

PUBLIC = "https://certs.example.org"  # the registry's public pages, once enrolled


def decode(path: Path) -> str:
    if path.suffix == ".pdf":
        image = pypdfium2.PdfDocument(str(path))[0].render(scale=300 / 72).to_pil()
    else:
        image = Image.open(path)
    [result] = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return result.text
