"""The end to end of retire first, then sell: a kiosk sells offline from the retired serials
it was granted and prints the slip as a PDF; the sync job pushes; the QR, decoded from the
rendered PDF (zxing-cpp), is opened as it is in headless Chromium against the served
registry, and the page names the certificate's serial, gram range and retirement."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.certificate.issue import kiosk_key
from kiosk.credit import spaced
from kiosk.footprint import compute
from kiosk.ledger import Ledger
from tests.sync.browser import page_texts
from tests.sync.procs import registry, run, slip_qr

pytestmark = pytest.mark.slow


def _sync(path: Path, home: Path) -> str:
    result = run("sync", "--db", str(path), "--budget", "20", home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_slips_qr_opens_a_page_naming_its_retired_grams(tmp_path: Path, browser: Any) -> None:
    with registry(tmp_path / "registry", start=False) as reg:
        public = f"http://localhost:{reg.port}"  # the public name; kiosks sync with 127.0.0.1
        reg.serve_args = ("--public-url", public)
        reg.start()
        path = tmp_path / "kiosk.sqlite"
        with Ledger.open(path) as ledger:
            kiosk_key(ledger)
        enrolled = run("enroll", "--registry", reg.url, "--token", reg.token("expo"),
                       "--db", str(path), home=reg.home)  # fmt: skip
        assert enrolled.returncode == 0, enrolled.stderr
        _sync(path, reg.home)  # the catalogue, and whole retired tonnes granted by serial
        with Ledger.open(path) as ledger:  # offline from here: the slip prints before any sync
            footprint = compute("meal", {"mixed_meals": 2})
            order = ledger.open_order(footprint, project_id="demo-wetland", offset_g=1_250_000)
            paid = ledger.pay(order.id, method="cash", cashier="alice")
        first, second = paid.ranges()  # 1.25 t: the first tonne, and a quarter of the next
        assert (first.from_g, first.to_g, second.from_g, second.to_g) == (
            0,
            1_000_000,
            0,
            250_000,
        )
        text = slip_qr(path, paid.serial, reg.home, tmp_path / "slip.pdf")
        assert text.startswith(public.upper() + "/C/")
        offline = page_texts(browser, text)
        assert "Issued offline, not yet synced" in offline["received"]

        assert "pushed 1 (1 accepted" in _sync(path, reg.home)
        texts = page_texts(browser, text, "retired-ranges")
        assert "Received by the registry" in texts["received"]
        assert "SEEE-E2E-3" in texts["retirement"]  # demo-wetland, retired by the operator
        for item in paid.ranges():
            assert (
                f"{item.serial} (g {spaced(item.from_g)}–{spaced(item.to_g)})" in (texts["credit"])
            )
        assert "SEEE-E2E-3" in texts["credit"] and "Diandian visitors" in texts["credit"]
        assert first.serial == "T3-2026-000001" and second.serial == "T3-2026-000002"
