"""Certificates end to end, as separate processes on a real ledger: every slip format is
rendered, its QR decoded back and verified, and every field compared with the ledger; printing
goes to a real TCP listener, and a dead printer leaves the order paid with its slip pending."""

from __future__ import annotations

import base64
import io
from datetime import UTC, datetime
from pathlib import Path

import cbor2
import pypdfium2
import pytest
import segno
import zxingcpp
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from kiosk.catalogue import load_demo_catalogue
from kiosk.certificate.address import host_of
from kiosk.certificate.claims import LABELS, for_order
from kiosk.certificate.issue import kiosk_key, known_keys
from kiosk.certificate.of_order import qr_text
from kiosk.certificate.payload import verify
from kiosk.footprint import compute
from kiosk.ledger import Ledger, syncstate
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
    [result] = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
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
    diandian, ledger_file, closed_port
) -> None:
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


# --- where the QR leads, refunds, and files handed to `cert verify` ---------------------------

PUBLIC = "https://certs.example.org"


def _enrol(ledger_file: Path, public: str = PUBLIC) -> None:
    """What `diandian enroll` and a catalogue pull leave in the ledger (see sync/pull.py)."""
    with Ledger.open(ledger_file, check=False) as ledger:
        syncstate.set_settings(
            ledger, {"registry_url": "https://sync.example.org", "public_url": public}
        )


def test_an_enrolled_kiosks_qr_opens_the_registrys_public_page(
    diandian, ledger_file, tmp_path
) -> None:
    _enrol(ledger_file)
    out = tmp_path / "slip.pdf"
    assert (
        diandian("cert", "slip", "1", "--out", str(out), "--db", str(ledger_file)).returncode == 0
    )
    text = decode(out)
    assert text.startswith("HTTPS://CERTS.EXAMPLE.ORG/C/") and host_of(text) == "certs.example.org"
    checked = diandian("cert", "verify", str(out), "--db", str(ledger_file))
    assert checked.returncode == 0, checked.stderr
    assert "opens      certs.example.org" in checked.stdout
    _enrol(ledger_file, "https://new-certs.example.org")  # the registry moved its pages
    moved = diandian("cert", "verify", text, "--db", str(ledger_file))
    assert moved.returncode == 4
    assert moved.stderr.strip() == (
        "diandian cert: WARNING: a phone would open certs.example.org, not "
        "new-certs.example.org, the registry this kiosk is enrolled with"
    )


def test_a_kiosk_never_enrolled_uses_its_settings_or_says_demo(
    diandian, ledger_file, tmp_path, own_home
) -> None:
    demo = tmp_path / "demo.pdf"
    assert (
        diandian("cert", "slip", "1", "--out", str(demo), "--db", str(ledger_file)).returncode == 0
    )
    assert decode(demo).startswith("DIANDIAN:C/")
    words = " ".join(pypdfium2.PdfDocument(str(demo))[0].get_textpage().get_text_range().split())
    assert "演示，未登记" in words and "Demo, not registered" in words
    checked = diandian("cert", "verify", str(demo), "--db", str(ledger_file))
    assert checked.returncode == 0 and "no web page (demo, not registered)" in checked.stdout
    own_home.mkdir(exist_ok=True)
    (own_home / "diandian.toml").write_text(
        '[registry]\npublic_url = "https://certs.example.org"\n'
    )
    set_up = tmp_path / "configured.pdf"
    assert (
        diandian("cert", "slip", "1", "--out", str(set_up), "--db", str(ledger_file)).returncode
        == 0
    )
    assert host_of(decode(set_up)) == "certs.example.org"
    checked = diandian("cert", "verify", str(set_up), "--db", str(ledger_file))
    assert (
        checked.returncode == 0
        and "not enrolled, so the address cannot be checked" in checked.stdout
    )


def test_verify_says_refunded_from_the_ledger(diandian, ledger_file, tmp_path) -> None:
    out = tmp_path / "slip.png"
    diandian("cert", "slip", "1", "--format", "png", "--out", str(out), "--db", str(ledger_file))
    with Ledger.open(ledger_file, check=False) as ledger:
        ledger.void(ledger.get("1").id, reason="changed mind", actor="alice")
        cert_id = f"{ledger.kiosk_id}-000001"
    result = diandian("cert", "verify", str(out), "--db", str(ledger_file))
    assert result.returncode == 3
    assert result.stderr.strip() == (
        f"diandian cert: REFUNDED: certificate {cert_id} was refunded; it no longer stands "
        "for any credit"
    )
    assert f"valid certificate {cert_id}" in result.stdout  # genuine, but void


def test_verify_says_refunded_from_the_pulled_registry_data(
    diandian, ledger_file, tmp_path
) -> None:
    """Another kiosk checks the certificate: it knows the issuer's key and the registry's list
    of refunded certificates from its last pull."""
    with Ledger.open(ledger_file, check=False) as ledger:
        text, kiosk_id = qr_text(ledger.get("1"), kiosk_key(ledger), PUBLIC), ledger.kiosk_id
        public = ledger.kiosk_keys()[kiosk_id]
    other = tmp_path / "other.sqlite"
    with Ledger.open(other) as ledger:
        ledger.add_kiosk_key(kiosk_id, public, source="registry", actor="sync")
        data = {"keys": [{"kiosk_id": kiosk_id, "public_key": public}], "revoked": []}
        syncstate.store_pulled(ledger, "keys", "v1", data)
    assert diandian("cert", "verify", text, "--db", str(other)).returncode == 0
    with Ledger.open(other) as ledger:
        syncstate.store_pulled(ledger, "keys", "v2", {**data, "revoked": [f"{kiosk_id}-000001"]})
    result = diandian("cert", "verify", text, "--db", str(other))
    assert result.returncode == 3 and "REFUNDED" in result.stderr


