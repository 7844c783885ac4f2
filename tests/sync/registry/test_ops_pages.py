"""The console's overview pages and forms through the real app: kiosks, venues, sales with
the server-drawn chart, retirements, enrolment tokens, closing a period, statement downloads.
Role rules: an owner sees only its project (403 for the exchange's pages, its own project's
sales and retirements only, 404 for another's statement files); an auditor reads and cannot
change anything; every form checks its CSRF token and writes an audit row."""

from __future__ import annotations

import re

from sqlalchemy import Engine

from kiosk.day_summary import summarise
from sync import protocol
from sync.registry import console_storage, settlement_storage, storage
from sync.registry.console import chart
from tests.sync.registry.helpers import PROJECT, Kiosk
from tests.sync.registry.test_ops_console import FORM, add, csrf, sign_in, two_statements
from tests.sync.registry.test_reconcile import closed
from tests.sync.registry.test_settlement import AFTER_OCT, push_ok, sale, set_terms


def audit_of(engine: Engine, action: str) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        rows = settlement_storage.audit_rows(conn=conn, limit=100)
    return [(r.actor, r.subject) for r in rows if r.action == action]


def post(client, path: str, body: dict[str, str], page: str):
    data = {"csrf": csrf(client, page), **body}
    return client.post(path, data=data, headers=FORM, follow_redirects=False)


def test_the_chart_stacks_channels_in_whole_pixels_to_the_axis_top() -> None:
    assert [chart.nice_top(v) for v in (1, 99, 101, 250, 501, 4_700)] == [
        1, 100, 200, 500, 1_000, 5_000,
    ]  # fmt: skip
    days = ["2026-10-05", "2026-10-06"]
    drawn = chart.draw(days, {"2026-10-05": {"cash": 1_000, "card": 2_500}}, str)
    assert [b.colour for b in drawn.bars] == [chart.COLOURS["cash"], chart.COLOURS["card"]]
    plot = chart.HEIGHT - chart.BOTTOM - chart.TOP
    assert sum(b.height for b in drawn.bars) == 3_500 * plot // 5_000  # top: 5,000 fen
    assert drawn.bars[0].y + drawn.bars[0].height == drawn.baseline  # cash sits on the axis
    assert drawn.bars[1].y + drawn.bars[1].height == drawn.bars[0].y  # card on cash
    assert drawn.ticks[-1][1] == "5000" and drawn.ticks[0][1] == "0"
    empty = chart.draw(days, {}, str)
    assert empty.bars == () and empty.ticks[-1][1] == "100"


def test_kiosks_venues_and_sales_for_staff_and_an_owner_only_its_own(
    engine: Engine, client, kiosk: Kiosk
) -> None:
    client.app.state.clock = lambda: AFTER_OCT
    first, second = sale(kiosk, "2026-10-05", 1_000), sale(kiosk, "2026-10-06", 2_500, "card")
    push_ok(kiosk, client, [kiosk.record(o) for o in (first, second)])
    summary = summarise(
        kiosk_id=kiosk.kiosk_id, day="2026-10-05", paid=[first], voided=[], revision=1,
        closed_at="2026-10-05T15:00:00.000000Z", closed_by="alice",
    ).signed(kiosk.key)  # fmt: skip
    push_ok(kiosk, client, [closed(kiosk, summary)])
    add(engine, "ann", "auditor")
    sign_in(client, "ann")
    client.get("/ops/lang/en?next=%2Fops%2Fkiosks")

    kiosks = client.get("/ops/kiosks")
    assert kiosks.status_code == 200
    row = re.search(rf'data-testid="kiosk-{kiosk.kiosk_id}">(.*?)</tr>', kiosks.text, re.S)
    assert row, kiosks.text
    assert "2026-10-05 (revision 1): 1 orders, ¥10.00" in row.group(1)
    assert 'data-testid="rejects">0<' in row.group(1)

    venues = client.get("/ops/venues").text
    assert f'href="/ops/sales?venue={kiosk.venue}"' in venues and "¥35.00" in venues

    sales = client.get("/ops/sales?from=2026-10-01&to=2026-10-31")
    assert sales.status_code == 200 and "<svg" in sales.text and "<script" not in sales.text
    assert sales.text.count("<rect x=") == 2  # one bar a day, one segment a channel
    assert "¥35.00 in all" in sales.text
    assert "2026-10-06 card: ¥25.00" in sales.text  # each segment's title
    for bad in ("from=2026-10-31&to=2026-10-01", "to=2999-01-01", "from=yesterday",
                "from=2026-01-01&to=2026-10-31"):  # fmt: skip
        assert client.get(f"/ops/sales?{bad}").status_code == 400, bad

    add(engine, "wet", "owner", "demo-wetland")
    sign_in(client, "wet")
    for path in ("/ops/kiosks", "/ops/venues", "/ops/tokens", "/ops/reconcile"):
        assert client.get(path).status_code == 403, path
    theirs = client.get("/ops/sales?from=2026-10-01&to=2026-10-31").text  # not its project
    assert 'data-testid="none"' in theirs and "<rect x=" not in theirs
    assert client.get(f"/ops/sales?venue={kiosk.venue}&from=2026-10-01").status_code == 200
    assert "¥35.00" not in client.get(f"/ops/sales?venue={kiosk.venue}&from=2026-10-01").text
    add(engine, "lq", "owner", PROJECT)
    sign_in(client, "lq")
    mine = client.get("/ops/sales?from=2026-10-01&to=2026-10-31").text
    assert mine.count("<rect x=") == 2


