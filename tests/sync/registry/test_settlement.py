"""Settlement statements on the real registry: sales pushed by a signed kiosk, a period closed,
its statement numbered and hash-chained, late sales as adjustments in the next one, the PDF
and CSV made from it, a payout recorded, and every change audited."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pypdfium2
import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from kiosk.cli import main
from kiosk.errors import InputError
from kiosk.timestamps import china_date, utc_now
from sync.registry import contracts, payouts, settle, settlement_storage
from sync.registry.periods import parse_period
from sync.registry.statement_files import to_csv, to_pdf
from tests.sync.registry.helpers import PROJECT, Kiosk

OCT, NOV = parse_period("2026-10"), parse_period("2026-11")
AFTER_OCT = datetime(2026, 11, 2, 3, tzinfo=UTC)
AFTER_NOV = datetime(2026, 12, 1, 3, tzinfo=UTC)


def at(day: str, hour: int = 4) -> str:
    """A UTC stamp on a China day (hour 4 UTC is noon in Chengdu)."""
    return f"{day}T{hour:02d}:00:00.000000Z"


def sale(kiosk: Kiosk, day: str, fen: int, method: str = "cash", grams: int = 10_000) -> dict:
    stamp = at(day)
    return kiosk.order(
        offset_g=grams,
        amount_fen=fen,
        payment_method=method,
        paid_at=stamp,
        created_at=stamp,
        updated_at=stamp,
    )


def void_on(kiosk: Kiosk, order: dict, day: str) -> dict:
    record = kiosk.void(order)
    record["payload"]["voided_at"] = at(day)
    return record


def push_ok(kiosk: Kiosk, client, records: list[dict]) -> None:
    response = kiosk.push(client, records)
    assert response.status_code == 200, response.text
    statuses = [r["status"] for r in response.json()["results"]]
    assert statuses == ["accepted"] * len(records), response.json()


def set_terms(engine: Engine, fee: str = "5", project: str = PROJECT) -> None:
    with engine.begin() as conn:
        contracts.set_contract(
            conn=conn,
            project_id=project,
            changes={"owner": "Longquan Forestry Co.", "fee_percent": fee},
            actor="test",
        )


def close(engine: Engine, period, now, project: str = PROJECT) -> list[dict]:
    with engine.begin() as conn:
        return settle.close_period(
            conn=conn, period=period, actor="test", project_id=project, now=now
        )


def content(engine: Engine, number: int) -> dict:
    with engine.connect() as conn:
        row = settlement_storage.get_statement(conn=conn, number=number)
        assert row is not None
        return settle.content_of(row)


def test_a_period_closes_into_a_chained_statement_and_late_sales_adjust_the_next(
    engine: Engine, client, kiosk: Kiosk
) -> None:
    set_terms(engine, fee="5")
    card = sale(kiosk, "2026-10-05", 1_000, "card")
    cash = sale(kiosk, "2026-10-20", 2_000, "cash")
    mobile = sale(kiosk, "2026-10-21", 3_000, "mobile")
    push_ok(kiosk, client, [kiosk.record(card), kiosk.record(cash), kiosk.record(mobile)])
    push_ok(kiosk, client, [void_on(kiosk, cash, "2026-10-22")])

    (first,) = close(engine, OCT, AFTER_OCT)
    assert first["number"] == 1
    october = content(engine, 1)
    assert october["gross"] == {"cash": 2_000, "card": 1_000, "mobile": 3_000, "phone": 0}
    assert october["refunds"]["cash"] == 2_000
    assert october["fee_fen"] == 200  # 5 % of 4,000 fen net of the refund
    assert october["net_fen"] == 6_000 - 2_000 - 200
    assert october["sold_g"] == 30_000 and october["refunded_g"] == 10_000
    assert october["certificates"]["count"] == 3
    assert october["retired"], "the sales drew retired serials: the statement names them"
    assert all(r["reference"].startswith("SEEE-TEST-") for r in october["retired"])
    assert october["prev_hash"] == settle.GENESIS and october["adjustments"] == 0

    # the kiosk was offline: a sale of 30 October reaches the registry after October closed,
    # with a November sale and a November refund of an October sale
    late = sale(kiosk, "2026-10-30", 700, "card")
    november = sale(kiosk, "2026-11-10", 900, "cash")
    push_ok(kiosk, client, [kiosk.record(late), kiosk.record(november)])
    push_ok(kiosk, client, [void_on(kiosk, card, "2026-11-12")])
    assert close(engine, OCT, AFTER_NOV)[0]["skipped"] == "2026-10 is already closed"
    (second,) = close(engine, NOV, AFTER_NOV)
    assert second["number"] == 2
    nov = content(engine, 2)
    assert nov["prev_hash"] == first["hash"] == settle.content_hash(october)
    adjustments = [line for line in nov["lines"] if line["adjustment"]]
    assert [(a["kind"], a["day"], a["cert_id"]) for a in adjustments] == [
        ("sale", "2026-10-30", f"{kiosk.kiosk_id}-{late['serial']:06d}")
    ]
    refund = next(line for line in nov["lines"] if line["kind"] == "refund")
    assert (refund["day"], refund["sale_day"], refund["adjustment"]) == (
        "2026-11-12",
        "2026-10-05",
        False,
    )
    assert nov["gross_fen"] == 1_600 and nov["refunds_fen"] == 1_000
    assert nov["fee_fen"] == 30 and nov["net_fen"] == 570

    with engine.connect() as conn:
        assert settle.verify(conn=conn) == []
        sales = conn.execute(
            text("SELECT purchase_id, count(*) FROM statement_lines WHERE kind = 'sale'"
                 " GROUP BY purchase_id")
        ).all()  # fmt: skip
        held = conn.execute(text("SELECT count(*) FROM purchases")).scalar()
    assert len(sales) == held == 5 and all(n == 1 for _, n in sales)


def test_statements_lines_and_payouts_cannot_change(engine: Engine, client, kiosk) -> None:
    set_terms(engine)
    push_ok(kiosk, client, [kiosk.record(sale(kiosk, "2026-10-05", 1_000))])
    close(engine, OCT, AFTER_OCT)
    with engine.begin() as conn:
        payouts.record_payout(
            conn=conn, number=1, paid_on=date(2026, 11, 5), reference="ICBC-778", actor="test"
        )
    for statement in (
        "UPDATE statements SET net_fen = 1",
        "DELETE FROM statement_lines",
        "UPDATE payouts SET bank_reference = 'x'",
        "DELETE FROM contracts",
        "DELETE FROM operator_audit",
    ):
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(text(statement))
    with engine.begin() as conn, pytest.raises(InputError, match="already paid on 2026-11-05"):
        payouts.record_payout(
            conn=conn, number=1, paid_on=date(2026, 11, 6), reference="again", actor="test"
        )
    with engine.connect() as conn:
        actions = [
            (r.action, r.subject) for r in settlement_storage.audit_rows(conn=conn, limit=10)
        ]
    assert actions == [
        ("payout", "statement 1"),
        ("settle", "statement 1"),
        ("contract", PROJECT),
    ]


def test_periods_close_in_order_and_contracts_never_reach_into_a_closed_one(
    engine: Engine, client, kiosk
) -> None:
    with engine.begin() as conn, pytest.raises(InputError, match="no settlement contract"):
        settle.close_period(conn=conn, period=OCT, actor="t", project_id=PROJECT, now=AFTER_OCT)
    set_terms(engine)
    with engine.begin() as conn, pytest.raises(InputError, match="has not ended yet"):
        settle.close_period(conn=conn, period=NOV, actor="t", project_id=PROJECT, now=AFTER_OCT)
    close(engine, parse_period("2026-09"), AFTER_OCT)
    with engine.begin() as conn, pytest.raises(InputError, match="close 2026-10 first"):
        settle.close_period(conn=conn, period=NOV, actor="t", project_id=PROJECT, now=AFTER_NOV)
    with engine.begin() as conn, pytest.raises(InputError, match="2026-09, which is closed"):
        contracts.set_contract(
            conn=conn,
            project_id=PROJECT,
            changes={"fee_percent": "7.5", "effective": "2026-09-15"},
            actor="t",
        )
    with engine.begin() as conn:
        made = contracts.set_contract(
            conn=conn,
            project_id=PROJECT,
            changes={"fee_percent": "7.5", "effective": "2026-10-01"},
            actor="t",
        )
    assert made is not None and made.fee_bp == 750
    push_ok(kiosk, client, [kiosk.record(sale(kiosk, "2026-10-05", 10_000))])
    close(engine, OCT, AFTER_OCT)
    assert content(engine, 2)["fee_fen"] == 750
    assert content(engine, 2)["contract"]["fee_bp"] == 750


@pytest.mark.parametrize(
    ("value", "allowed"),
    [("5", 500), ("2.5", 250), ("12.25%", 1225), ("0", 0), ("100", 10_000)],
)
def test_fees_are_exact_basis_points(value: str, allowed: int) -> None:
    assert contracts.fee_bp(value) == allowed


@pytest.mark.parametrize("value", ["-1", "100.01", "2.555", "abc", "nan", True])
def test_a_bad_fee_is_one_plain_line(value) -> None:
    with pytest.raises(InputError, match="percentage from 0 to 100"):
        contracts.fee_bp(value)


def test_the_csv_adds_up_and_the_pdf_reads_back(engine: Engine, client, kiosk) -> None:
    set_terms(engine, fee="3.5")
    orders = [sale(kiosk, "2026-10-0" + str(d), 1_237 * d, m) for d, m in
              ((1, "cash"), (2, "card"), (3, "mobile"), (4, "cash"))]  # fmt: skip
    push_ok(kiosk, client, [kiosk.record(o) for o in orders])
    push_ok(kiosk, client, [void_on(kiosk, orders[1], "2026-10-09")])
    close(engine, OCT, AFTER_OCT)
    made = content(engine, 1)

    rows = list(csv.DictReader(io.StringIO(to_csv(made))))
    by = {r["record"]: r for r in rows if r["record"].endswith("total") or r["record"] == "net"}
    items = [r for r in rows if r["record"] in ("sale", "refund", "fee")]
    assert sum(int(r["amount_fen"]) for r in items) == int(by["net"]["amount_fen"])
    assert sum(int(r["grams"] or 0) for r in items) == int(by["net"]["grams"])
    assert int(by["gross_total"]["amount_fen"]) == sum(
        int(r["amount_fen"]) for r in rows if r["record"] == "sale"
    )
    assert int(by["net"]["amount_fen"]) == made["net_fen"]

    pdf = to_pdf(made, {"paid_on": "2026-11-05", "bank_reference": "ICBC-1", "amount_fen": 1})
    assert pdf == to_pdf(made, {"paid_on": "2026-11-05", "bank_reference": "ICBC-1",
                                "amount_fen": 1})  # fmt: skip
    document = pypdfium2.PdfDocument(pdf)
    page = document[0]
    width, height = page.get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    words = page.get_textpage().get_text_range()
    assert "结算单" in words and "Settlement statement" in words
    assert "龙泉山" in words and "ICBC-1" in words
    assert f"{made['net_fen'] / 100:,.2f}" in words


def test_the_cli_settles_writes_files_and_records_a_payout(
    engine: Engine, client, kiosk, db_url: str, tmp_path, capsys
) -> None:
    set_terms(engine)
    push_ok(kiosk, client, [kiosk.record(sale(kiosk, "2026-10-05", 1_000))])
    db = ["--db", db_url]
    assert main(["registry", "settle", "--period", "2026-10", *db]) == 0
    assert "statement 1 " + PROJECT in capsys.readouterr().out
    pdf, table = tmp_path / "s1.pdf", tmp_path / "s1.csv"
    assert main(["registry", "statement", "1", "--pdf", str(pdf), "--csv", str(table), *db]) == 0
    assert pdf.read_bytes().startswith(b"%PDF") and table.read_text().startswith("statement,")
    today = china_date(utc_now()).isoformat()
    args = ["registry", "payout", "--statement", "1", "--date", today]
    assert main([*args, "--reference", "ICBC-9", *db]) == 0
    assert main([*args, "--reference", "ICBC-9", *db]) == 2
    assert "already paid" in capsys.readouterr().err
    assert main(["registry", "settle", "--period", "2026-13", *db]) == 2
    assert "allowed: a month like 2026-11" in capsys.readouterr().err
    assert main(["registry", "verify-statements", *db]) == 0
