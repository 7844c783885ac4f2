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

import cbor2
import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.catalogue import load_demo_catalogue
from kiosk.certificate import keys, payload
from kiosk.certificate.address import MAX_LENGTH, check_public_url, host_of
from kiosk.certificate.issue import kiosk_key, known_keys
from kiosk.certificate.keys import SigningKeyError
from kiosk.certificate.of_order import certificate_for, qr_text
from kiosk.certificate.payload import CertificateError, verify
from kiosk.errors import InputError
from kiosk.footprint import compute
from kiosk.ledger import Ledger
from tests.credit_support import grant_tonnes

BASE = "https://registry.example.org"  # a registry's public address (kiosk.certificate.address)
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
    text = qr_text(paid, kiosk_key(ledger), BASE)
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
    longest = "https://" + "r" * (MAX_LENGTH - len("https://:65535")) + ":65535"
    assert check_public_url(longest) == longest  # the longest address a registry may name
    text = qr_text(paid, kiosk_key(ledger), longest)
    qr = segno.make_qr(text, error="m", boost_error=False)
    assert qr.version <= 10 and qr.error == "M" and qr.mode == "alphanumeric"


def test_the_serial_and_gram_start_do_not_fit_so_the_qr_leaves_them_out(ledger) -> None:
    """Measured (README, "What the QR signs"): the worst-case certificate already needs
    version 10; even a short serial with its gram start, as two more CBOR fields, pushes it
    to version 11. So the QR stays as it is, and the slip and the page show the ranges from
    the order (pushed in the kiosk's signed batch)."""
    footprint = replace(LONGEST, factors_version="v" * 16 + "+L3f9a0c")
    order = ledger.open_order(footprint, project_id="demo-longquan-forest")
    paid = ledger.pay(order.id, method="mobile", cashier="alice")
    longest = "https://" + "r" * (MAX_LENGTH - len("https://:65535")) + ":65535"
    key = kiosk_key(ledger)
    cert = certificate_for(paid)
    assert segno.make_qr(qr_text(paid, key, longest), error="m").version == 10
    first = paid.ranges()[0]
    assert len(first.serial) >= len("CDCER-2024-000123")  # the shortest serial format we know
    body = cbor2.dumps(cbor2.loads(cert.to_cbor()) | {8: ["CDCER-2024-000123", first.from_g]})
    token = base64.b32encode(body + key.sign(payload.CONTEXT + body)).decode().rstrip("=")
    widened = payload.url(cert, token, longest)
    assert segno.make_qr(widened, error="m", boost_error=False).version == 11
    assert set(cbor2.loads(cert.to_cbor())) == set(range(8))  # no range in the signed payload


def test_reprints_carry_the_same_code(ledger, paid) -> None:
    key = kiosk_key(ledger)
    assert qr_text(paid, key, BASE) == qr_text(
        paid, key, BASE
    )  # Ed25519 signatures are deterministic


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
    text = qr_text(paid, kiosk_key(ledger), BASE)
    with pytest.raises(CertificateError, match=f"unknown kiosk {ledger.kiosk_id}"):
        verify(text, {})


def test_another_kiosks_key_does_not_verify(ledger, paid) -> None:
    text = qr_text(paid, kiosk_key(ledger), BASE)
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
    genuine_signature = base64.b32decode(qr_text(paid, key, BASE).rsplit("/", 1)[1] + "=" * 4)[
        -64:
    ]  # this kiosk's real signature, moved onto the other kiosk's payload
    token = base64.b32encode(body + genuine_signature).decode().rstrip("=")
    all_keys = {**known_keys(ledger), "KOTHER0000": known_keys(ledger)[ledger.kiosk_id]}
    with pytest.raises(CertificateError, match="signature does not match"):
        verify(token, all_keys)


def test_the_address_must_name_the_signed_certificate(ledger, paid) -> None:
    text = qr_text(paid, kiosk_key(ledger), BASE)
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
        return qr_text(order, kiosk_key(ledger), BASE), known_keys(ledger)


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


def _token_of(body: bytes, signature: bytes) -> str:
    return base64.b32encode(body + signature).decode().rstrip("=")


