"""The public project page over HTTP: what visitors bought, the retired blocks behind it, what
the owner was paid; escaped; 404 for an unknown project."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from sync.registry import operations, payouts
from tests.sync.registry.conftest import SELL_FIRST
from tests.sync.registry.helpers import PROJECT, Kiosk
from tests.sync.registry.test_settlement import AFTER_OCT, OCT, close, push_ok, sale, set_terms


def test_the_project_page_shows_sales_retirements_and_payouts(
    engine: Engine, client, kiosk: Kiosk
) -> None:
    set_terms(engine)
    push_ok(kiosk, client, [kiosk.record(sale(kiosk, "2026-10-05", 12_345, grams=250_000))])
    close(engine, OCT, AFTER_OCT)
    with engine.begin() as conn:
        payouts.record_payout(
            conn=conn, number=1, paid_on=date(2026, 11, 5), reference="ICBC-1", actor="t"
        )
    response = client.get(f"/p/{PROJECT}")
    assert response.status_code == 200
    html = response.text
    assert "演示：龙泉山城市森林碳汇" in html and "Demo: Longquan Mountain urban forest" in html
    assert "250.0 kg" in html and "SEEE-TEST-0001" in html and "CDCER-2024-000001..000100" in html
    fee = (12_345 * 500 + 5_000) // 10_000
    assert f"¥{(12_345 - fee) // 100}.{(12_345 - fee) % 100:02d} (1)" in html
    assert "<script" not in html


def test_an_unknown_project_is_a_plain_404(client) -> None:
    response = client.get("/p/nowhere%3Cb%3E")
    assert response.status_code == 404
    assert "No such project: nowhere&lt;b&gt;" in response.text


def test_project_text_is_escaped(engine: Engine, client) -> None:
    row = {**SELL_FIRST["project"][0], "id": "escaped", "serials": ["ESC-000001..000001"]}
    row["name"] = {"zh": "<b>森林</b>", "en": "<i>forest</i>", "fr": "forêt"}
    row["stock_t"] = 1
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data={"project": [row]}, source="t")
    html = client.get("/p/escaped").text
    assert "&lt;b&gt;森林&lt;/b&gt;" in html and "<b>" not in html and "<i>" not in html


def test_every_certificate_page_links_to_its_project(client, kiosk: Kiosk) -> None:
    order = kiosk.order()
    push_ok(kiosk, client, [kiosk.record(order)])
    html = client.get(kiosk.cert_path(order)).text
    assert f'href="/p/{PROJECT}"' in html
