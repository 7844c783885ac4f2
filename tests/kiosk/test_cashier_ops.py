"""The console's Qt-free rules: amounts typed in yuan, cash needing what was tendered, who may
do what."""

from __future__ import annotations

import pytest

from kiosk import cashier_ops
from kiosk.accounts import Account
from kiosk.catalogue import load_demo_catalogue
from kiosk.errors import InputError
from kiosk.footprint import compute
from kiosk.ledger import Ledger
from kiosk.slips.content import Delivery


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("50", 5000),
        ("12.5", 1250),
        ("12.50", 1250),
        ("¥0.05", 5),
        (" 1,000 ", 100000),
        (".5", 50),
        ("５", 500),
    ],
)
def test_amounts_in_yuan_become_fen(text: str, fen: int) -> None:
    assert cashier_ops.parse_amount(text) == fen


@pytest.mark.parametrize("text", ["", ".", "abc", "-5", "1.234", "1.2.3", "1e3", "1 000"])
def test_bad_amounts_name_the_field(text: str) -> None:
    with pytest.raises(InputError) as caught:
        cashier_ops.parse_amount(text)
    assert caught.value.field == "amount"


@pytest.fixture
def ledger(tmp_path):
    with Ledger.open(tmp_path / "ledger.sqlite") as opened:
        opened.load_catalogue(load_demo_catalogue())
        yield opened


def _order(ledger: Ledger):
    footprint = compute("meal", {"mixed_meals": "3"})
    return ledger.open_order(footprint, project_id="demo-wetland", offset_g=100_000)


def test_cash_needs_the_amount_tendered_and_gives_change(ledger) -> None:
    alice = Account("alice", "cashier")
    order = _order(ledger)
    with pytest.raises(InputError):
        cashier_ops.pay(ledger, order.id, method="cash", account=alice, tendered_fen=None)
    with pytest.raises(InputError):
        cashier_ops.pay(
            ledger, order.id, method="cash", account=alice, tendered_fen=order.amount_fen - 1
        )
    paid = cashier_ops.pay(ledger, order.id, method="cash", account=alice, tendered_fen=2000)
    assert paid.change_fen == 2000 - order.amount_fen and paid.order.cashier == "alice"


def test_a_card_payment_has_no_change(ledger) -> None:
    order = _order(ledger)
    paid = cashier_ops.pay(
        ledger, order.id, method="card", account=Account("bob", "admin"), tendered_fen=None
    )
    assert paid.change_fen == 0 and paid.order.payment_method == "card"


def test_failed_prints_are_listed_for_reprint(ledger) -> None:
    alice = Account("alice", "cashier")
    order = _order(ledger)
    cashier_ops.pay(ledger, order.id, method="card", account=alice, tendered_fen=None)
    cashier_ops.start_print(ledger, order.id, account=alice)
    assert [o.id for o in cashier_ops.reprints(ledger)] == [order.id]  # pending
    cashier_ops.finish_print(ledger, order.id, account=alice, error="paper out")
    assert ledger.get(order.id).slip_error == "paper out"
    unconfirmed = Delivery("printer 10.0.0.9:9100", "unconfirmed", "sent, not confirmed: no answer")
    cashier_ops.finish_print(ledger, order.id, account=alice, delivery=unconfirmed)
    again = ledger.get(order.id)
    assert (again.slip_status, again.slip_error) == ("unconfirmed", unconfirmed.note)
    assert [o.id for o in cashier_ops.reprints(ledger)] == [order.id]  # still to check
    cashier_ops.finish_print(ledger, order.id, account=alice)
    assert cashier_ops.reprints(ledger) == []


def test_only_an_admin_passes_require_admin() -> None:
    cashier_ops.require_admin(Account("root", "admin"), "change settings")
    with pytest.raises(cashier_ops.NotAllowed):
        cashier_ops.require_admin(Account("alice", "cashier"), "change settings")
