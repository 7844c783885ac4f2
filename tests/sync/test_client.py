"""The registry client: signatures, retries with backoff inside the budget, error mapping."""

from __future__ import annotations

import random
import time

import httpx
import pytest

from kiosk.ledger import syncstate
from sync import job, protocol
from sync.client import (
    EXIT_NOPERM,
    EXIT_UNAVAILABLE,
    AuthRefused,
    Backoff,
    NotConfigured,
    Unavailable,
    check_registry_url,
)
from tests.sync.conftest import sell


def test_backoff_grows_exponentially_with_jitter_and_stops_at_the_budget(clock) -> None:
    backoff = Backoff(60, base_s=0.5, cap_s=8, clock=clock, sleep=clock.sleep, rng=random.Random(1))
    attempt = 0
    with pytest.raises(Unavailable, match="60 s time budget"):
        while True:
            backoff.wait(attempt, "down")
            attempt += 1
    for n, pause in enumerate(clock.sleeps):
        assert 0 <= pause <= min(8, 0.5 * 2**n)
    assert clock.now - 1000 < 60  # never sleeps past the deadline
    assert len(set(clock.sleeps)) == len(clock.sleeps)  # jittered, not lock step
    assert max(clock.sleeps[-5:]) > 2  # and they do grow


def test_network_errors_are_retried_then_the_job_fails_with_the_reason(ledger, client_for, clock):
    entries = sell(ledger, 5)
    calls = []

    def down(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ConnectError("connection refused")

    transport = httpx.MockTransport(down)
    with (
        client_for(ledger, budget=30, transport=transport) as client,
        pytest.raises(Unavailable) as caught,
    ):
        job.run(ledger, client)
    assert caught.value.exit_code == EXIT_UNAVAILABLE
    assert "unreachable" in str(caught.value) and "connection refused" in str(caught.value)
    assert len(calls) > 3 and clock.now - 1000 < 30
    assert syncstate.queue_length(ledger) == entries
    assert syncstate.last_run(ledger).outcome == "failed"


def test_5xx_then_success_is_retried_with_fresh_signatures(ledger, registry, client_for, clock):
    sell(ledger, 5)
    count = {"n": 0}

    def flaky(method: str, target: str):
        count["n"] += 1
        if count["n"] <= 2:
            return 503, {"error": {"code": "busy", "message": "try later"}}
        return None

    registry.fault = flaky
    with client_for(ledger) as client:
        result = job.run(ledger, client)
    assert result.pushed > 0 and len(clock.sleeps) == 2
    assert syncstate.queue_length(ledger) == 0  # and no 401 for a reused nonce


def test_an_unknown_kiosk_is_refused_with_exit_77(ledger, registry, client_for) -> None:
    registry.forget(ledger.kiosk_id)
    with client_for(ledger) as client, pytest.raises(AuthRefused) as caught:
        job.run(ledger, client)
    assert caught.value.exit_code == EXIT_NOPERM and "enrol" in str(caught.value)


def test_requests_are_signed_over_the_path_with_its_query(ledger, client_for) -> None:
    seen = []

    def capture(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"scope": "day", "rankings": []})

    with client_for(ledger, transport=httpx.MockTransport(capture)) as client:
        client.get(protocol.RANKINGS, {"scope": "day"})
    [request] = seen
    from kiosk.certificate.issue import kiosk_key

    public = kiosk_key(ledger).public_key()
    target = request.url.raw_path.decode()
    assert target == "/v1/rankings?scope=day"
    assert protocol.check_request(request.headers, "GET", target, b"", public)[0] == (
        ledger.kiosk_id
    )


@pytest.mark.parametrize(
    "url", ["ftp://registry", "http://registry.example.com", "registry.example.com", "https://"]
)
def test_only_https_or_loopback_http_is_accepted(url: str) -> None:
    with pytest.raises(NotConfigured):
        check_registry_url(url)


@pytest.mark.parametrize(
    "url", ["https://registry.example.com/", "http://127.0.0.1:8700", "http://localhost:1"]
)
def test_good_registry_urls(url: str) -> None:
    assert check_registry_url(url) == url.rstrip("/")


def test_a_kiosk_clock_an_hour_off_signs_by_the_registry_clock(ledger, client_for) -> None:
    entries = sell(ledger, 5)
    with client_for(ledger, wall_clock=lambda: time.time() - 3600) as client:
        result = job.run(ledger, client)
    assert result.pushed == entries
    assert any("clock is -3600 s off" in w or "clock is -3599 s off" in w for w in result.warnings)
