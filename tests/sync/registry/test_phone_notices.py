"""Payment notifications at `POST /pay/notify/simulated`: only a genuine, fresh notification
of the order's exact amount makes a sale, and only once, however often or concurrently it
arrives. Refused ones are answered as the provider expects and change nothing."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from kiosk.timestamps import utc_now
from sync.registry import phone_storage
from sync.registry.app import create_app
from sync.registry.phone.context import Options
from sync.registry.tables import phone_orders, purchases
from tests.sync.registry.phone import MEALS, Phone, notice

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture
def placed(demo: Engine) -> Iterator[dict[str, Any]]:
    """An order placed and waiting at the provider (its page not pressed)."""
    app = create_app(demo, headroom_g=5_000_000)
    app.state.phone = Options(auto_notify=False)
    with TestClient(app) as client:
        phone = Phone(client)
        phone.answer_all("meal", MEALS)
        phone.order()
        with demo.begin() as conn:
            order = conn.execute(select(phone_orders)).one()
        provider = client.app.state.payments["simulated"]  # type: ignore[attr-defined]
        yield {"client": client, "order": order, "provider": provider}


def count(engine: Engine) -> int:
    with engine.begin() as conn:
        return int(conn.execute(select(func.count()).select_from(purchases)).scalar() or 0)


def send(client: Any, headers: dict[str, str], body: bytes) -> Any:
    return client.post("/pay/notify/simulated", content=body, headers=headers)


def test_a_genuine_notification_pays_once_and_a_replay_changes_nothing(
    placed: dict[str, Any], demo: Engine
) -> None:
    headers, body = notice(placed["provider"], placed["order"])
    first = send(placed["client"], headers, body)
    assert first.status_code == 204 and count(demo) == 1
    again = send(placed["client"], headers, body)  # the same notification, replayed
    assert again.status_code == 204 and count(demo) == 1
    with demo.begin() as conn:
        outcomes = [
            n.outcome
            for n in phone_storage.notices_of(conn=conn, order_id=placed["order"].order_id)
        ]
    assert outcomes == ["paid", "already_paid"]


def test_a_forged_signature_is_refused(placed: dict[str, Any], demo: Engine) -> None:
    headers, body = notice(placed["provider"], placed["order"])
    forged = body.replace(b'"T123"', b'"T999"')
    response = send(placed["client"], headers, forged)
    assert response.status_code == 401 and count(demo) == 0


def test_a_stale_notification_is_refused(placed: dict[str, Any], demo: Engine) -> None:
    provider, order = placed["provider"], placed["order"]
    headers, raw = notice(provider, order)
    headers = provider.sign(raw, utc_now() - timedelta(minutes=10))
    assert send(placed["client"], headers, raw).status_code == 401 and count(demo) == 0


def test_a_wrong_amount_is_not_a_payment(placed: dict[str, Any], demo: Engine) -> None:
    order = placed["order"]
    headers, body = notice(placed["provider"], order, amount={"total": int(order.amount_fen) - 1})
    response = send(placed["client"], headers, body)
    assert response.status_code == 400 and count(demo) == 0
    with demo.begin() as conn:
        assert conn.execute(select(phone_orders.c.status)).scalar() == "awaiting_payment"


def test_an_unknown_order_is_refused(placed: dict[str, Any], demo: Engine) -> None:
    headers, body = notice(placed["provider"], placed["order"], out_trade_no="f" * 32)
    assert send(placed["client"], headers, body).status_code == 400 and count(demo) == 0


def test_an_unknown_provider_is_not_found(placed: dict[str, Any]) -> None:
    assert placed["client"].post("/pay/notify/wechat", content=b"{}").status_code == 404


def test_concurrent_notifications_make_exactly_one_payment(
    placed: dict[str, Any], demo: Engine
) -> None:
    provider, order, client = placed["provider"], placed["order"], placed["client"]
    signed = [notice(provider, order, id=f"N-{i}") for i in range(6)]
    start = threading.Barrier(len(signed))
    answers: list[int] = []

    def deliver(headers: dict[str, str], body: bytes) -> None:
        start.wait(timeout=30)
        answers.append(send(client, headers, body).status_code)

    threads = [threading.Thread(target=deliver, args=item) for item in signed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert answers == [204] * len(signed)
    assert count(demo) == 1
    with demo.begin() as conn:
        outcomes = sorted(
            n.outcome for n in phone_storage.notices_of(conn=conn, order_id=order.order_id)
        )
    assert outcomes == ["already_paid"] * (len(signed) - 1) + ["paid"]
