"""Remake the README's slip pictures (docs/slip-80mm.png, docs/share.png) from a real ledger.

An enrolled-looking kiosk (the registry's public address known) sells one trip offset from
retired serials granted with an exchange reference, so the pictures show what a customer
gets: the claim, the serial and gram range, the reference, and a QR to the registry's page.

Run: `.venv/bin/python tools/slip_images.py [FOLDER]` (default docs/).
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import pypdfium2
from PIL import Image

from kiosk.catalogue import load_demo_catalogue
from kiosk.certificate.issue import kiosk_key
from kiosk.footprint import compute
from kiosk.ledger import Ledger, syncstate
from kiosk.slips.build import build_content
from kiosk.slips.image import render_png
from kiosk.slips.pdf import render_pdf

PROJECT = "demo-wetland"


def main(folder: Path) -> None:
    path = Path(tempfile.mkdtemp()) / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        ledger.forfeit_demo_grants(actor="tools")  # as the first pull of a real catalogue does
        ledger.add_grant(PROJECT, "r1", prefix="CDCER-2024-", first=123, last=124, width=6,
                         reference="CEEX-RET-2026-0042", beneficiary="Diandian visitors",
                         actor="tools")  # fmt: skip
        syncstate.set_settings(
            ledger,
            {"registry_url": "https://registry.example.org",
             "public_url": "https://registry.example.org"},
        )  # fmt: skip
        footprint = compute("trip", {"origin": "Beijing", "mode": "flight", "nights": "2"})
        order = ledger.open_order(footprint, project_id=PROJECT, nickname="小明")
        order = ledger.pay(order.id, method="mobile", cashier="tools")
        content = build_content(order, ledger, kiosk_key(ledger))
    pdf = pypdfium2.PdfDocument(render_pdf(content, "80mm"))
    slip = pdf[0].render(scale=3.5).to_pil().convert("L")
    slip.save(folder / "slip-80mm.png", optimize=True)
    Image.open(io.BytesIO(render_png(content))).save(folder / "share.png", optimize=True)
    print(f"wrote {folder / 'slip-80mm.png'} and {folder / 'share.png'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs"))
