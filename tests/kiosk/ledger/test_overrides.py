"""Local prices and factors on a real ledger file: what orders cost and compute with, what the
audit log and `ledger verify` say, and the factor table in force (shipped, pulled, local)."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from kiosk.catalogue import load_demo_catalogue
from kiosk.errors import InputError
from kiosk.factors import LocalFactor, load_factors
from kiosk.footprint import compute
from kiosk.ledger import overrides, syncstate
from kiosk.ledger.verify import verify
from kiosk.money import amount_fen

MEAL = {"mixed_meals": "3"}  # 3 x meal_mixed


def local_meal(value: str = "2.5", **changes: object) -> LocalFactor:
    fields: dict = dict(
        factor_id="meal_mixed",
        kg_per_unit=Decimal(value),
        publisher="Chengdu Ecology Bureau",
        dataset="Canteen survey",
        year=2026,
        url="https://example.org/canteen-2026",
        reason="venue's own canteen measured",
    )
    fields.update(changes)
    return LocalFactor(**fields)


# -- prices ---------------------------------------------------------------------------------


def test_a_local_price_is_what_new_orders_cost(ledger, footprint) -> None:
    catalogue = ledger.catalogue_price("demo-wetland")
    before = ledger.open_order(footprint, project_id="demo-wetland")
    overrides.set_price(ledger, "demo-wetland", 12_345, "opening week", "root")

    after = ledger.open_order(footprint, project_id="demo-wetland")
    assert before.price_fen_per_t == catalogue != 12_345
    assert after.price_fen_per_t == 12_345
    assert after.amount_fen == amount_fen(after.offset_g, 12_345)
    assert ledger.get(before.id).amount_fen == before.amount_fen  # an open order keeps its price
    shown = {s.project.id: s.project.price_fen_per_t for s in ledger.stock()}
    assert shown["demo-wetland"] == 12_345
    assert ledger.project("demo-wetland").price_fen_per_t == 12_345
    assert ledger.catalogue_price("demo-wetland") == catalogue
    assert verify(ledger.conn).ok


def test_a_new_catalogue_keeps_the_local_price_until_it_is_cleared(ledger, footprint) -> None:
    overrides.set_price(ledger, "demo-wetland", 9_900, "promotion", "root")
    ledger.load_catalogue(load_demo_catalogue())
    assert ledger.project("demo-wetland").price_fen_per_t == 9_900

    overrides.clear_price(ledger, "demo-wetland", "root")
    order = ledger.open_order(footprint, project_id="demo-wetland")
    assert order.price_fen_per_t == ledger.catalogue_price("demo-wetland")
    assert overrides.prices(ledger) == {}
    actions = ledger.conn.execute(
        "SELECT action, actor FROM audit WHERE entity = 'price' ORDER BY id"
    ).fetchall()
    assert [tuple(a) for a in actions] == [("set", "root"), ("clear", "root")]
    assert verify(ledger.conn).ok


@pytest.mark.parametrize(
    ("project", "price", "reason", "field"),
    [
        ("demo-wetland", 0, "x", "price"),
        ("demo-wetland", -5, "x", "price"),
        ("demo-wetland", 10**12, "x", "price"),
        ("demo-wetland", 1.5, "x", "price"),
        ("demo-wetland", 100, "   ", "reason"),
        ("demo-wetland", 100, "x" * 201, "reason"),
        ("no-such-project", 100, "x", "project"),
    ],
)
def test_bad_prices_are_refused_and_nothing_changes(ledger, project, price, reason, field) -> None:
    audit_rows = ledger.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    with pytest.raises(InputError) as caught:
        overrides.set_price(ledger, project, price, reason, "root")
    assert caught.value.field == field
    assert overrides.prices(ledger) == {}
    assert ledger.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == audit_rows


def test_clearing_a_price_that_is_not_set_says_so(ledger) -> None:
    with pytest.raises(InputError, match="no local price"):
        overrides.clear_price(ledger, "demo-wetland", "root")


def test_verify_catches_a_price_changed_or_removed_behind_the_apps_back(ledger) -> None:
    overrides.set_price(ledger, "demo-wetland", 5_000, "trial", "root")
    ledger.conn.execute("UPDATE price_overrides SET price_fen_per_t = 1")
    assert any("price demo-wetland: edited outside" in p for p in verify(ledger.conn).problems)
    ledger.conn.execute("DELETE FROM price_overrides")
    assert any("price demo-wetland: deleted outside" in p for p in verify(ledger.conn).problems)


# -- factors --------------------------------------------------------------------------------


def test_a_local_factor_changes_new_footprints_and_names_itself(ledger) -> None:
    shipped = load_factors()
    overrides.set_factor(ledger, local_meal("2.5"), "root")

    table = overrides.effective_factors(ledger)
    assert table.version.startswith(f"{shipped.version}+L")
    assert table["meal_mixed"].kg_per_unit == Decimal("2.5")
    assert table["meal_mixed"].url == "https://example.org/canteen-2026"
    assert table["meal_mixed"].cite == "Chengdu Ecology Bureau (local)"
    assert table["meal_vegan"] == shipped["meal_vegan"]
    footprint = compute("meal", MEAL, table=table)
    assert footprint.total_grams == 7_500  # 3 meals x 2.5 kg
    assert compute("meal", MEAL).total_grams != 7_500

    order = ledger.open_order(footprint, project_id="demo-wetland")
    assert order.factors_version == table.version
    assert verify(ledger.conn).ok


def test_the_same_local_values_give_the_same_version(ledger) -> None:
    overrides.set_factor(ledger, local_meal("2.5"), "root")
    first = overrides.effective_factors(ledger).version
    overrides.set_factor(ledger, local_meal("2.6"), "root")
    assert overrides.effective_factors(ledger).version != first
    overrides.set_factor(ledger, local_meal("2.5"), "root")
    assert overrides.effective_factors(ledger).version == first
    overrides.clear_factor(ledger, "meal_mixed", "root")
    assert overrides.effective_factors(ledger).version == load_factors().version
    assert overrides.local_factors(ledger) == []
    assert verify(ledger.conn).ok


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kg_per_unit": Decimal("0.1")}, "kg_per_unit"),  # published 1.877: below a tenth
        ({"kg_per_unit": Decimal("19")}, "kg_per_unit"),  # above ten times
        ({"factor_id": "meal_on_mars"}, "factor"),
    ],
)
def test_a_local_factor_must_be_plausible(ledger, changes, field) -> None:
    with pytest.raises(InputError) as caught:
        overrides.set_factor(ledger, local_meal(**changes), "root")
    assert caught.value.field == field
    assert overrides.local_factors(ledger) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"publisher": " "}, "publisher"),
        ({"dataset": ""}, "dataset"),
        ({"year": 1989}, "year"),
        ({"year": True}, "year"),
        ({"url": "example.org/x"}, "url"),
        ({"url": "https://exa mple.org"}, "url"),
        ({"publisher": "p" * 121}, "publisher"),
        ({"dataset": "d" * 121}, "dataset"),
        ({"url": "https://example.org/" + "u" * 290}, "url"),
    ],
)
def test_a_local_factor_needs_its_source(changes, field) -> None:
    with pytest.raises(InputError) as caught:
        local_meal(**changes)
    assert caught.value.field == field


@pytest.mark.parametrize("text", ["", "abc", "0", "-1", "NaN", "Infinity", "1e"])
def test_typed_factor_values_are_checked(text) -> None:
    with pytest.raises(InputError) as caught:
        overrides.parse_factor_value(text)
    assert caught.value.field == "kg_per_unit"


def test_verify_catches_a_factor_edited_behind_the_apps_back(ledger) -> None:
    overrides.set_factor(ledger, local_meal("2.5"), "root")
    ledger.conn.execute("UPDATE factor_overrides SET kg_per_unit = '0.001'")
    assert any("factor meal_mixed: edited outside" in p for p in verify(ledger.conn).problems)


# -- the table in force ---------------------------------------------------------------------


def _pulled(ledger, version: str, meal_kg: str) -> None:
    data = json.loads(json.dumps(_shipped_data()))
    data["version"] = version
    for row in data["factor"]:
        if row["id"] == "meal_mixed":
            row["kg_per_unit"] = meal_kg
    syncstate.store_pulled(ledger, "factors", version, data)


def _shipped_data() -> dict:
    from kiosk.resources import load_toml

    return load_toml("factors", "factors.toml")


def test_a_newer_pulled_table_is_used_with_local_values_on_top(ledger) -> None:
    _pulled(ledger, "2099.1.1", "2.0")
    assert overrides.effective_factors(ledger).version == "2099.1.1"
    assert overrides.effective_factors(ledger)["meal_mixed"].kg_per_unit == Decimal("2.0")
    overrides.set_factor(ledger, local_meal("1.9"), "root")
    table = overrides.effective_factors(ledger)
    assert table.version.startswith("2099.1.1+L")
    assert "table 2099.1.1: 2.0" in table["meal_mixed"].derivation


def test_an_older_or_damaged_pulled_table_falls_back_to_the_shipped_one(ledger) -> None:
    _pulled(ledger, "2000.1.1", "2.0")
    assert overrides.effective_factors(ledger).version == load_factors().version
    ledger.conn.execute("UPDATE pulled SET version = '2099.9.9', data = '{\"version\": 1}'")
    assert overrides.effective_factors(ledger).version == load_factors().version


def test_a_slip_cites_the_local_source(ledger) -> None:
    from kiosk.slips.build import sources_line

    overrides.set_factor(ledger, local_meal("2.5"), "root")
    table = overrides.effective_factors(ledger)
    order = ledger.open_order(compute("meal", MEAL, table=table), project_id="demo-wetland")
    assert sources_line(order, table) == (
        f"Factors {table.version}: Chengdu Ecology Bureau (local)"
    )


@pytest.mark.parametrize("version", ["", "x" * 17, "2026 11", "2026/11"])
def test_a_table_version_must_be_short_and_plain(version) -> None:
    from kiosk.errors import DataError
    from kiosk.factors import parse_factor_table

    data = _shipped_data()
    data["version"] = version
    with pytest.raises(DataError, match="version"):
        parse_factor_table(data)


def test_a_reprint_cites_what_the_order_was_computed_with(ledger) -> None:
    from kiosk.slips.build import sources_line

    plain = ledger.open_order(compute("meal", MEAL), project_id="demo-wetland")
    overrides.set_factor(ledger, local_meal("2.5"), "root")
    table = overrides.effective_factors(ledger)
    local = ledger.open_order(compute("meal", MEAL, table=table), project_id="demo-wetland")
    overrides.clear_factor(ledger, "meal_mixed", "root")
    overrides.set_factor(ledger, local_meal("2.6"), "root")  # in force now: neither order's

    def cited(order) -> str:
        return sources_line(order, overrides.factors_for(ledger, order.factors_version, order.id))

    assert cited(local) == f"Factors {table.version}: Chengdu Ecology Bureau (local)"
    assert cited(plain) == f"Factors {plain.factors_version}: Scarborough et al. 2014"
    unknown = ledger.open_order(
        compute("meal", MEAL, table=replace(table, version="2099.1.1")), project_id="demo-wetland"
    )
    assert cited(unknown) == "Factors 2099.1.1"  # no table of that version here: nothing cited


def test_a_local_value_a_newer_table_moved_far_from_is_not_applied(ledger) -> None:
    overrides.set_factor(ledger, local_meal("2.5"), "root")
    _pulled(ledger, "2099.1.1", "30")  # the registry's new value: 12x the local one
    table = overrides.effective_factors(ledger)
    assert table.version == "2099.1.1" and table["meal_mixed"].kg_per_unit == Decimal("30")
    assert _row(ledger, "meal_mixed").applied is False  # the panel says what the kiosk does
    _pulled(ledger, "2099.1.2", "3")
    assert overrides.effective_factors(ledger)["meal_mixed"].kg_per_unit == Decimal("2.5")
    assert _row(ledger, "meal_mixed").applied is True


def _row(ledger, factor_id: str):
    from kiosk import local_values

    return next(r for r in local_values.factor_rows(ledger) if r.published.id == factor_id)
