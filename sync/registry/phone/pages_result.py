"""The phone flow's result page: the footprint, what is left of each project before Pay, and,
when no project has enough left for the whole offset, what can be bought instead.

What is left is the stock an order would get (`stock.sellable`: the venue issuer's own and
what the grant logic could still give it). The rules are the kiosk's (kiosk.offers): a
project that cannot cover the offset is marked and cannot be paid for; when none can, the
page offers the largest offset one project can cover, a month of a year's footprint, or an
amount the visitor types, each checked again on the server when chosen (`POST .../amount`).
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from kiosk import formats, offers
from kiosk.comparisons import car_km
from kiosk.errors import InputError
from kiosk.footprint import Footprint, Line, largest_lines
from kiosk.ledger import Stock
from kiosk.money import amount_fen
from kiosk.session import LIFESTYLE, OFFSETS, CustomerSession, Detour
from kiosk.slips.labels import line_label
from sync.registry.phone import issuer, stock
from sync.registry.phone.context import Here, now, providers
from sync.registry.routes import reading
from sync.registry.web.forms import read_form_or_empty
from sync.registry.web.i18n import Translator, strings

router = APIRouter(include_in_schema=False)
MAX_BARS = 5


@router.get("/v/{venue_id}/result")
async def result(request: Request, venue_id: str) -> Response:
    here = await Here.of(request, venue_id)
    if isinstance(here, Response):
        return here
    session = here.session()
    if not session.scenario_id:
        return here.redirect(here.url())
    chosen = request.query_params.get("offset")
    if chosen in OFFSETS and (session.scenario_id == LIFESTYLE or chosen == "all"):
        session.choose_offset(chosen)  # also drops an amount chosen when stock was short
    outcome = session.result()
    if isinstance(outcome, Detour):
        here.keep(session)
        return here.redirect(here.url(f"/q/{outcome.page + 1}?problem={outcome.problem}"))
    if session.amount_g is not None and session.amount_g > outcome.total_grams:
        session.amount_g = None  # the answers changed since: the amount was of a larger one
    return await _page(request, here, session, outcome)


@router.post("/v/{venue_id}/amount")
async def amount(request: Request, venue_id: str) -> Response:
    """No project covers the offset: the visitor takes one of the offers, or types an amount."""
    here = await Here.of(request, venue_id)
    if isinstance(here, Response):
        return here
    t = here.t
    form = await read_form_or_empty(request)
    session = here.session()
    if not session.scenario_id or not here.csrf_ok(form):
        return here.problem(t("problem.form.title"), t("problem.form.message"), status=400)
    footprint = session.result()
    if not isinstance(footprint, Footprint):
        return here.redirect(here.url("/result"))
    session.amount_g = None  # the offers are of what the visitor wanted before choosing one
    stocks = await _stocks(request, here)
    wanted = session.offset_g(footprint)
    if offers.covered(stocks, wanted):  # nothing to choose: a project covers it all
        here.keep(session)
        return here.redirect(here.url("/result"))
    year = footprint.scenario == LIFESTYLE
    found = offers.offers(stocks, wanted, footprint.total_grams, year=year)
    choices = {offer.kind: offer.grams for offer in found}
    picked = form.get("offer", "")
    try:
        if picked in choices:
            grams = choices[picked]
        else:
            typed = offers.typed_grams(form.get("kg", ""))
            grams = offers.chosen_amount(typed, stocks, footprint.total_grams)
    except InputError:
        return await _page(request, here, session, footprint, stocks, typed=form.get("kg", ""))
    session.amount_g = grams
    here.keep(session)
    return here.redirect(here.url("/result"))


async def _stocks(request: Request, here: Here) -> list[Stock]:
    owner, at = issuer.issuer_id(here.venue.id), now(request.app)
    return await reading(
        request, lambda conn: stock.sellable(conn=conn, issuer=owner, now=at), brief=True
    )


async def _page(
    request: Request,
    here: Here,
    session: CustomerSession,
    footprint: Footprint,
    stocks: list[Stock] | None = None,
    *,
    typed: str | None = None,
) -> Response:
    """The result page (TYPED: an amount the visitor typed that was refused, shown again)."""
    here.keep(session)
    payable = bool(await providers(request.app))
    found = stocks if stocks is not None else await _stocks(request, here)
    context = {
        **_footprint(here, session, footprint),
        **_projects(here, session, footprint, found, typed),
        "can_pay": payable,
    }
    return here.render("phone/result.html", context, status=400 if typed is not None else 200)


def _footprint(here: Here, session: CustomerSession, footprint: Footprint) -> dict[str, Any]:
    """The total, a bar per line, and for a year's footprint the month or year tabs."""
    t = here.t
    table = here.content.table
    shown, rest = largest_lines(footprint.lines, MAX_BARS)
    bars = [
        {
            "label": line_label(
                {"activity": line.activity, "detail": dict(line.detail)}, table, (t.lang,)
            ),
            "mass": t.mass(line.grams),
            "counted": counted(t, line),
            "source": t("result.source", source=line.cite) if line.cite else "",
        }
        for line in shown
    ]
    if rest:
        bars.append({"label": t("result.rest"), "mass": t.mass(rest), "counted": "", "source": ""})
    tabs = []
    if session.scenario_id == LIFESTYLE:
        for key in ("month", "year"):
            probe = CustomerSession(here.venue, lang=t.lang, factors=table)
            probe.scenario_id, probe.answers = session.scenario_id, session.answers
            probe.choose_offset(key)
            tabs.append(
                {
                    "url": here.url(f"/result?offset={key}"),
                    "label": t(f"result.offset.{key}", mass=t.mass(probe.offset_g(footprint))),
                    "current": key == session.offset and session.amount_g is None,
                }
            )
    return {
        "total": t.mass(footprint.total_grams),
        "car": t("result.car", km=t.count(car_km(footprint.total_grams, table))),
        "factors": t("result.factors", version=footprint.factors_version),
        "bars": bars,
        "offsets": tabs,
        "back": here.url(f"/q/{len(session.questions())}"),
    }


