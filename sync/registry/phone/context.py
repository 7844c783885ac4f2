"""One phone request: its venue, the visit from the cookie, the words, and how to answer
(a page or a redirect, both carrying the visit's cookie back).

Also the flow's settings (`Options`: rate limits, the simulated provider's notifying), the
registry's payment providers and the clock, all on the app's state so tests can set them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kiosk.catalogue import Project
from kiosk.errors import InputError
from kiosk.session import CustomerSession
from kiosk.timestamps import utc_now
from kiosk.venues import Venue
from sync.registry import storage
from sync.registry.db import writing
from sync.registry.payments import PaymentProvider
from sync.registry.payments.simulated import KEY_SETTING as SIM_KEY
from sync.registry.payments.simulated import SimulatedProvider
from sync.registry.phone.content import Content, content
from sync.registry.phone.visit import COOKIE, Visit
from sync.registry.web import cookies, render
from sync.registry.web import storage as web_storage
from sync.registry.web.i18n import DEFAULT, Translator
from sync.registry.web.limits import Limit

DEMO_SETTING = "demo"
IP_LIMIT = Limit("ip-orders", 30, 600)
VENUE_LIMIT = Limit("venue-orders", 600, 60)


@dataclass(frozen=True, slots=True)
class Options:
    """The phone flow's settings (`create_app(phone=Options(...))`)."""

    # orders placed: per visitor's address (a venue's Wi-Fi may put hundreds behind one), per
    # venue; past either, the visitor is asked to wait a minute
    ip_limit: Limit = IP_LIMIT
    venue_limit: Limit = VENUE_LIMIT
    # the simulated provider notifies as soon as Pay is pressed (off: the visitor's return
    # must query it, as when a real notification is late)
    auto_notify: bool = True


def options(app: Any) -> Options:
    found = getattr(app.state, "phone", None)
    return found if isinstance(found, Options) else Options()


def now(app: Any) -> datetime:
    clock = getattr(app.state, "clock", None)
    return clock() if clock is not None else utc_now()


async def secret(app: Any) -> bytes:
    held: bytes | None = getattr(app.state, "web_secret", None)
    if held is None:

        def read() -> bytes:
            with writing(app.state.engine) as conn:
                return cookies.secret(conn=conn)

        held = await run_in_threadpool(read)
        app.state.web_secret = held
    return held


async def providers(app: Any) -> dict[str, PaymentProvider]:
    """The payment providers this registry takes: the simulated one in demo mode only."""
    held: dict[str, PaymentProvider] | None = getattr(app.state, "payments", None)
    if held is None:
        held = await run_in_threadpool(_payments, app)
        app.state.payments = held
    return held


def warm(app: Any) -> None:
    """Load what every phone page needs before the first visitor (`registry serve` calls it
    before it listens): the cookie key, the providers, the venues and factor table, the
    templates. Lazily, the first crowd to scan the QR waited for all of it at once (the venue
    page's p99 was 2-3 s in bench/bench_phone.py for a page that takes a few ms)."""
    from sync.registry.db import reading
    from sync.registry.phone import content as phone_content

    with writing(app.state.engine) as conn:
        app.state.web_secret = cookies.secret(conn=conn)
    app.state.payments = _payments(app)
    with reading(app.state.engine) as conn:
        app.state.phone_content = phone_content.load(conn)
    env = render.environment()
    for name in env.list_templates(filter_func=lambda n: n.endswith(".html")):
        env.get_template(name)


def _payments(app: Any) -> dict[str, PaymentProvider]:
    with writing(app.state.engine) as conn:
        if storage.get_setting(conn=conn, key=DEMO_SETTING) != "1":
            return {}
        key = web_storage.secret(conn=conn, name=SIM_KEY)
    return {"simulated": SimulatedProvider(app.state.engine, key)}


