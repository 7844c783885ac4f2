"""Prices and emission factors set by an admin in the console: the next order and the next
customer's footprint use them; a cashier cannot; bad values get one line and change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk import local_values
from kiosk.accounts import Account
from kiosk.cashier_ops import NotAllowed
from kiosk.comparisons import car_km
from kiosk.factors import load_factors
from kiosk.ledger import Ledger, overrides
from tests.ui.cashier.conftest import open_order, settle

pytestmark = pytest.mark.gui


def _choose(qtbot, panel, project_id: str) -> None:
    qtbot.waitUntil(lambda: bool(panel.rows), timeout=30_000)
    panel.lstProjects.selectRow([r.project_id for r in panel.rows].index(project_id))


def test_an_admin_sets_a_local_price_and_the_next_order_pays_it(console, ledger_path, qtbot):
    window = console("root")
    panel = window.show_panel("prices")
    settle(window)
    _choose(qtbot, panel, "demo-wetland")
    panel.edtPrice.setText("88.8")
    panel.edtReason.setText("launch week")
    panel.btnSet.click()
    settle(window)

    assert "¥88.80" in panel.lblMessage.text()
    qtbot.waitUntil(lambda: panel.selected().local is not None, timeout=30_000)
    assert panel.selected().project_id == "demo-wetland"
    row = [r.project_id for r in panel.rows].index("demo-wetland")
    assert panel.lstProjects.item(row, 2).text().startswith("¥88.80")
    assert open_order(ledger_path).price_fen_per_t == 8_880
    with Ledger.open(ledger_path, create=False) as ledger:
        actor = ledger.conn.execute(
            "SELECT actor FROM audit WHERE entity = 'price' ORDER BY id DESC"
        ).fetchone()[0]
    assert actor == "root"

    panel.btnClear.click()
    settle(window)
    with Ledger.open(ledger_path, create=False) as ledger:
        catalogue = ledger.catalogue_price("demo-wetland")
    assert open_order(ledger_path).price_fen_per_t == catalogue


@pytest.mark.parametrize(
    ("price", "reason", "said"),
    [("abc", "x", "price"), ("90", "", "reason"), ("0", "x", "price"), ("200000", "x", "price")],
)
def test_a_bad_price_is_one_line_and_changes_nothing(console, ledger_path, price, reason, said):
    window = console("root")
    panel = window.show_panel("prices")
    settle(window)
    panel.edtPrice.setText(price)
    panel.edtReason.setText(reason)
    panel.btnSet.click()
    settle(window)
    assert panel.lblMessage.text().startswith(said)
    assert "\n" not in panel.lblMessage.text() and "fen" not in panel.lblMessage.text()
    with Ledger.open(ledger_path, create=False) as ledger:
        assert overrides.prices(ledger) == {}


def test_a_cashier_has_no_price_or_factor_tabs_and_the_core_refuses_them(console, ledger_path):
    window = console("alice")
    assert "prices" not in window.panels and "factors" not in window.panels
    alice = Account("alice", "cashier")
    with Ledger.open(ledger_path, create=False) as ledger:
        with pytest.raises(NotAllowed):
            local_values.set_price(ledger, alice, "demo-wetland", "1", "x")
        with pytest.raises(NotAllowed):
            local_values.set_factor(
                ledger, alice, "meal_mixed", "2", publisher="p", dataset="d", year="2026",
                url="https://example.org", reason="r",
            )  # fmt: skip
        assert overrides.prices(ledger) == {} and overrides.local_factors(ledger) == []


def _set_meal_factor(qtbot, panel, value: str, url: str = "https://example.org/canteen") -> None:
    qtbot.waitUntil(lambda: bool(panel.rows), timeout=30_000)
    panel.edtFilter.setText("meal_mixed")
    assert [row.published.id for row in panel.shown] == ["meal_mixed"]
    panel.edtValue.setText(value)
    panel.edtPublisher.setText("Chengdu canteen survey")
    panel.edtDataset.setText("Venue measurements")
    panel.edtYear.setText("2026")
    panel.edtUrl.setText(url)
    panel.edtReason.setText("measured at this venue")
    panel.btnSet.click()


def test_a_local_factor_set_in_the_console_reaches_the_next_customer(console, kiosk, qtbot):
    window = console("root")
    panel = window.show_panel("factors")
    settle(window)
    _set_meal_factor(qtbot, panel, "2.5")
    settle(window)
    assert "is now 2.5" in panel.lblMessage.text()
    qtbot.waitUntil(lambda: panel.selected().local is not None, timeout=30_000)
    assert panel.lstFactors.item(0, 3).text() == "(local)"
    assert "(local)" not in panel.lblFactor.text() and "Chengdu canteen survey" in (
        panel.lblFactor.text()
    )

    kiosk_window, pilot = kiosk("demo-restaurant")
    qtbot.waitUntil(
        lambda: kiosk_window.session.factors is not None, timeout=30_000
    )  # read when ready
    pilot.to_result("meal")  # 1 meat meal + 2 mixed meals
    footprint = kiosk_window.flow.footprint
    assert "+L" in footprint.factors_version
    mixed = next(line for line in footprint.lines if line.activity == "meal_mixed")
    assert (mixed.factor_kg_per_unit, mixed.grams) == (Decimal("2.5"), 5_000)
    assert "Chengdu canteen survey (local)" in kiosk_window.result.lblSource.text()
    pilot.to_projects()
    order = pilot.to_order()
    assert order.factors_version == footprint.factors_version


def test_an_implausible_factor_is_refused_with_the_range(console, ledger_path, qtbot):
    window = console("root")
    panel = window.show_panel("factors")
    settle(window)
    _set_meal_factor(qtbot, panel, "187")
    settle(window)
    assert panel.lblMessage.text().startswith("kg_per_unit: must be within 10x")
    _set_meal_factor(qtbot, panel, "2", url="not a url")
    qtbot.waitUntil(lambda: panel.lblMessage.text().startswith("url:"), timeout=30_000)
    with Ledger.open(ledger_path, create=False) as ledger:
        assert overrides.local_factors(ledger) == []


def test_the_car_comparison_uses_the_table_in_force(kiosk, ledger_path, qtbot):
    """The result screen divided by the shipped petrol-car factor while the footprint used the
    kiosk's own: "≈ driving N km" now comes from the same table as the footprint."""
    with Ledger.open(ledger_path, create=False) as ledger:
        local_values.set_factor(
            ledger,
            Account("root", "admin"),
            "car_petrol",
            "0.32544",  # twice the shipped 0.16272
            publisher="Chengdu Transport Bureau",
            dataset="Taxi fleet survey",
            year="2026",
            url="https://example.org/fleet-2026",
            reason="local fleet measured",
        )
    kiosk_window, pilot = kiosk("demo-restaurant")
    qtbot.waitUntil(lambda: kiosk_window.session.factors is not None, timeout=30_000)
    pilot.to_result("meal")
    total = kiosk_window.flow.footprint.total_grams
    in_force, shipped = car_km(total, kiosk_window.session.factors), car_km(total, load_factors())
    assert in_force * 2 == pytest.approx(shipped, abs=1)
    shown = kiosk_window.result.lblCar.text()  # "≈ 一个人开汽油车行驶 N 公里"
    assert f" {in_force:,} " in shown and f" {shipped:,} " not in shown
