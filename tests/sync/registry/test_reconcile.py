"""Reconciliation on the real registry: a kiosk's signed day summary, pushed like its sales,
against the purchases the registry holds for that day; kiosks gone quiet; the CLI's exit
status and JSON."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, text

from kiosk.cli import main
from kiosk.day_summary import DAY_CLOSED, DaySummary, summarise
from sync.registry import reconcile
from tests.sync.registry.helpers import Kiosk
from tests.sync.registry.test_settlement import push_ok, sale, void_on

DAY = date(2026, 11, 26)
SOON = datetime(2026, 11, 27, 2, tzinfo=UTC)


def summary_of(
    kiosk: Kiosk, paid: list[dict], voided: list[dict], revision: int = 1, **change
) -> DaySummary:
    """The kiosk's own summary of DAY, signed with its key (as kiosk.day_close makes it)."""
    made = summarise(
        kiosk_id=kiosk.kiosk_id,
        day=DAY.isoformat(),
        paid=paid,
        voided=voided,
        revision=revision,
        closed_at="2026-11-26T15:00:00.000000Z",
        closed_by="alice",
    )
    return made.model_copy(update=change).signed(kiosk.key)


def closed(kiosk: Kiosk, summary: DaySummary) -> dict:
    record = {
        "outbox_id": kiosk.next_outbox,
        "order_id": summary.key,
        "event": DAY_CLOSED,
        "payload": summary.model_dump(mode="json"),
    }
    kiosk.next_outbox += 1
    return record


def check(engine: Engine, now: datetime = SOON) -> reconcile.Reconciliation:
    with engine.connect() as conn:
        return reconcile.reconcile(conn=conn, day=DAY, now=now)


def kinds(found: reconcile.Reconciliation) -> list[tuple[str, str]]:
    return [(d.kind, d.detail) for d in found.differences]


def test_a_kiosk_day_that_agrees_has_no_difference(engine: Engine, client, kiosk) -> None:
    orders = [sale(kiosk, "2026-11-26", 100 * n, m) for n, m in
              ((1, "cash"), (2, "card"), (3, "mobile"))]  # fmt: skip
    void = void_on(kiosk, orders[0], "2026-11-26")
    summary = summary_of(kiosk, orders, [void["payload"]])
    push_ok(kiosk, client, [*(kiosk.record(o) for o in orders), void, closed(kiosk, summary)])
    found = check(engine)
    assert found.checked == (kiosk.kiosk_id,) and found.differences == ()


def test_a_sale_missing_at_the_registry_and_amounts_that_disagree(
    engine: Engine, client, kiosk, db_url: str, capsys
) -> None:
    kept = sale(kiosk, "2026-11-26", 500, "cash")
    lost = sale(kiosk, "2026-11-26", 700, "card")  # never reaches the registry
    push_ok(kiosk, client, [kiosk.record(kept)])
    summary = summary_of(kiosk, [kept, lost], [])
    push_ok(kiosk, client, [closed(kiosk, summary)])
    cert = f"{kiosk.kiosk_id}-{lost['serial']:06d}"
    found = check(engine)
    assert [d.kind for d in found.differences] == ["missing_at_registry", "amounts_differ"]
    assert found.differences[0].data == {"certificate": cert}
    assert (
        "card taken: the kiosk says 1 order(s), 10000 g, 700 fen; the registry has 0, 0 g, 0 fen"
        in kinds(found)[1][1]
    )

    assert main(["registry", "reconcile", "--date", "2026-11-26", "--json", "--db", db_url]) == 1
    printed = json.loads(capsys.readouterr().out)
    assert printed["day"] == "2026-11-26"
    assert [d["kind"] for d in printed["differences"]] == [
        "missing_at_registry",
        "amounts_differ",
    ]
    assert main(["registry", "reconcile", "--date", "26/11", "--db", db_url]) == 2
    assert "allowed: YYYY-MM-DD" in capsys.readouterr().err

    # the kiosk's next sync delivers it: the day now agrees (the same summary stands)
    push_ok(kiosk, client, [kiosk.record(lost)])
    assert check(engine).differences == ()
    assert main(["registry", "reconcile", "--date", "2026-11-26", "--db", db_url]) == 0


def test_a_later_revision_replaces_the_earlier_one(engine: Engine, client, kiosk) -> None:
    first = sale(kiosk, "2026-11-26", 500)
    push_ok(kiosk, client, [kiosk.record(first), closed(kiosk, summary_of(kiosk, [first], []))])
    late = sale(kiosk, "2026-11-26", 300)  # sold after the report was printed
    push_ok(kiosk, client, [kiosk.record(late)])
    assert [d.kind for d in check(engine).differences] == ["not_in_summary", "amounts_differ"]
    push_ok(kiosk, client, [closed(kiosk, summary_of(kiosk, [first, late], [], revision=2))])
    assert check(engine).differences == ()


def test_summaries_are_checked_like_sales(engine: Engine, client, kiosk) -> None:
    order = sale(kiosk, "2026-11-26", 500)
    summary = summary_of(kiosk, [order], [])
    push_ok(kiosk, client, [kiosk.record(order), closed(kiosk, summary)])
    again = kiosk.push(client, [closed(kiosk, summary)]).json()["results"]
    assert [r["status"] for r in again] == ["duplicate"]
    other = summary_of(kiosk, [], [])  # revision 1 again, other figures
    forged = summary.model_copy(update={"paid_serials": [99]})  # signature no longer holds
    stranger = Kiosk.new()
    foreign = summarise(
        kiosk_id=stranger.kiosk_id, day="2026-11-26", paid=[], voided=[], revision=3,
        closed_at="t", closed_by="x",
    ).signed(kiosk.key)  # fmt: skip
    answers = kiosk.push(
        client, [closed(kiosk, other), closed(kiosk, forged), closed(kiosk, foreign)]
    ).json()["results"]
    reasons = [(r["status"], r.get("reason", "")) for r in answers]
    assert reasons[0] == (
        "rejected",
        "day 2026-11-26 revision 1 was already received with other content;"
        " the stored copy is kept",
    )
    assert reasons[1] == ("rejected", "day summary's signature does not verify")
    assert reasons[2] == ("rejected", f"day summary is for kiosk {stranger.kiosk_id}")
    assert check(engine).differences == ()  # the stored copy stands


def test_kiosks_gone_quiet_and_days_never_closed(engine: Engine, client, kiosk) -> None:
    with engine.begin() as conn:  # a kiosk working since before the day
        conn.execute(
            text(
                "UPDATE kiosks SET enrolled_at = '2026-11-01T00:00:00.000000Z',"
                " last_sync_at = '2026-11-26T10:00:00.000000Z'"
            )
        )
    assert check(engine).differences == ()  # not synced since the day: it may still close it
    order = sale(kiosk, "2026-11-26", 500)
    push_ok(kiosk, client, [kiosk.record(order)])  # synced after the day, but no summary
    later = datetime.now(UTC) + timedelta(days=1)
    found = check(engine, now=later)
    assert [(d.kind, d.kiosk_id) for d in found.differences] == [("no_summary", kiosk.kiosk_id)]
    much_later = datetime.now(UTC) + timedelta(days=5)
    found = check(engine, now=much_later)
    assert [d.kind for d in found.differences] == ["not_synced", "no_summary"]
    assert "more than 2 day(s)" in found.differences[0].detail