UNITS = {"pkm": "km", "vkm": "km", "km": "km"}  # the words of a factor's unit (strings.toml)


def counted(t: Translator, line: Line) -> str:
    """What a line counted, as the kiosk's breakdown words it: "2 nights × 53.5 kg", the
    factor as sourced (not rounded), so a visitor can check the sum."""
    unit = UNITS.get(line.unit, line.unit)
    n = formats.quantity(line.quantity, t.lang)
    key = f"result.unit.{unit}"
    amount = t(key, n=n) if key in strings() else f"{n} {line.unit}"
    each = t("result.factor", factor=formats.factor(line.factor_kg_per_unit, t.lang))
    return f"{amount} × {each}"


def _projects(
    here: Here,
    session: CustomerSession,
    footprint: Footprint,
    stocks: list[Stock],
    typed: str | None,
) -> dict[str, Any]:
    """The project cards with what is left of each, or, when none covers the offset, the
    offers (kiosk.offers) and the form for an amount of the visitor's own."""
    t = here.t
    offset_g = session.offset_g(footprint)
    minimum = here.venue.min_charge_fen
    short = bool(stocks) and not offers.covered(stocks, offset_g)
    most = offers.largest(stocks)
    high = min(footprint.total_grams, most)
    low = min(offers.MIN_OFFSET_G, high)
    words = {"month": "result.short.month", "largest": "result.short.largest"}
    year = footprint.scenario == LIFESTYLE
    choices = offers.offers(stocks, offset_g, footprint.total_grams, year=year)
    chosen = ""
    if session.amount_g is not None:
        again = here.url(f"/result?offset={session.offset}")
        chosen = t("result.chosen", mass=t.mass(offset_g), total=t.mass(footprint.total_grams))
    else:
        again = ""
    return {
        "attempt": secrets.token_urlsafe(12),
        "offset_g": offset_g,
        "nickname": session.nickname,
        "company": _company(here),
        "company_url": here.url("/company"),
        "short": short,
        "short_message": t("result.short.message", mass=t.mass(offset_g)),
        "offers": [
            {"kind": o.kind, "label": t(words[o.kind], mass=t.mass(o.grams))} for o in choices
        ],
        "can_choose": short and most >= offers.MIN_OFFSET_G,
        "amount_hint": t("result.short.hint", low=t.mass(low), high=t.mass(high)),
        "typed": typed or "",
        "amount_problem": t("result.short.problem") if typed is not None else "",
        "chosen": chosen,
        "again": again,
        "projects": [_card(here, s, offset_g, minimum) for s in stocks],
        "min_charge": t("result.min_charge", amount=t.money(minimum)) if minimum else "",
        "action": here.url("/order"),
        "amount_action": here.url("/amount"),
    }


def _company(here: Here) -> str:
    """The line naming the company the visitor buys as ("" for a person)."""
    v = here.visit
    if not v.company_code:
        return ""
    return here.t("result.company.as", name=v.company_name, code=v.company_code)


def _card(here: Here, item: Stock, offset_g: int, minimum: int) -> dict[str, Any]:
    t = here.t
    p = item.project
    left = item.available_g
    short_of = (
        t("result.sold_out")
        if left < offers.MIN_OFFSET_G
        else t("result.not_enough", mass=t.mass(offset_g))
    )
    return {
        "id": p.id,
        "name": p.label(t.lang),
        "meta": " · ".join(x for x in (t.pick(p.location), p.standard, str(p.vintage)) if x),
        "price": t.money(p.price_fen_per_t),
        "left": t("result.left", mass=t.mass(left)),
        "covers": left >= offset_g,
        "sold_out": short_of,
        "amount": t.money(amount_fen(offset_g, p.price_fen_per_t, minimum)),
    }
