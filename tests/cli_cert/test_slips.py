"""`diandian cert slip` as a separate process on a real ledger: every slip format is rendered,
its QR decoded back and verified, and every field compared with the ledger."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pypdfium2
import pytest

from kiosk.certificate.claims import LABELS, for_order
from kiosk.certificate.issue import known_keys
from kiosk.certificate.payload import verify
from kiosk.ledger import Ledger
from kiosk.money import format_fen
from tests.cli_cert.qr import decode


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("80mm", "pdf"), ("58mm", "pdf"), ("a6", "pdf"), ("png", "png")]
)
def test_every_slip_carries_a_certificate_that_matches_the_ledger(
    diandian, ledger_file: Path, tmp_path: Path, fmt: str, suffix: str
) -> None:
    out = tmp_path / f"slip.{suffix}"
    made = diandian(
        "cert", "slip", "1", "--format", fmt, "--out", str(out), "--db", str(ledger_file)
    )
    assert made.returncode == 0, made.stderr
    with Ledger.open(ledger_file, check=False) as ledger:
        order, keys = ledger.get("1"), known_keys(ledger)
    cert = verify(decode(out), keys)
    assert cert.kiosk_id == order.kiosk_id and cert.serial == order.serial == 1
    assert cert.issued == datetime.fromisoformat(order.paid_at[:19]).replace(tzinfo=UTC)
    assert (cert.footprint_g, cert.offset_g) == (order.footprint_g, order.offset_g)
    assert (cert.project_id, cert.factors_version) == (order.project_id, order.factors_version)
    checked = diandian("cert", "verify", str(out), "--db", str(ledger_file))
    assert checked.returncode == 0, checked.stderr
    assert f"valid certificate {order.kiosk_id}-000001" in checked.stdout
    if suffix == "pdf":
        text = pypdfium2.PdfDocument(str(out))[0].get_textpage().get_text_range()
        for expected in ("小明", format_fen(order.amount_fen), f"{order.kiosk_id}-000001"):
            assert expected in text


def test_a_french_customer_gets_french_labels_not_only_the_title(
    diandian, ledger_file, tmp_path
) -> None:
    out = tmp_path / "fr.pdf"
    assert (
        diandian("cert", "slip", "2", "--out", str(out), "--db", str(ledger_file)).returncode == 0
    )
    text = " ".join(pypdfium2.PdfDocument(str(out))[0].get_textpage().get_text_range().split())
    with Ledger.open(ledger_file, check=False) as ledger:
        said = for_order(ledger.get("2"), demo=True)
    assert LABELS[said.title]["fr"] in text and "Amélie" in text
    for line in said.lines():
        assert line.text("fr") in text
    for caption in ("Pseudo", "Empreinte", "Projet", "Numéro", "Payé", "Lieu"):
        assert caption in text
    assert "Code de démonstration" in text  # the line under a demo kiosk's QR


def test_only_paid_orders_have_slips(diandian, ledger_file, tmp_path) -> None:
    with Ledger.open(ledger_file, check=False) as ledger:
        waiting = ledger.orders(status="awaiting_payment")[0]
    result = diandian(
        "cert", "slip", waiting.code, "--out", str(tmp_path / "x.pdf"), "--db", str(ledger_file)
    )
    assert result.returncode == 2 and "only paid orders have slips" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_slip_takes_the_serial_as_printed(diandian, ledger_file, tmp_path) -> None:
    with Ledger.open(ledger_file, check=False) as ledger:
        printed = f"{ledger.kiosk_id}-000002"
    out = tmp_path / "slip.pdf"
    result = diandian("cert", "slip", printed, "--out", str(out), "--db", str(ledger_file))
    assert result.returncode == 0 and f"slip of {printed}" in result.stdout
    other = diandian("cert", "slip", "KAAAAAAAAA-000002", "--out", str(out), "--db",
                     str(ledger_file))  # fmt: skip
    assert other.returncode == 2  # another kiosk's certificate (kiosk.order_lookup's rule)
    assert (
        other.stderr == "diandian cert: error: order: no order 'KAAAAAAAAA-000002' in this ledger\n"
    )