class Here:
    """A phone page's request, with what every page needs."""

    def __init__(
        self, request: Request, venue: Venue, visit: Visit, key: bytes, stuff: Content
    ) -> None:
        self.request, self.venue, self.visit, self.key, self.content = (
            request,
            venue,
            visit,
            key,
            stuff,
        )
        self.t = Translator(visit.lang)

    @classmethod
    async def of(cls, request: Request, venue_id: str) -> Here | HTMLResponse:
        """The request's context, or the page saying the venue is unknown."""
        stuff = await content(request.app)
        key = await secret(request.app)
        visit = Visit.from_state(cookies.decode(key, request.cookies.get(COOKIE)))
        venue = stuff.venues.get(venue_id)
        lang = visit.lang if visit is not None else DEFAULT
        if venue is None:
            words = Translator(lang)
            return render.page(
                "problem.html",
                lang,
                {
                    "title": words("problem.venue.title"),
                    "message": words("problem.venue.message", venue=venue_id[:64]),
                    "actions": [],
                    "switch": [],
                    "home": "",
                },
                status=404,
            )
        if visit is None or visit.venue != venue.id:
            visit = Visit.new(venue.id, lang)
        return cls(request, venue, visit, key, stuff)

    # -- the visit -------------------------------------------------------------------------

    def session(self) -> CustomerSession:
        """The core's session for this visit: scenario, answers (each checked again), offset."""
        v = self.visit
        session = CustomerSession(self.venue, lang=v.lang, factors=self.content.table)
        if v.scenario in self.venue.scenarios:
            try:
                session.start(v.scenario)
            except InputError:
                return session
            session.restore_answers(v.answers)
            session.offset, session.amount_g = v.offset, v.amount_g
            session.project_id, session.nickname = v.project, v.nickname
        return session

    def keep(self, session: CustomerSession, **more: Any) -> None:
        """Remember the session's state in the visit (written with the response)."""
        self.visit = self.visit.but(
            scenario=session.scenario_id,
            answers=session.answer_texts(),
            offset=session.offset,
            amount_g=session.amount_g,
            project=session.project_id,
            nickname=session.nickname,
            **more,
        )

    def csrf(self) -> str:
        return cookies.csrf_token(self.key, self.visit.id)

    def csrf_ok(self, form: Mapping[str, str]) -> bool:
        return cookies.csrf_ok(self.key, self.visit.id, form.get("csrf"))

    # -- answers ---------------------------------------------------------------------------

    def url(self, path: str = "") -> str:
        return f"/v/{self.venue.id}{path}"

    def switch(self) -> list[dict[str, Any]]:
        here = self.request.url.path
        query = self.request.url.query
        back = quote(here + (f"?{query}" if query else ""), safe="")
        return render.languages(self.visit.lang, lambda code: self.url(f"/lang/{code}?next={back}"))

    def project_name(self, project: Project) -> str:
        return self.t.pick(project.name, project.id)

    def render(
        self,
        template: str,
        context: Mapping[str, Any],
        *,
        status: int = 200,
        form_origins: Iterable[str] = (),
    ) -> HTMLResponse:
        common = {
            "venue": self.venue,
            "venue_name": self.t.pick(self.venue.name, self.venue.id),
            "home": self.url(),
            "switch": self.switch(),
            "csrf": self.csrf(),
        }
        response = render.page(
            template,
            self.visit.lang,
            {**common, **context},
            status=status,
            form_origins=form_origins,
        )
        self.store(response)
        return response

    def redirect(self, path: str) -> RedirectResponse:
        response = RedirectResponse(path, status_code=303, headers=render.headers())
        self.store(response)
        return response

    def store(self, response: Response) -> None:
        cookies.store(response, self.request, COOKIE, self.key, self.visit.state())

    def problem(
        self,
        title: str,
        message: str,
        *,
        status: int,
        actions: list[tuple[str, str]] | None = None,
    ) -> HTMLResponse:
        """A page saying what went wrong, in the visitor's language, and where to go next."""
        links = actions if actions is not None else [(self.url(), self.t("action.start"))]
        return self.render(
            "problem.html",
            {"title": title, "message": message, "actions": links},
            status=status,
        )
