"""Signed certificate payloads: they verify offline, stay small, and any tampering is refused."""

from __future__ import annotations

import base64
import functools
import os
import stat
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.catalogue import load_demo_catalogue
from kiosk.certificate import keys, payload
from kiosk.certificate.issue import certificate_for, kiosk_key, known_keys, qr_text
from kiosk.certificate.keys import SigningKeyError
from kiosk.certificate.payload import CertificateError, verify
from kiosk.footprint import compute
from kiosk.ledger import Ledger
from tests.credit_support import grant_tonnes

LONGEST = compute(  # the largest footprint the kiosk accepts: the longest numbers in the QR
    "lifestyle",
    {
        "electricity_kwh_month": "10000",
        "domestic_flights": "500",
        "international_flight_km": "2000000",
        "household_size": "1",
    },
)


@pytest.fixture
def ledger(tmp_path: Path):
    with Ledger.open(tmp_path / "ledger.sqlite") as opened:
        opened.load_catalogue(load_demo_catalogue())
        grant_tonnes(opened, "demo-longquan-forest", 2 * LONGEST.total_grams)
        yield opened


@pytest.fixture
def paid(ledger):
    order = ledger.open_order(LONGEST, project_id="demo-longquan-forest", nickname="小明")
    return ledger.pay(order.id, method="mobile", cashier="alice")


def test_a_paid_order_verifies_with_the_kiosks_own_key(ledger, paid) -> None:
    text = qr_text(paid, kiosk_key(ledger))
    cert = verify(text, known_keys(ledger))
    assert cert == certificate_for(paid)
    assert (cert.serial, cert.offset_g, cert.footprint_g) == (1, paid.offset_g, paid.footprint_g)
    assert cert.issued == datetime.fromisoformat(paid.paid_at[:19]).replace(tzinfo=UTC)
    assert "小明" not in text  # no personal data in the QR


@pytest.mark.parametrize("factors_version", ["", "2026.11.1+L3f9a0c", "v" * 16 + "+L3f9a0c"])
def test_the_qr_is_version_10_or_lower_at_level_m_in_alphanumeric_mode(
    ledger, factors_version
) -> None:
    # the longest ids and the largest numbers the kiosk accepts; an admin's local factors
    # lengthen the table version (kiosk.factors.with_overrides)
    footprint = replace(LONGEST, factors_version=factors_version or LONGEST.factors_version)
    order = ledger.open_order(footprint, project_id="demo-longquan-forest", nickname="小明")
    paid = ledger.pay(order.id, method="mobile", cashier="alice")
    text = qr_text(paid, kiosk_key(ledger), "https://registry.diandian.example")
    qr = segno.make_qr(text, error="m", boost_error=False)
    assert qr.version <= 10 and qr.error == "M" and qr.mode == "alphanumeric"


def test_reprints_carry_the_same_code(ledger, paid) -> None:
    key = kiosk_key(ledger)
    assert qr_text(paid, key) == qr_text(paid, key)  # Ed25519 signatures are deterministic


def test_the_key_file_is_private_and_kept(ledger) -> None:
    key = kiosk_key(ledger)
    path = keys.key_path_for(ledger.path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert keys.public_text(kiosk_key(ledger)) == keys.public_text(key)
    assert ledger.kiosk_keys()[ledger.kiosk_id] == keys.public_text(key)


def test_a_lost_key_file_stops_certificates_instead_of_making_a_new_identity(ledger) -> None:
    kiosk_key(ledger)
    keys.key_path_for(ledger.path).unlink()
    with pytest.raises(SigningKeyError, match="missing"):
        kiosk_key(ledger)


def test_an_unknown_kiosk_is_refused(ledger, paid, tmp_path) -> None:
    text = qr_text(paid, kiosk_key(ledger))
    with pytest.raises(CertificateError, match=f"unknown kiosk {ledger.kiosk_id}"):
        verify(text, {})


def test_another_kiosks_key_does_not_verify(ledger, paid) -> None:
    text = qr_text(paid, kiosk_key(ledger))
    impostor = keys.Ed25519PrivateKey.generate().public_key()
    with pytest.raises(CertificateError, match="signature does not match"):
        verify(text, {ledger.kiosk_id: impostor})


def test_swapping_the_kiosk_id_is_refused(ledger, paid) -> None:
    key = kiosk_key(ledger)
    cert = certificate_for(paid)
    forged = payload.Certificate(
        kiosk_id="KOTHER0000",
        serial=cert.serial,
        issued=cert.issued,
        footprint_g=cert.footprint_g,
        offset_g=cert.offset_g,
        project_id=cert.project_id,
        factors_version=cert.factors_version,
    )
    body = forged.to_cbor()
    genuine_signature = base64.b32decode(qr_text(paid, key).rsplit("/", 1)[1] + "=" * 4)[
        -64:
    ]  # this kiosk's real signature, moved onto the other kiosk's payload
    token = base64.b32encode(body + genuine_signature).decode().rstrip("=")
    all_keys = {**known_keys(ledger), "KOTHER0000": known_keys(ledger)[ledger.kiosk_id]}
    with pytest.raises(CertificateError, match="signature does not match"):
        verify(token, all_keys)


def test_the_address_must_name_the_signed_certificate(ledger, paid) -> None:
    text = qr_text(paid, kiosk_key(ledger))
    head, cert_id, token = text.rsplit("/", 2)
    with pytest.raises(CertificateError, match="the address names"):
        verify(f"{head}/{cert_id[:-1]}9/{token}", known_keys(ledger))


@functools.cache
def one_certificate() -> tuple[str, dict]:
    """One genuine certificate and the keys that verify it, made once for the property tests."""
    path = Path(tempfile.mkdtemp()) / "ledger.sqlite"
    with Ledger.open(path) as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        order = ledger.open_order(LONGEST, project_id="demo-wetland", offset_g=5)
        order = ledger.pay(order.id, method="cash", cashier="c")
        return qr_text(order, kiosk_key(ledger)), known_keys(ledger)


def test_the_property_tests_start_from_a_valid_certificate() -> None:
    text, known = one_certificate()
    assert verify(text, known).offset_g == 5


@given(data=st.data())
@settings(max_examples=300, deadline=None)
def test_any_flipped_byte_is_refused(data) -> None:
    text, known = one_certificate()
    token = text.rsplit("/", 1)[1]
    raw = bytearray(base64.b32decode(token + "=" * (-len(token) % 8)))
    index = data.draw(st.integers(0, len(raw) - 1))
    raw[index] ^= data.draw(st.integers(1, 255))
    tampered = base64.b32encode(bytes(raw)).decode().rstrip("=")
    with pytest.raises(CertificateError):
        verify(tampered, known)


@given(cut=st.integers(min_value=1, max_value=400))
@settings(max_examples=100, deadline=None)
def test_any_truncation_is_refused(cut: int) -> None:
    text, known = one_certificate()
    with pytest.raises(CertificateError):
        verify(text[: max(0, len(text) - cut)], known)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "truncated"),
        ("hello world", "Base32"),
        ("HTTPS://X/C/K-1/AAAA", "truncated"),
        (base64.b32encode(b"\xff" * 80).decode(), "malformed"),
        (base64.b32encode(b"\x01" * 80).decode(), "malformed"),
    ],
)
def test_garbage_gets_a_plain_reason(text: str, says: str) -> None:
    with pytest.raises(CertificateError, match=says):
        verify(text, {})