def _absurd_body(kiosk_id: str) -> bytes:
    """A payload whose issue time is 10^12 s: the year 33658 (issue 12's crash)."""
    return cbor2.dumps({0: 1, 1: kiosk_id, 2: 1, 3: 10**12, 4: 1, 5: 1, 6: "p", 7: "v"})


def test_a_forged_payload_is_refused_by_its_signature_before_it_is_read(ledger, paid) -> None:
    kiosk_key(ledger)
    token = _token_of(_absurd_body(ledger.kiosk_id), b"\x00" * 64)
    with pytest.raises(CertificateError, match="signature does not match"):
        verify(f"{BASE}/C/{ledger.kiosk_id}-000001/{token}", known_keys(ledger))


def test_even_a_signed_absurd_payload_is_a_plain_refusal(ledger) -> None:
    key = kiosk_key(ledger)
    body = _absurd_body(ledger.kiosk_id)
    token = _token_of(body, key.sign(payload.CONTEXT + body))
    with pytest.raises(CertificateError, match="issue time out of range"):
        verify(token, known_keys(ledger))


def _with_spare_bits(ledger) -> str:
    """A certificate whose byte length is not a multiple of 5, so its last Base32 character
    carries unused bits (the offset's CBOR size changes the length)."""
    key = kiosk_key(ledger)
    for offset_g in (5, 500, 50_000, 5_000_000, 6, 600):
        order = ledger.open_order(LONGEST, project_id="demo-longquan-forest", offset_g=offset_g)
        text = qr_text(ledger.pay(order.id, method="cash", cashier="c"), key, BASE)
        token = text.rsplit("/", 1)[1]
        if len(base64.b32decode(token + "=" * (-len(token) % 8))) % 5:
            return text
    raise AssertionError("no certificate length with spare bits")


def test_one_certificate_has_exactly_one_valid_text(ledger) -> None:
    text, known = _with_spare_bits(ledger), known_keys(ledger)
    head, token = text.rsplit("/", 1)
    assert verify(text, known)
    with pytest.raises(CertificateError, match="never has"):
        verify(f"{head}/{token}" + "=" * (-len(token) % 8 or 8), known)
    with pytest.raises(CertificateError, match="capitals"):
        verify(f"{head}/{token.lower()}", known)
    # The last character carries unused bits: every other character that decodes to the same
    # bytes (a changed spare bit) is refused, so a second text for the same certificate fails.
    raw = base64.b32decode(token + "=" * (-len(token) % 8))
    same_bytes = [
        token[:-1] + other
        for other in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".replace(token[-1], "")
        if base64.b32decode(token[:-1] + other + "=" * (-len(token) % 8)) == raw
    ]
    assert same_bytes
    for variant in same_bytes:
        with pytest.raises(CertificateError, match="last character was changed"):
            verify(f"{head}/{variant}", known)


def test_a_demo_kiosks_code_is_no_web_address_but_still_verifies(ledger, paid) -> None:
    text = qr_text(paid, kiosk_key(ledger), None)
    assert text.startswith("DIANDIAN:C/") and host_of(text) is None
    assert verify(text, known_keys(ledger)) == certificate_for(paid)
    qr = segno.make_qr(text, error="m", boost_error=False)
    assert qr.mode == "alphanumeric"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://registry.example.org", True),
        ("https://registry.example.org/", True),
        ("HTTPS://REGISTRY.EXAMPLE.ORG:8443", True),
        ("http://127.0.0.1:8700", True),
        ("http://registry.example.org", False),  # plain http only to this machine
        ("https://registry.example.org/diandian", False),  # a path would be upper-cased
        ("https://registry.example.org?x=1", False),
        ("https://user@registry.example.org", False),
        ("https://reg_istry.example.org", False),
        ("ftp://registry.example.org", False),
        ("https://" + "r" * 40 + ".org", False),  # too long for the QR budget
        ("", False),
    ],
)
def test_a_public_address_is_checked(url: str, ok: bool) -> None:
    if ok:
        assert check_public_url(url) == url.rstrip("/")
    else:
        with pytest.raises(InputError, match="allowed: https://HOST"):
            check_public_url(url)
