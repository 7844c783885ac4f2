"""The certificate page's cache (sync/registry/page_cache.py): a cached page is never shown
once what it says has changed, whichever writer or process changed it; ETag and 304; a cached
valid token does not make a forged one pass (issue 19, section 1).

Each staleness test first shows the page is cached (the cache holds it), then changes the
registry and asks again. With the freshness check removed from PageCache.page (a cached page
reused whatever the rows), the void, retirement, second-process, enrolment, rename and
ETag tests fail."""

from __future__ import annotations

import json
from dataclasses import replace

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine
from starlette.testclient import TestClient

from sync.registry import credits, operations, storage
from sync.registry.db import reading
from sync.registry.page_cache import PageCache
from tests.sync.registry.conftest import SELL_FIRST
from tests.sync.registry.helpers import PROJECT, Kiosk
from tests.sync.registry.served import serve

REFUNDED = "This certificate was refunded (void)"


def _cache(client: TestClient) -> PageCache:
    cache: PageCache = client.app.state.page_cache  # type: ignore[attr-defined]
    return cache


def _sold(client: TestClient, kiosk: Kiosk, **changes: object) -> dict[str, object]:
    sale = kiosk.order(**changes)  # type: ignore[arg-type]
    assert kiosk.push(client, [kiosk.record(sale)]).status_code == 200
    return sale


def test_a_void_shows_at_once_on_a_cached_page(client: TestClient, kiosk: Kiosk) -> None:
    sale = _sold(client, kiosk)
    qr, plain = kiosk.cert_path(sale), f"/c/{kiosk.kiosk_id}-000001"
    for path in (qr, plain):
        first = client.get(path)
        assert first.status_code == 200 and REFUNDED not in first.text
        assert client.get(path).text == first.text  # the second answer came from the cache
    assert len(_cache(client)) == 2
    assert kiosk.push(client, [kiosk.void(sale)]).status_code == 200
    for path in (qr, plain):
        assert REFUNDED in client.get(path).text


def test_a_void_through_another_process_shows_here(
    db_url: str, client: TestClient, kiosk: Kiosk
) -> None:
    """Two server processes on one database share no memory: this one's cached page must
    still notice a refund the other received."""
    sale = _sold(client, kiosk)
    path = kiosk.cert_path(sale)
    assert REFUNDED not in client.get(path).text
    assert len(_cache(client)) == 1
    with serve(db_url) as base, httpx.Client(base_url=base, timeout=60) as other:
        assert kiosk.push(other, [kiosk.void(sale)]).status_code == 200
        assert REFUNDED in other.get(path).text
    assert REFUNDED in client.get(path).text


def test_a_pending_sale_flips_to_retired_when_its_tonne_is_retired(
    engine: Engine, client: TestClient
) -> None:
    with engine.begin() as conn:
        operations.import_projects(conn=conn, data=SELL_FIRST, source="sell-first")
    kiosk = Kiosk.new()
    kiosk.enrol(client, engine)  # allowed to sell the sell-first project without ranges
    sale = _sold(client, kiosk, offset_g=2_500, project="sell-first-forest")
    path = kiosk.cert_path(sale)
    assert "Awaiting retirement" in client.get(path).text
    assert len(_cache(client)) == 1
    with engine.begin() as conn:
        credits.retire_blocks(
            conn=conn,
            project_id="sell-first-forest",
            serials="SF-000001..000001",
            reference="SEEE-SF-0001",
            beneficiary="Diandian visitors",
        )
    page = client.get(path).text
    assert "Awaiting retirement" not in page
    assert "SEEE-SF-0001" in page and "SF-000001 (g 0–2 500)" in page


def test_a_kiosk_enrolled_after_the_page_was_cached(
    engine: Engine, client: TestClient, kiosk: Kiosk
) -> None:
    """An offline certificate from a kiosk not yet enrolled: 'cannot check', then, once the
    kiosk enrols, its signature verifies."""
    newcomer = Kiosk.new()
    path = newcomer.cert_path(newcomer.order())
    assert "Cannot check" in client.get(path).text
    assert len(_cache(client)) == 1
    newcomer.enrol(client, engine)
    page = client.get(path).text
    assert "Signature verifies" in page and "Cannot check" not in page


def test_etag_and_304(client: TestClient, kiosk: Kiosk) -> None:
    sale = _sold(client, kiosk)
    path = kiosk.cert_path(sale)
    first = client.get(path)
    etag = first.headers["etag"]
    assert etag.startswith('"') and first.headers["cache-control"] == "no-cache"
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    weak = client.get(path, headers={"If-None-Match": f'"other", W/{etag}'})
    assert weak.status_code == 304
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
    assert kiosk.push(client, [kiosk.void(sale)]).status_code == 200
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and REFUNDED in changed.text
    assert changed.headers["etag"] != etag


def test_no_304_for_a_missing_certificate(client: TestClient) -> None:
    missing = client.get("/c/KNOBODY-000001")
    assert missing.status_code == 404
    asked = client.get("/c/KNOBODY-000001", headers={"If-None-Match": missing.headers["etag"]})
    assert asked.status_code == 404


def test_a_forged_token_is_refused_beside_a_cached_valid_one(
    client: TestClient, kiosk: Kiosk
) -> None:
    sale = _sold(client, kiosk)
    path = kiosk.cert_path(sale)
    assert "Signature verifies" in client.get(path).text
    head, token = path.rsplit("/", 1)
    flipped = token[:20] + ("A" if token[20] != "A" else "B") + token[21:]
    assert "Signature does not verify" in client.get(f"{head}/{flipped}").text
    # the same certificate, its content changed, signed with another key
    forger = replace(kiosk, key=Ed25519PrivateKey.generate())
    forged = forger.cert_path({**sale, "offset_g": 9_999_999})
    assert forged.rsplit("/", 2)[1] == path.rsplit("/", 2)[1]
    refused = client.get(forged).text
    assert "Signature does not verify" in refused and "10.000 t" not in refused
    assert "Signature verifies" in client.get(path).text


def test_the_cache_is_bounded(engine: Engine, client: TestClient, kiosk: Kiosk) -> None:
    sales = [_sold(client, kiosk) for _ in range(3)]
    cache = PageCache(size=2)
    with reading(engine) as conn:
        made = [
            cache.page(conn=conn, cert_id=f"{kiosk.kiosk_id}-{s['serial']:06d}", token=None)
            for s in sales
        ]
        assert len(cache) == 2
        again = cache.page(conn=conn, cert_id=f"{kiosk.kiosk_id}-000003", token=None)
    assert again is made[2] and all(page.status == 200 for page in made)


def test_a_renamed_project_shows_on_a_cached_page(
    engine: Engine, client: TestClient, kiosk: Kiosk
) -> None:
    sale = _sold(client, kiosk)
    path = kiosk.cert_path(sale)
    assert "Longquan Mountain urban forest" in client.get(path).text
    with engine.begin() as conn:
        row = storage.get_project(conn=conn, project_id=PROJECT)
        assert row is not None
        data = json.loads(row.data)
        data["name"]["en"] = "Longquan forest, renamed"
        storage.save_project(
            conn=conn, project_id=PROJECT, position=row.position, data=json.dumps(data)
        )
    assert "Longquan forest, renamed" in client.get(path).text