def test_an_operator_closes_a_period_from_the_console_and_others_cannot(
    engine: Engine, client, kiosk: Kiosk
) -> None:
    set_terms(engine)
    set_terms(engine, project="demo-wetland")
    push_ok(kiosk, client, [kiosk.record(sale(kiosk, "2026-10-05", 1_000))])
    client.app.state.clock = lambda: AFTER_OCT
    asked = {"period": "2026-10", "project": PROJECT}
    for name, role, project in (("ann", "auditor", None), ("wet", "owner", "demo-wetland")):
        add(engine, name, role, project)
        sign_in(client, name)
        assert 'data-testid="close"' not in client.get("/ops/statements").text
        refused = post(client, "/ops/statements/close", asked, "/ops/statements")
        assert refused.status_code == 403, name
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    assert 'value="2026-10"' in client.get("/ops/statements").text  # the last month ended
    forged = client.post("/ops/statements/close", data={"csrf": "forged", **asked}, headers=FORM)
    assert forged.status_code == 400
    early = post(client, "/ops/statements/close", {"period": "2026-11"}, "/ops/statements")
    assert early.status_code == 409 and "2026-11 尚未结束（最后一天为 2026-11-30）" in early.text
    odd = post(client, "/ops/statements/close", {"period": "Oct"}, "/ops/statements")
    assert odd.status_code == 409 and "2026-Q4" in odd.text
    with engine.connect() as conn:
        assert settlement_storage.list_statements(conn=conn) == []

    made = post(client, "/ops/statements/close", {"period": "2026-10"}, "/ops/statements")
    assert made.status_code == 200 and 'data-testid="close-results"' in made.text
    assert "结算单 1" in made.text and "结算单 2" in made.text
    with engine.connect() as conn:
        rows = settlement_storage.list_statements(conn=conn)
        assert [(r.number, r.project_id) for r in rows] == [(1, PROJECT), (2, "demo-wetland")]
        assert {settlement_storage.get_statement(conn=conn, number=1).closed_by} == {"amy"}
    assert sorted(audit_of(engine, "settle")) == [("amy", "statement 1"), ("amy", "statement 2")]
    again = post(client, "/ops/statements/close", {"period": "2026-10"}, "/ops/statements")
    assert again.status_code == 200 and "该期间已结账" in again.text
    with engine.connect() as conn:
        assert len(settlement_storage.list_statements(conn=conn)) == 2


