"""The end-of-day report agrees with the ledger to the fen and the gram, on China's day."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pypdfium2
import pytest

from kiosk import report
from kiosk.catalogue import load_demo_catalogue
from kiosk.errors import InputError
from kiosk.footprint import compute
from kiosk.ledger import Ledger
from kiosk.money import format_fen

DAY = date(2026, 11, 26)


class Clock:
    now = datetime(2026, 11, 25, 16, 30, tzinfo=UTC)  # 00:30 on the 26th in China

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def ledger(tmp_path):
    clock = Clock()
    footprint = compute("meal", {"mixed_meals": "3"})
    with Ledger.open(tmp_path / "ledger.sqlite", clock=clock) as opened:
        opened.load_catalogue(load_demo_catalogue())

        def sale(project: str, method: str, grams: int):
            order = opened.open_order(footprint, project_id=project, offset_g=grams)
            return opened.pay(order.id, method=method, cashier="alice")

        clock.now -= timedelta(hours=1)  # 23:30 on the 25th, China time: yesterday
        yesterday = sale("demo-wetland", "cash", 50_000)
        clock.now += timedelta(hours=1)
        sale("demo-wetland", "cash", 100_000)  # 9,000 fen/t: 900 fen
        sale("demo-wetland", "card", 200_000)  # 1,800 fen
        refunded = sale("demo-rural-biogas", "mobile", 300_000)  # 7,000 fen/t: 2,100 fen
        opened.void(refunded.id, reason="changed mind", actor="bob")
        opened.void(yesterday.id, reason="double charge", actor="bob")  # yesterday's sale
        clock.now = datetime(2026, 11, 26, 16, 0, tzinfo=UTC)  # 00:00 on the 27th in China
        sale("demo-wetland", "cash", 400_000)  # tomorrow: not in the report
        yield opened


def test_totals_by_method_and_project_on_the_china_day(ledger) -> None:
    day = report.build(ledger, DAY)
    assert len(day.paid) == 3 and len(day.voided) == 2
    assert day.taken_fen == 900 + 1800 + 2100
    assert day.refunded_fen == 2100 + 450
    assert day.net_fen == 2250
    assert day.by_method == {"cash": 900, "card": 1800, "mobile": 2100}
    assert day.refunds_by_method == {"cash": 450, "card": 0, "mobile": 2100}
    assert day.by_project == {
        "demo-rural-biogas": (1, 1, 0, 0),  # paid and voided the same day: counted apart
        "demo-wetland": (2, 1, 300_000 - 50_000, 2700 - 450),
    }
    assert day.project_name("demo-wetland", "en") == "Demo: Dujiangyan wetland restoration"
    assert day.grams == 250_000


def test_the_totals_agree_with_the_ledger(ledger) -> None:
    day = report.build(ledger, DAY)
    start, end = "2026-11-25T16:00:00.000Z", "2026-11-26T16:00:00.000Z"
    paid_fen = ledger.conn.execute(
        "SELECT sum(amount_fen) FROM orders WHERE paid_at >= ? AND paid_at < ?", (start, end)
    ).fetchone()[0]
    void_fen = ledger.conn.execute(
        "SELECT sum(amount_fen) FROM orders WHERE voided_at >= ? AND voided_at < ?", (start, end)
    ).fetchone()[0]
    assert day.net_fen == paid_fen - void_fen


def test_the_csv_rows_add_up_to_its_totals(ledger) -> None:
    rows = list(csv.DictReader(io.StringIO(report.to_csv(report.build(ledger, DAY)))))
    records = [r for r in rows if r["record"] in ("payment", "void")]
    [total] = [r for r in rows if r["record"] == "total"]
    assert sum(int(r["amount_fen"]) for r in records) == int(total["amount_fen"]) == 2250
    assert sum(int(r["grams"]) for r in records) == int(total["grams"]) == 250_000
    methods = {r["method"]: int(r["amount_fen"]) for r in rows if r["record"] == "total_method"}
    assert methods == {"cash": 450, "card": 1800, "mobile": 0}


def test_the_till_pdf_shows_the_same_figures(ledger) -> None:
    pdf = report.to_pdf(report.build(ledger, DAY))
    text = pypdfium2.PdfDocument(pdf)[0].get_textpage().get_text_range()
    for expected in ("2026-11-26", format_fen(4800), format_fen(2250), "changed mind"):
        assert expected in text


def test_cli_writes_both_files_and_refuses_a_bad_date(diandian, ledger, tmp_path) -> None:
    db = str(ledger.path)
    made = diandian(
        "report",
        "--date",
        "2026-11-26",
        "--db",
        db,
        "--csv",
        str(tmp_path / "d.csv"),
        "--pdf",
        str(tmp_path / "d.pdf"),
    )
    assert made.returncode == 0, made.stderr
    assert "¥22.50" in made.stdout
    assert (tmp_path / "d.csv").read_text().startswith("record,day,kiosk")
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")
    # the printed report closed the day: its signed summary waits in the outbox
    assert "closed 2026-11-26 (revision 1)" in made.stdout
    queued = ledger.conn.execute("SELECT order_id FROM outbox WHERE event = 'day_closed'")
    assert [r[0] for r in queued] == ["day-2026-11-26-r1"]
    again = diandian("report", "--date", "2026-11-26", "--db", db, "--pdf", str(tmp_path / "e"))
    assert again.returncode == 0 and "closed" not in again.stdout  # nothing changed since
    bad = diandian("report", "--date", "26/11/2026", "--db", db)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_parse_day() -> None:
    with pytest.raises(InputError):
        report.parse_day("2026-13-01")


def test_voids_are_apart_from_payments_and_projects_are_named(ledger) -> None:
    text = report.lines(report.build(ledger, DAY))
    labels = [label for label, _ in text]
    by_project = next(i for i, label in enumerate(labels) if label.startswith("按项目"))
    voids = [i for i, label in enumerate(labels) if "changed mind" in label]
    assert voids and all(i < by_project for i in voids)  # refunds under the refunds
    named = labels[by_project + 1 : by_project + 3]
    assert any("都江堰湿地保护" in label and "Dujiangyan" in label for label in named)
    assert not any("demo-" in label for label in labels)  # names, not ids
    assert (
        dict(text)["收款笔数 Payments taken"] == "3"
        and dict(text)["退款笔数 Voids (refunds)"] == "2"
    )
