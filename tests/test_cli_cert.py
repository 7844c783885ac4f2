"""Certificates end to end, as separate processes on a real ledger: every slip format is
rendered, its QR decoded back and verified, and every field compared with the ledger; printing
goes to a real TCP listener, and a dead printer leaves the order paid with its slip pending."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PIL import Image

from kiosk.catalogue import load_demo_catalogue
from kiosk.certificate.claims import LABELS, for_order
from kiosk.certificate.issue import known_keys
from kiosk.certificate.payload import verify
from kiosk.footprint import compute
from kiosk.ledger import Ledger
from kiosk.money import format_fen

from .fake_printer import FakePrinter


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.sqlite"
    footprint = compute("trip", {"origin": "Beijing", "mode": "flight", "nights": "2"})
    with Ledger.open(path) as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        for nickname, lang in (("小明", "zh"), ("Amélie", "fr")):
            order = ledger.open_order(
                footprint, project_id="demo-wetland", nickname=nickname, lang=lang
            )
            ledger.pay(order.id, method="card", cashier="alice")
        ledger.open_order(footprint, project_id="demo-wetland")  # not paid: no certificate
    return path


def decode(path: Path) -> str:
    if path.suffix == ".pdf":
        image = pypdfium2.PdfDocument(str(path))[0].render(scale=300 / 72).to_pil()
    else:
        image = Image.open(path)
    [result] = zxingcpp.read_barcodes(image)
    return result.text


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


def test_verify_refuses_a_changed_certificate_in_one_line(diandian, ledger_file, tmp_path) -> None:
    out = tmp_path / "slip.png"
    diandian("cert", "slip", "1", "--format", "png", "--out", str(out), "--db", str(ledger_file))
    text = decode(out)
    changed = text[:-10] + ("A" if text[-10] != "A" else "B") + text[-9:]
    result = diandian("cert", "verify", changed, "--db", str(ledger_file))
    assert result.returncode == 1
    assert result.stderr.startswith("diandian cert: NOT VALID: ")
    assert len(result.stderr.strip().splitlines()) == 1
    elsewhere = diandian("cert", "verify", text, "--db", str(tmp_path / "other.sqlite"))
    assert elsewhere.returncode == 1 and "unknown kiosk" in elsewhere.stderr


def test_only_paid_orders_have_slips(diandian, ledger_file, tmp_path) -> None:
    with Ledger.open(ledger_file, check=False) as ledger:
        waiting = ledger.orders(status="awaiting_payment")[0]
    result = diandian(
        "cert", "slip", waiting.code, "--out", str(tmp_path / "x.pdf"), "--db", str(ledger_file)
    )
    assert result.returncode == 2 and "only paid orders have slips" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_print_reaches_a_network_printer_and_marks_the_slip(diandian, ledger_file) -> None:
    printer = FakePrinter()
    result = diandian(
        "cert",
        "print",
        "1",
        "--host",
        "127.0.0.1",
        "--port",
        str(printer.port),
        "--db",
        str(ledger_file),
    )
    data = printer.close()
    assert result.returncode == 0, result.stderr
    assert data.startswith(b"\x1b@") and b"\x1dv0" in data and data.endswith(b"\x1dV\x00")
    with Ledger.open(ledger_file, check=False) as ledger:
        assert ledger.get("1").slip_status == "printed"


def test_a_dead_printer_leaves_the_order_paid_and_the_slip_for_reprint(
    diandian, ledger_file
) -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    closed_port = probe.getsockname()[1]
    probe.close()
    result = diandian(
        "cert",
        "print",
        "1",
        "--host",
        "127.0.0.1",
        "--port",
        str(closed_port),
        "--db",
        str(ledger_file),
    )
    assert result.returncode == 1
    assert "not reachable" in result.stderr and "reprint later" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with Ledger.open(ledger_file, check=False) as ledger:
        order = ledger.get("1")
        assert (order.status, order.slip_status) == ("paid", "failed")
        assert "not reachable" in order.slip_error
    printer = FakePrinter()
    again = diandian(
        "cert",
        "print",
        "1",
        "--host",
        "127.0.0.1",
        "--port",
        str(printer.port),
        "--db",
        str(ledger_file),
    )
    printer.close()
    assert again.returncode == 0
    with Ledger.open(ledger_file, check=False) as ledger:
        assert ledger.get("1").slip_status == "printed"


def test_print_without_a_configured_printer_says_how_to_set_one(diandian, ledger_file) -> None:
    result = diandian("cert", "print", "1", "--db", str(ledger_file))
    assert result.returncode == 1
    assert "no printer is configured" in result.stderr and "[printer]" in result.stderr


def test_a_system_printer_gets_the_pdf_through_lp(diandian, ledger_file, tmp_path, monkeypatch):
    """`lp` is replaced by a stand-in that keeps what it is given: the paper cannot exist here."""
    bin_dir, received = tmp_path / "bin", tmp_path / "received.pdf"
    bin_dir.mkdir()
    lp = bin_dir / "lp"
    lp.write_text(f'#!/bin/sh\necho "$@" > {tmp_path}/args\ncat > {received}\n')
    lp.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    result = diandian("cert", "print", "1", "--queue", "Front_Desk", "--db", str(ledger_file))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "args").read_text().split()[:2] == ["-d", "Front_Desk"]
    with Ledger.open(ledger_file, check=False) as ledger:
        order, keys = ledger.get("1"), known_keys(ledger)
    assert verify(decode(received), keys).serial == order.serial
    assert order.slip_status == "printed"


def test_a_missing_lp_says_what_to_install(diandian, ledger_file, tmp_path, monkeypatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = diandian("cert", "print", "1", "--queue", "Front_Desk", "--db", str(ledger_file))
    assert result.returncode == 1 and "install CUPS" in result.stderr
