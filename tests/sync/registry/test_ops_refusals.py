"""Issue 17: every refusal the console shows comes in the operator's language. The shared code
(settle, credits, payouts, operations, events, invoices) raises coded InputErrors; a Chinese
console turns each code into Chinese, leaving only codes, figures, serials and names; the CLI
keeps its English line (its own tests)."""

from __future__ import annotations

import ast
import html
import re
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine

from kiosk.errors import InputError
from kiosk.timestamps import china_date, utc_now
from sync.registry import console_storage, storage
from sync.registry.console.refusals import refusal
from sync.registry.web.i18n import LANGS, Translator, strings
from tests.sync.registry.helpers import Kiosk
from tests.sync.registry.test_ops_console import add, csrf, pay, sign_in, two_statements
from tests.sync.registry.test_ops_events_invoices import _event
from tests.sync.registry.test_ops_pages import post
from tests.sync.registry.test_settlement import AFTER_OCT
from tests.ui.test_i18n import words_left

# What the test typed or the registry named: the same in every language.
TYPED = ("demo-wetland", "demo-longquan-forest", "no-such-project", "CEEX-R-9", "ICBC-1",
         "ICBC-again", "expo-2026", "demo-expo", "zz-none", "nonsense")  # fmt: skip


def shown(page: str, testid: str = "error") -> str:
    found = re.findall(rf'data-testid="{testid}">([^<]*)<', page)
    assert found, page[-2000:]
    return html.unescape(" ".join(found))


