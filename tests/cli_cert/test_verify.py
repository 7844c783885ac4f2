"""`diandian cert verify`: a changed or crafted certificate, a refund (from the ledger or the
registry's pulled list), and damaged, oversized or many-paged files are each one line."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import cbor2
import pytest
import segno
import zxingcpp
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from kiosk.certificate.issue import kiosk_key
from kiosk.certificate.of_order import qr_text
from kiosk.ledger import Ledger, syncstate
from tests.cli_cert.qr import PUBLIC, decode


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