def test_verify_refuses_a_second_spelling_in_one_line(diandian, ledger_file, tmp_path) -> None:
    out = tmp_path / "slip.png"
    diandian("cert", "slip", "1", "--format", "png", "--out", str(out), "--db", str(ledger_file))
    text = decode(out)
    for other, says in ((text + "=", "never has"), (text[:-60] + text[-60:].lower(), "capitals")):
        result = diandian("cert", "verify", other, "--db", str(ledger_file))
        assert result.returncode == 1 and says in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_verify_of_a_crafted_token_is_a_refusal_not_a_crash(diandian, ledger_file) -> None:
    """Issue 12: a payload with an issue time of 10^12 s made `cert verify` exit 70."""
    with Ledger.open(ledger_file, check=False) as ledger:
        kiosk_id = ledger.kiosk_id
        kiosk_key(ledger)  # this kiosk's key is known, so the signature is what is checked
    body = cbor2.dumps({0: 1, 1: kiosk_id, 2: 1, 3: 10**12, 4: 1, 5: 1, 6: "p", 7: "v"})
    token = base64.b32encode(body + b"\x01" * 64).decode().rstrip("=")
    result = diandian("cert", "verify", token, "--db", str(ledger_file))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "diandian cert: NOT VALID: the signature does not match: the certificate was changed "
        "or forged"
    )


def _pdf(path: Path, pages: list[tuple[float, float]], qr_on: int | None, qr: str = "") -> Path:
    canvas = Canvas(str(path))
    for index, size in enumerate(pages):
        canvas.setPageSize(size)
        if index == qr_on:
            png = io.BytesIO()
            segno.make_qr(qr, error="m").save(png, kind="png", scale=4, border=4)
            canvas.drawImage(ImageReader(Image.open(png)), 40, 40)
        canvas.showPage()
    canvas.save()
    return path


def test_verify_reads_only_the_first_four_pages_of_a_pdf(diandian, ledger_file, tmp_path) -> None:
    with Ledger.open(ledger_file, check=False) as ledger:
        text = qr_text(ledger.get("1"), kiosk_key(ledger), None)
    on_page_4 = _pdf(tmp_path / "four.pdf", [A4] * 5, 3, text)
    assert diandian("cert", "verify", str(on_page_4), "--db", str(ledger_file)).returncode == 0
    on_page_5 = _pdf(tmp_path / "five.pdf", [A4] * 5, 4, text)
    result = diandian("cert", "verify", str(on_page_5), "--db", str(ledger_file))
    assert result.returncode == 1 and "no QR code found" in result.stderr


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (
            lambda p: _pdf(p / "poster.pdf", [A4, (2000.0, 3000.0)], None),
            "page 2 of {path} is 706 × 1058 mm; allowed: pages up to A3 (297 × 420 mm)",
        ),
        (
            lambda p: _image(p / "huge.png", (8000, 6000)),
            "{path} is 8000 × 6000 pixels (48 MP); allowed: images up to 40 megapixels",
        ),
        (
            lambda p: _truncated(p / "cut.png"),
            "{path} is damaged or cut short",
        ),
    ],
)
def test_verify_refuses_oversized_or_damaged_files_in_one_line(
    diandian, ledger_file, tmp_path, make, says
) -> None:
    path = make(tmp_path)
    result = diandian("cert", "verify", str(path), "--db", str(ledger_file))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(
        f"diandian cert: error: TEXT_OR_IMAGE: {says.format(path=path)}"
    )
    assert len(result.stderr.strip().splitlines()) == 1


def _image(path: Path, size: tuple[int, int]) -> Path:
    Image.new("1", size, 1).save(path)  # 48 MP of white: a few kB on disk
    return path


def _truncated(path: Path) -> Path:
    buffer = io.BytesIO()
    Image.effect_noise((600, 600), 64).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    return path


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


def test_a_printer_that_never_answers_leaves_the_slip_unconfirmed(diandian, ledger_file) -> None:
    printer = FakePrinter(reads=False, buffer=None)
    try:
        result = diandian("cert", "print", "1", "--host", "127.0.0.1", "--port",
                          str(printer.port), "--db", str(ledger_file))  # fmt: skip
    finally:
        printer.close()
    assert result.returncode == 0
    assert "sent, not confirmed" in result.stderr and "reprint list" in result.stderr
    with Ledger.open(ledger_file, check=False) as ledger:
        assert ledger.get("1").slip_status == "unconfirmed"


def test_verify_reads_the_qr_not_a_barcode_beside_it(diandian, ledger_file, tmp_path) -> None:
    """A photo of a slip lying on a receipt: the 1D barcode above the QR is not a certificate
    (zxing also found one by chance in printed text, 1 image in about 150)."""
    import barcode
    from barcode.writer import ImageWriter

    slip = tmp_path / "slip.png"
    diandian("cert", "slip", "1", "--format", "png", "--out", str(slip), "--db", str(ledger_file))
    receipt = io.BytesIO()
    barcode.get("code128", "RECEIPT 0724", writer=ImageWriter()).write(receipt)
    above, qr = Image.open(receipt).convert("RGB"), Image.open(slip).convert("RGB")
    photo = Image.new("RGB", (max(above.width, qr.width), above.height + qr.height), "white")
    photo.paste(above, (0, 0))
    photo.paste(qr, (0, above.height))
    photo.save(tmp_path / "photo.png")
    assert len(zxingcpp.read_barcodes(photo)) == 2  # both are there to be found
    result = diandian("cert", "verify", str(tmp_path / "photo.png"), "--db", str(ledger_file))
    assert result.returncode == 0, result.stderr
    assert "valid certificate" in result.stdout