def english_in(text: str) -> str:
    for name in TYPED:
        text = text.replace(name, " ")
    text = re.sub(r"'[^']*'", " ", text)  # what was typed, quoted back
    text = re.sub(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b", " ", text)  # ids: venues, projects, events
    return words_left(text)


def _refused_close(client, period: str, project: str) -> None:
    body = {"period": period, "project": project}
    refused = post(client, "/ops/statements/close", body, "/ops/statements")
    assert refused.status_code == 409, body
    line = shown(refused.text, "close-error")
    assert english_in(line) == "", line


def test_closing_a_period_is_refused_in_chinese(engine: Engine, client) -> None:
    client.app.state.clock = lambda: AFTER_OCT
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    for period, project in (
        ("2026-11", ""),  # not ended yet
        ("2026-13", ""),
        ("2026-10", "no-such-project"),
        ("2026-10", "demo-wetland"),  # no contract
    ):
        _refused_close(client, period, project)


def test_a_close_out_of_order_or_of_the_other_kind_in_chinese(
    engine: Engine, client, kiosk: Kiosk
) -> None:
    two_statements(engine, client, kiosk)  # 2026-10 closed for both projects, monthly
    client.app.state.clock = lambda: AFTER_OCT
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    for period in ("2026-09", "2026-Q3"):
        _refused_close(client, period, "demo-wetland")


def test_retirement_refusals_in_chinese(engine: Engine, client) -> None:
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    with engine.connect() as conn:
        (block, *_) = storage.serial_blocks_of(conn=conn, project_id="demo-wetland")
        done = console_storage.retired(conn=conn, project_id="demo-wetland")
    first = max((r.last for r in done), default=block.first - 1) + 1
    width = block.width
    serials = f"{block.prefix}{first:0{width}d}..{first + 1:0{width}d}"
    asked = {"project": "demo-wetland", "serials": serials, "reference": "CEEX-R-9",
             "beneficiary": "Diandian"}  # fmt: skip
    assert post(client, "/ops/retirements", asked, "/ops/retirements").status_code == 303
    far = f"{block.prefix}{block.last + 1:0{width}d}..{block.last + 2:0{width}d}"
    backwards = f"{block.prefix}{first + 1:0{width}d}..{first:0{width}d}"
    for change in (
        {},  # overlaps the block just recorded
        {"serials": "nonsense"},
        {"serials": backwards},
        {"serials": far},
        {"reference": ""},
        {"beneficiary": " "},
        {"serials": f"{block.prefix}{'1' * 19}..{'2' * 19}"},
        {"project": "no-such-project"},
    ):
        refused = post(client, "/ops/retirements", {**asked, **change}, "/ops/retirements")
        assert refused.status_code == 409, change
        line = shown(refused.text).replace(serials, " ").replace(far, " ")
        line = line.replace(backwards, " ").replace(block.prefix, " ")
        assert english_in(line) == "", (change, line)


def test_token_refusals_in_chinese(engine: Engine, client) -> None:
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    for path, body in (
        ("/ops/tokens", {"name": "", "lifetime": "7d"}),
        ("/ops/tokens", {"name": "Expo hall", "lifetime": "99d"}),
        ("/ops/tokens/revoke", {"fingerprint": "zz-none"}),
        ("/ops/tokens/revoke", {"fingerprint": ""}),
    ):
        refused = post(client, path, body, "/ops/tokens")
        assert refused.status_code == 409, body
        line = shown(refused.text)
        assert english_in(line) == "", (body, line)


def test_payout_refusals_in_chinese(engine: Engine, client, kiosk: Kiosk) -> None:
    two_statements(engine, client, kiosk)
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    nothing = pay(client, 2, "2026-11-05", "ICBC-2")
    assert nothing.status_code == 409
    assert english_in(shown(nothing.text)) == "", shown(nothing.text)
    assert pay(client, 1, "2026-11-05", "ICBC-1").status_code == 303
    again = pay(client, 1, "2026-11-05", "ICBC-again", token=csrf(client, "/ops/statements/2"))
    assert again.status_code == 409
    assert english_in(shown(again.text)) == "", shown(again.text)


def test_event_form_refusals_in_chinese(engine: Engine, client) -> None:
    _event(engine)
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    today = china_date(utc_now())
    starts, ends = ((today + timedelta(days=d)).isoformat() for d in (30, 31))
    good = {"id": "expo-2027", "venue": "demo-expo", "name_zh": "博览会", "name_en": "",
            "name_fr": "", "organiser": "成都会展", "starts": starts, "ends": ends,
            "a_attendees": "500", "a_hall_kwh": "12000", "a_travel": ""}  # fmt: skip
    for change in (
        {"id": "expo-2026"},  # exists
        {"id": "X"},
        {"venue": "zz-none"},
        {"ends": (today + timedelta(days=29)).isoformat()},
        {"ends": (today + timedelta(days=120)).isoformat()},
        {"starts": "nonsense"},
        {"name_zh": ""},
        {"starts": today.isoformat(), "ends": today.isoformat()},  # expo-2026 is there then
        {"a_attendees": "lots"},  # the scenario's answers: labels and ranges in Chinese
        {"a_hall_kwh": "-5"},
        {"a_travel": "nonsense"},
        {"a_round_trip": "maybe"},
    ):
        refused = post(client, "/ops/events", {**good, **change}, "/ops/events")
        assert refused.status_code == 409, change
        line = shown(refused.text)
        assert english_in(line) == "", (change, line)


def test_invoice_refusals_in_chinese(engine: Engine, client) -> None:
    add(engine, "amy", "operator")
    sign_in(client, "amy")
    refused = post(client, "/ops/invoices/999/issue", {"number": "F-1"}, "/ops/invoices")
    assert refused.status_code == 409
    assert english_in(shown(refused.text)) == "", shown(refused.text)


def test_an_uncoded_refusal_keeps_its_sentence_and_a_coded_one_each_language() -> None:
    plain = InputError("--x", "something new")
    assert refusal(Translator("zh"), plain) == "something new"
    coded = InputError("--statement", "there is no statement 7", "no_statement", number=7)
    zh = refusal(Translator("zh"), coded)
    assert "7" in zh and english_in(zh) == "", zh
    assert refusal(Translator("en"), coded) != refusal(Translator("fr"), coded)


def _codes_raised(source: Path) -> set[str]:
    """The codes an InputError is given in SOURCE: its third argument, or `.coded(CODE)`."""
    found = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        args = node.args[2:3] if name == "InputError" else node.args[:1] if name == "coded" else []
        found |= {a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def test_every_code_the_registry_raises_is_worded_in_each_language() -> None:
    root = Path(__file__).parents[3] / "sync" / "registry"
    codes = set().union(*(_codes_raised(p) for p in root.rglob("*.py")))
    codes |= {"retire_reference", "retire_beneficiary"}  # credits._clean's, made from the flag
    assert len(codes) > 30, codes
    missing = sorted(c for c in codes if f"ops.error.{c}" not in strings())
    assert missing == []
    for code in codes:
        assert all(strings()[f"ops.error.{code}"][lang] for lang in LANGS), code