def test_statement_downloads_for_who_may_see_it(engine: Engine, client, kiosk: Kiosk) -> None:
    two_statements(engine, client, kiosk)
    add(engine, "wet", "owner", "demo-wetland")
    sign_in(client, "wet")
    pdf = client.get("/ops/statements/2/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == 'attachment; filename="statement-2.pdf"'
    assert client.get("/ops/statements/1/pdf").status_code == 404  # another project's
    assert client.get("/ops/statements/1/csv").status_code == 404
    add(engine, "ann", "auditor")
    sign_in(client, "ann")
    page = client.get("/ops/statements/1").text
    assert 'href="/ops/statements/1/csv"' in page and 'href="/ops/statements/1/pdf"' in page
    csv = client.get("/ops/statements/1/csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert kiosk.kiosk_id.upper() in csv.text  # its sale's certificate
    assert client.get("/ops/statements/²/csv").status_code == 404


def test_enrolment_tokens_are_shown_once_enrol_a_kiosk_and_can_be_revoked(
    engine: Engine, client
) -> None:
    add(engine, "ann", "auditor")
    sign_in(client, "ann")
    assert 'data-testid="new-token"' not in client.get("/ops/tokens").text
    refused = post(client, "/ops/tokens", {"name": "Expo hall 2", "lifetime": "7d"}, "/ops/tokens")
    assert refused.status_code == 403
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    made = post(client, "/ops/tokens", {"name": "Expo hall 2", "lifetime": "7d"}, "/ops/tokens")
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    token = re.search(r'data-testid="token">([^<]+)<', made.text).group(1)
    later = client.get("/ops/tokens").text
    assert token not in later and "Expo hall 2" in later  # shown once; listed by fingerprint
    kiosk = Kiosk.new()
    body = {"token": token, "kiosk_id": kiosk.kiosk_id, "public_key": kiosk.public, "name": "t"}
    assert client.post(protocol.ENROL, json=body).status_code == 200
    assert "used by" in client.get("/ops/tokens").text

    second = post(client, "/ops/tokens", {"name": "Spare", "lifetime": "1d"}, "/ops/tokens")
    other = re.search(r'data-testid="token">([^<]+)<', second.text).group(1)
    for bad in ({"name": "", "lifetime": "7d"}, {"name": "x", "lifetime": "99d"}):
        assert post(client, "/ops/tokens", bad, "/ops/tokens").status_code == 409, bad
    with engine.connect() as conn:
        (spare,) = [t for t in storage.list_enrol_tokens(conn=conn) if t.name == "Spare"]
    fingerprint = spare.token_hash[:12]
    gone = post(client, "/ops/tokens/revoke", {"fingerprint": fingerprint}, "/ops/tokens")
    assert gone.status_code == 200 and "The token was revoked" not in gone.text  # zh page
    assert "令牌已撤销" in gone.text
    body = {"token": other, "kiosk_id": Kiosk.new().kiosk_id, "public_key": kiosk.public}
    assert client.post(protocol.ENROL, json={**body, "name": "t"}).status_code != 200
    assert [a for a, _ in audit_of(engine, "enrol_token")] == ["amy", "amy"]
    assert audit_of(engine, "enrol_token_revoke") == [("amy", fingerprint)]


def test_retirements_listed_by_role_and_recorded_by_an_operator(engine: Engine, client) -> None:
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    page = client.get("/ops/retirements")
    assert page.status_code == 200 and 'data-testid="retire"' in page.text
    with engine.connect() as conn:
        (block, *_) = storage.serial_blocks_of(conn=conn, project_id="demo-wetland")
        done = console_storage.retired(conn=conn, project_id="demo-wetland")
    first = max((r.last for r in done), default=block.first - 1) + 1
    width = block.width
    serials = f"{block.prefix}{first:0{width}d}..{first + 1:0{width}d}"
    asked = {"project": "demo-wetland", "serials": serials, "reference": "CEEX-R-9",
             "beneficiary": "Diandian"}  # fmt: skip
    made = post(client, "/ops/retirements", asked, "/ops/retirements")
    assert made.status_code == 303, made.text
    listed = client.get("/ops/retirements").text
    assert "CEEX-R-9" in listed
    again = post(client, "/ops/retirements", asked, "/ops/retirements")
    assert again.status_code == 409 and "与已注销的批次重叠（CEEX-R-9）" in again.text
    assert [a for a, _ in audit_of(engine, "retire_blocks")] == ["amy"]

    add(engine, "ann", "auditor")
    sign_in(client, "ann")
    assert 'data-testid="retire"' not in client.get("/ops/retirements").text
    assert post(client, "/ops/retirements", asked, "/ops/retirements").status_code == 403
    add(engine, "lq", "owner", PROJECT)
    sign_in(client, "lq")
    theirs = client.get("/ops/retirements").text
    assert "CEEX-R-9" not in theirs and "demo-wetland" not in theirs


def test_the_new_pages_answer_while_a_writer_holds_the_lock(
    engine: Engine, client, kiosk: Kiosk
) -> None:
    """Each reads in one snapshot (routes.reading), beside SQLite's one writer."""
    two_statements(engine, client, kiosk)
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    paths = ("/ops/kiosks", "/ops/venues", "/ops/sales?from=2026-10-01&to=2026-10-31",
             "/ops/retirements", "/ops/tokens", "/ops/statements/1/csv")  # fmt: skip
    with engine.begin() as writer:
        storage.set_setting(conn=writer, key="held", value="uncommitted")
        for path in paths:
            assert client.get(path).status_code == 200, path


def test_a_refused_close_writes_nothing(engine: Engine, client, kiosk: Kiosk) -> None:
    """The first project's statement is written before the second is refused (its sales
    have no contract): the form's transaction is rolled back whole, as the CLI's is."""
    set_terms(engine)  # demo-longquan-forest only
    stamp = "2026-10-05T04:00:00.000000Z"
    other = kiosk.order(
        offset_g=10_000, amount_fen=1_000, project="demo-wetland", paid_at=stamp,
        created_at=stamp, updated_at=stamp,
    )  # fmt: skip
    push_ok(kiosk, client, [kiosk.record(sale(kiosk, "2026-10-05", 1_000)), kiosk.record(other)])
    client.app.state.clock = lambda: AFTER_OCT
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    refused = post(client, "/ops/statements/close", {"period": "2026-10"}, "/ops/statements")
    assert refused.status_code == 409
    assert "demo-wetland 在 2026-10-01 没有生效的结算合同" in refused.text
    with engine.connect() as conn:
        assert settlement_storage.list_statements(conn=conn) == []
    assert audit_of(engine, "settle") == []
