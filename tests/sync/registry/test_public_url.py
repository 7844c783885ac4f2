"""The registry's public address (where certificate QRs point), the refunded certificates it
tells kiosks about, and certificate pages that never break on a crafted token."""

from __future__ import annotations

import base64

import cbor2
import pytest
from sqlalchemy import Engine

from kiosk.certificate import payload
from kiosk.errors import InputError
from sync import protocol
from sync.registry import operations
from tests.sync.registry.conftest import SELL_FIRST, TestClient
from tests.sync.registry.helpers import Kiosk


def test_enrolment_and_catalogue_name_the_public_address(
    client: TestClient, engine: Engine
) -> None:
    first = Kiosk.new()
    first.enrol(client, engine)
    assert first.get(client, protocol.CATALOGUE).json()["public_url"] is None
    with engine.begin() as conn:
        stored = operations.set_public_url(conn=conn, url="https://certs.example.org/")
    assert stored == "https://certs.example.org"
    assert first.get(client, protocol.CATALOGUE).json()["public_url"] == stored
    with engine.begin() as conn:
        token = operations.new_enrol_token(conn=conn, name="hotel")
    second = Kiosk.new()
    answer = client.post(
        protocol.ENROL,
        json={"token": token, "kiosk_id": second.kiosk_id, "public_key": second.public},
    )
    assert answer.status_code == 200 and answer.json()["public_url"] == stored


def test_a_bad_public_address_is_refused_and_nothing_is_stored(engine: Engine) -> None:
    with pytest.raises(InputError, match="allowed: https://HOST"), engine.begin() as conn:
        operations.set_public_url(conn=conn, url="http://certs.example.org/path")
    with engine.connect() as conn:
        assert operations.public_url(conn=conn) is None


def test_the_keys_pull_lists_refunded_certificates(client: TestClient, kiosk: Kiosk) -> None:
    kept, refunded = kiosk.order(), kiosk.order()
    kiosk.push(client, [kiosk.record(kept), kiosk.record(refunded)])
    assert kiosk.get(client, protocol.KEYS).json()["revoked"] == []
    kiosk.push(client, [kiosk.void(refunded)])
    assert kiosk.get(client, protocol.KEYS).json()["revoked"] == [f"{kiosk.kiosk_id}-000002"]


def _absurd_token(kiosk: Kiosk, *, signed: bool) -> str:
    """Issue 12: a payload whose issue time (10^12 s, the year 33658) once made a 500."""
    body = cbor2.dumps({0: 1, 1: kiosk.kiosk_id, 2: 1, 3: 10**12, 4: 1, 5: 1, 6: "p", 7: "v"})
    signature = kiosk.key.sign(payload.CONTEXT + body) if signed else b"\x07" * 64
    return base64.b32encode(body + signature).decode().rstrip("=")


@pytest.mark.parametrize("signed", [False, True])
def test_a_crafted_token_gets_a_page_not_a_500(
    client: TestClient, kiosk: Kiosk, signed: bool
) -> None:
    token = _absurd_token(kiosk, signed=signed)
    page = client.get(f"/C/{kiosk.kiosk_id}-000001/{token}")
    assert page.status_code == 200
    assert 'data-testid="signature"' in page.text
    reason = "issue time out of range" if signed else "signature does not match"
    assert reason in page.text


def test_the_page_says_what_is_true_now(client: TestClient, kiosk: Kiosk, engine: Engine) -> None:
    """Its title and claims are the slip's: a month of a year bought but not yet retired (a
    sell-first project) is a purchase (never "offset"), and a refund voids it."""
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SELL_FIRST, source="sell first")
    kiosk.pull(client)
    year = kiosk.order(
        offset_g=600_000, footprint_g=7_200_000, scenario="lifestyle", project="sell-first-forest"
    )
    kiosk.push(client, [kiosk.record(year)])
    page = client.get(kiosk.cert_path(year)).text
    assert "碳信用购买凭证" in page and "Carbon credit purchase" in page
    assert "Bought for one month of your year (8 %)" in page
    assert "Purchased, retirement pending" in page
    assert "碳中和" not in page and "carbon-neutral" not in page.lower()
    kiosk.push(client, [kiosk.void(year)])
    page = client.get(kiosk.cert_path(year)).text
    assert "Void certificate" in page and "Refunded: this certificate is void" in page
    assert "Bought for" not in page
