"""Where a slip's QR leads: the registry's public page once enrolled, the configured address or
"demo" before; `cert verify` warns when the registry moved its pages."""

from __future__ import annotations

from pathlib import Path

import pypdfium2

from kiosk.certificate.address import host_of
from kiosk.ledger import Ledger, syncstate
from tests.cli_cert.qr import PUBLIC, decode


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
