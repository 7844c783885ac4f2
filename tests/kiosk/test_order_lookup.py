"""A returning customer is found by what they hold: the order code, the certificate number as
printed on the slip, or the certificate's QR; the console and `diandian orders show` agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.catalogue import load_demo_catalogue
from kiosk.certificate.issue import kiosk_key
from kiosk.certificate.of_order import qr_text
from kiosk.errors import InputError
from kiosk.footprint import compute
from kiosk.ledger import Ledger, OrderNotFound
from kiosk.order_lookup import find_order
from kiosk.slips.build import build_content


@pytest.fixture
def sold(tmp_path: Path):
    path = tmp_path / "ledger.sqlite"
    footprint = compute("meal", {"mixed_meals": "3"})
    with Ledger.open(path) as ledger:
        ledger.load_catalogue(load_demo_catalogue())
        for _ in range(2):
            order = ledger.open_order(footprint, project_id="demo-wetland", offset_g=5000)
            order = ledger.pay(order.id, method="card", cashier="alice")
        key = kiosk_key(ledger)
        slip = build_content(order, ledger, key)
        yield ledger, order, slip.serial, slip.qr_text


@pytest.mark.parametrize("base", ["https://registry.example.org", None])
def test_a_certificate_qr_finds_its_order_with_or_without_a_registry(sold, base) -> None:
    """An enrolled kiosk's QR is the registry's page; a demo kiosk's is `DIANDIAN:C/...`."""
    ledger, order, _, _ = sold
    qr = qr_text(order, kiosk_key(ledger), base)
    assert find_order(ledger, qr).id == order.id


def test_the_certificate_number_as_printed_finds_its_order(sold) -> None:
    ledger, order, printed, _ = sold
    assert printed == f"{ledger.kiosk_id}-000002"
    assert find_order(ledger, printed).id == order.id
    assert find_order(ledger, f"  {printed.lower()} ").id == order.id


def test_the_scanned_certificate_qr_and_the_order_code_find_it(sold) -> None:
    ledger, order, _, qr = sold
    assert find_order(ledger, qr).id == order.id
    spaced = f"{order.code[:3]} {order.code[3:]}".lower()
    assert find_order(ledger, spaced).id == order.id
    assert find_order(ledger, order.id).id == order.id
    assert find_order(ledger, "#2").id == order.id


def test_what_is_not_here_says_so_with_a_code_the_screen_translates(sold) -> None:
    ledger, *_ = sold
    with pytest.raises(OrderNotFound) as other:
        find_order(ledger, "KZZZZZZZZZ-000002")
    assert other.value.code == "other_kiosk" and other.value.params["kiosk"] == "KZZZZZZZZZ"
    with pytest.raises(OrderNotFound) as missing:
        find_order(ledger, "ZZZ999")
    assert missing.value.code == "order_not_found"
    with pytest.raises(InputError) as empty:
        find_order(ledger, "   ")
    assert empty.value.code == "lookup_empty"


def test_orders_show_takes_the_printed_number_and_the_qr(sold, diandian) -> None:
    ledger, order, printed, qr = sold
    for ref in (printed, qr):
        shown = diandian("orders", "show", ref, "--json", "--db", str(ledger.path))
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["id"] == order.id
