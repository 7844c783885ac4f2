"""A visitor's phone driven over HTTP (a TestClient or an httpx.Client on a served
registry): follows the pages' own links and forms, as a browser without scripts does."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from kiosk.timestamps import utc_now
from sync.registry import credits, storage
from sync.registry.demo import load_demo
from sync.registry.phone.context import Options
from tests.sync import schema

VENUE = "demo-expo"
FORESTS = "demo-longquan-forest"
MEALS = {"1": "2", "2": "1"}  # the meal scenario: two meat meals, one mixed, no others


def demo_engine(engine: Engine) -> Engine:
    """A registry in demo mode: schema, demo projects (100 t retired each), venues, the
    simulated provider."""
    schema.upgrade(engine)
    with engine.begin() as conn:
        load_demo(conn=conn)
    return engine


class Clock:
    """The registry's clock in a test (`app.state.clock`): moved on by hand."""

    def __init__(self) -> None:
        self.at = utc_now()

    def __call__(self) -> datetime:
        return self.at


def kiosk_takes(engine: Engine, grams: int) -> None:
    """A counter kiosk is granted GRAMS of every project (whole retired tonnes, in order,
    by the same locked grant logic as the phone flow's): what it holds is never a phone's."""
    from tests.sync.registry.helpers import Kiosk

    kiosk = Kiosk.new()
    with engine.begin() as conn:
        storage.add_kiosk(conn=conn, kiosk_id=kiosk.kiosk_id, name="k", public_key=kiosk.public)
        credits.top_up(conn=conn, kiosk_id=kiosk.kiosk_id, headroom_g=grams)


def notice(
    provider: Any, order: Any, at: datetime | None = None, **changes: Any
) -> tuple[dict[str, str], bytes]:
    """The simulated provider's signed notification that ORDER was paid in full (CHANGES:
    fields to change), with its headers, signed at AT (now)."""
    body = {
        "id": "N" + order.order_id[:10],
        "event_type": "TRANSACTION.SUCCESS",
        "out_trade_no": order.order_id,
        "transaction_id": "T123",
        "trade_state": "SUCCESS",
        "amount": {"total": int(order.amount_fen), "currency": "CNY"},
        **changes,
    }
    raw = json.dumps(body).encode()
    return provider.sign(raw, at or utc_now()), raw


def field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no field {name} on the page"
    return html.unescape(found.group(1))


def text_of(page: str, name: str) -> str:
    """The text of the element with data-testid=NAME (tags stripped)."""
    found = re.search(rf'<(\w+)[^>]*data-testid="{name}"[^>]*>(.*?)</\1>', page, re.S)
    text = re.sub(r"<[^>]+>", " ", found.group(2)) if found else ""
    return " ".join(html.unescape(text).split())


class Phone:
    def __init__(self, client: Any, venue: str = VENUE) -> None:
        self.client, self.venue = client, venue
        self.page = ""
        self.url = ""

    def get(self, path: str) -> Any:
        response = self.client.get(path, follow_redirects=True)
        self.page, self.url = response.text, str(response.url)
        return response

    def post(self, path: str, data: dict[str, str]) -> Any:
        response = self.client.post(path, data=data, follow_redirects=True)
        self.page, self.url = response.text, str(response.url)
        return response

    def answer_all(self, scenario: str, answers: dict[str, str]) -> Any:
        """Start SCENARIO and answer its pages (by number; a page not named keeps its
        default, or takes the first choice); ends on the result page."""
        response = self.get(f"/v/{self.venue}/s/{scenario}")
        for _ in range(30):
            if self.url.endswith("/result"):
                return response
            number = self.url.rsplit("/", 1)[1]
            value = answers.get(number, "")
            if not value and 'type="radio"' in self.page and "checked" not in self.page:
                value = field(self.page, "answer")
            response = self.post(self.url, {"csrf": field(self.page, "csrf"), "answer": value})
        raise AssertionError("the questions never ended")

    def order(self, project: str = FORESTS, nickname: str = "", attempt: str | None = None) -> Any:
        """Press Pay on the result page (it must be the current page)."""
        return self.post(
            f"/v/{self.venue}/order",
            {
                "csrf": field(self.page, "csrf"),
                "attempt": attempt or field(self.page, "attempt"),
                "offset_g": field(self.page, "offset_g"),
                "project": project,
                "nickname": nickname,
            },
        )

    def press(self, action: str = "pay") -> Any:
        """Pay or Cancel on the simulated provider's page (the current page)."""
        return self.post(self.url, {"token": field(self.page, "token"), "action": action})

    def certificate(self) -> str:
        found = re.search(r'href="([^"]+)" data-testid="certificate"', self.page)
        assert found, "no certificate link on the page"
        return html.unescape(found.group(1))


def options(**changes: Any) -> Options:
    return Options(**changes)
