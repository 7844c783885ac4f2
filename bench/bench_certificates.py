"""Certificate benchmark: signing + QR encoding, an 80 mm slip PDF, an ESC/POS raster job.

Run: `.venv/bin/python bench/bench_certificates.py` (part of `make bench`).
Goals (issue 4): sign and encode one certificate QR under 15 ms; build one 80 mm slip PDF with
its QR under 30 ms; one ESC/POS raster job (80 mm) under 40 ms. Every sample is a different
paid order, so no cache of an earlier QR or layout helps; one-time costs (font registration,
imports, the first render) are paid before timing.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import segno

from kiosk.catalogue import load_demo_catalogue
from kiosk.certificate.issue import kiosk_key
from kiosk.certificate.of_order import qr_text
from kiosk.footprint import compute
from kiosk.ledger import Ledger
from kiosk.slips.build import build_content
from kiosk.slips.escpos import build_job
from kiosk.slips.image import render_raster
from kiosk.slips.pdf import render_pdf
from kiosk.slips.printers import PrinterConfig

SAMPLES = 60
BASE = "https://registry.example.org"  # an enrolled kiosk's registry address (the QR's host)


def median_ms(work: Callable[[int], object], samples: int = SAMPLES) -> float:
    work(samples)  # warm-up on an index no sample uses
    times = []
    for i in range(samples):
        start = time.perf_counter()
        work(i)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    footprint = compute(
        "trip", {"origin": "Beijing", "mode": "flight", "nights": "2", "meals": "4"}
    )
    with Ledger.open(folder / "ledger.sqlite") as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        tonnes = -(-(SAMPLES + 1) * footprint.total_grams // 1_000_000)  # retired, then sold
        ledger.set_allocation("demo-wetland", tonnes * 1_000_000, actor="bench")
        ledger.add_grant("demo-wetland", "bench", prefix="CDCER-2024-", first=1, last=tonnes,
                         width=6, reference="CEEX-RET-2026-0042", beneficiary="Diandian visitors",
                         actor="bench")  # fmt: skip
        orders = []
        for _ in range(SAMPLES + 1):
            order = ledger.open_order(footprint, project_id="demo-wetland", nickname="小明")
            orders.append(ledger.pay(order.id, method="cash", cashier="bench"))
        key = kiosk_key(ledger)
        contents = [build_content(order, ledger, key) for order in orders]
    printer = PrinterConfig(kind="file", path=str(folder / "job.bin"), paper_mm=80)
    results = {
        "sign_and_encode_qr_ms": median_ms(
            lambda i: segno.make_qr(qr_text(orders[i], key, BASE), error="m", boost_error=False)
        ),
        "slip_pdf_80mm_with_qr_ms": median_ms(lambda i: render_pdf(contents[i], "80mm")),
        "escpos_raster_job_80mm_ms": median_ms(
            lambda i: build_job(contents[i], printer, render_raster(contents[i], 576))
        ),
    }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
