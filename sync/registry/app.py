"""The registry's ASGI app: wiring only (routers, error handlers, the access log, the database
engine)."""

from __future__ import annotations

import gc
import logging
import sys

from fastapi import FastAPI
from sqlalchemy import Engine

from kiosk import logs
from sync import protocol
from sync.registry import access_log, contract, errors
from sync.registry.access_log import AccessLog
from sync.registry.console import access as console_access
from sync.registry.console import actions as console_actions
from sync.registry.console import events_invoices as console_events_invoices
from sync.registry.console import pages as console_pages
from sync.registry.console import payout as console_payout
from sync.registry.console import views as console_views
from sync.registry.credits import DEFAULT_HEADROOM_G
from sync.registry.db import make_engine
from sync.registry.limits import BodyLimit
from sync.registry.page_cache import PageCache
from sync.registry.payments import routes as payment_routes
from sync.registry.phone import pages_company, pages_flow, pages_order, pages_result
from sync.registry.routes import (
    certificates,
    enrol,
    events,
    health,
    operator_api,
    projects,
    pulls,
    push,
)
from sync.registry.web import render


def create_app(db: str | Engine, *, headroom_g: int = DEFAULT_HEADROOM_G) -> FastAPI:
    """An app over the database at `db` (a URL, a path, or an engine the caller owns)."""
    app = FastAPI(
        title="Diandian registry",
        version=f"protocol {protocol.PROTOCOL_VERSION}",
        description="Kiosk enrolment, signed pushes of sales, pulls of catalogue, factors, "
        "allocations, rankings and keys; certificate lookup and pages.",
    )
    app.state.engine = make_engine(db) if isinstance(db, str) else db
    app.state.headroom_g = headroom_g
    app.state.page_cache = PageCache()  # rendered certificate pages (page_cache.py)
    errors.install(app)
    app.add_middleware(BodyLimit)
    app.add_middleware(errors.Guard)
    app.add_middleware(AccessLog)  # the last added runs first: its request id is the guard's
    for module in (health, enrol, push, pulls, certificates, operator_api):
        app.include_router(module.router)
    app.include_router(certificates.page_router)
    for pages in (
        render,
        pages_flow,
        pages_result,
        pages_company,
        pages_order,
        payment_routes,
    ):  # the phone flow's pages
        app.include_router(pages.router)
    app.include_router(events.page_router)
    app.include_router(projects.page_router)
    consoles = (console_access, console_pages, console_views, console_actions, console_payout)
    for console in consoles:  # the operator console (/ops)
        app.include_router(console.router)
    app.include_router(console_events_invoices.router)  # the console's events and invoices
    contract.install(app)
    return app


def serve(app: object, *, host: str, port: int, tls_cert: str | None, tls_key: str | None) -> None:
    """Run the app under uvicorn until stopped (the `diandian registry serve` command). The
    app's log and uvicorn's go to stderr (the journal); the access log is ours, one JSON line
    per request on stdout, written by a listener thread (access_log.py), so uvicorn's own
    access log (formatted on the event loop) stays off."""
    import uvicorn

    logs.configure(None)
    from sync.registry.phone.context import warm

    warm(app)  # the phone flow's content, loaded before the first visitor rather than by them
    # What is loaded by now (modules, templates, the content) lives as long as the process:
    # out of the collector's sight, a full collection no longer walks it. Issue 16: under
    # 50 phones a full collection walked 142,000 such objects for 71 ms on the event loop,
    # in the middle of a visitor's payment; after the freeze they take 8-12 ms.
    gc.collect()
    gc.freeze()
    switch_for(app.state.engine)  # type: ignore[attr-defined]
    writer = access_log.Writer(logging.StreamHandler(sys.stdout)).start()
    try:
        uvicorn.run(
            app,
            host=host,
            port=port,
            ssl_certfile=tls_cert,
            ssl_keyfile=tls_key,
            log_level="info",
            log_config=None,  # uvicorn's loggers propagate to the handlers configured above
            access_log=False,
        )
    finally:
        writer.stop()


PG_SWITCH_S = 0.0005  # the GIL's switch interval serving PostgreSQL (Python's default: 5 ms)


def switch_for(engine: Engine) -> None:
    """On PostgreSQL, a GIL switch interval of PG_SWITCH_S; on SQLite Python's default.

    Why (s7e, BENCHMARKS.md "Phone flow"): on PostgreSQL the phone flow's transactions run on
    worker threads while the event loop keeps the GIL busy, and a thread back from a round
    trip gets the GIL only when the loop is made to drop it, after the switch interval. A
    thread holding a contended row lock (the venue issuer's, every sale of the venue in turn)
    held it that much longer per statement: under 50 phones (bench_phone, two processes) the
    sales waiting for it averaged 3.3-3.9 with 5 ms, 1.5-2.1 with 0.5 ms. On SQLite the short
    work runs on the loop itself (routes.transaction, brief): no thread waits for the GIL."""
    if engine.dialect.name == "postgresql":
        sys.setswitchinterval(PG_SWITCH_S)
