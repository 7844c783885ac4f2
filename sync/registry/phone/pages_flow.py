"""The phone flow's pages up to the result: the venue's start page, the language switch and
one page per question (the result page is `pages_result`).

Every rule is the core's (kiosk.session): which questions apply, what an answer may be, why
one is refused, which page a result sends back to, the footprint and the offset. These
routes only read the visit from its cookie, word the page and write the visit back.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from kiosk import formats
from kiosk.cities import City
from kiosk.scenarios import Question, answer_text, get_scenario
from kiosk.session import CustomerSession
from sync.registry.phone.context import Here
from sync.registry.web.forms import FormError, read_form
from sync.registry.web.i18n import LANGS

router = APIRouter(include_in_schema=False)
MAX_BARS = 5


@router.get("/v/{venue_id}")
async def start(request: Request, venue_id: str) -> Response:
    here = await Here.of(request, venue_id)
    if isinstance(here, Response):
        return here
    t = here.t
    scenarios = []
    for scenario_id in here.venue.scenarios:
        scenario = get_scenario(scenario_id)
        scenarios.append(
            {
                "id": scenario_id,
                "url": here.url(f"/s/{scenario_id}"),
                "label": t.pick(scenario.label, scenario_id),
                "summary": t.pick(scenario.summary),
            }
        )
    event = t.pick(here.venue.event) if here.venue.event else ""
    return here.render("phone/start.html", {"scenarios": scenarios, "event": event})


@router.get("/v/{venue_id}/lang/{code}")
async def language(request: Request, venue_id: str, code: str) -> Response:
    """Switch language and come back to the same page (only a page of this venue's flow)."""
    here = await Here.of(request, venue_id)
    if isinstance(here, Response):
        return here
    if code in LANGS:
        here.visit = here.visit.but(lang=code)
    wanted = request.query_params.get("next", "")
    parts = urlsplit(wanted)
    safe = not parts.scheme and not parts.netloc and parts.path.startswith(here.url())
    return here.redirect(wanted if safe and "\\" not in wanted else here.url())


@router.get("/v/{venue_id}/s/{scenario_id}")
async def choose(request: Request, venue_id: str, scenario_id: str) -> Response:
    here = await Here.of(request, venue_id)
    if isinstance(here, Response):
        return here
    if scenario_id not in here.venue.scenarios:
        return here.redirect(here.url())
    session = CustomerSession(here.venue, lang=here.visit.lang, factors=here.content.table)
    session.start(scenario_id)
    here.keep(session)
    return here.redirect(here.url("/q/1"))


def _field_value(question: Question, value: Any, lang: str) -> str:
    """What a text field shows for an answer: a city by a name that reads back to it (with
    its province, so of two cities named alike the right one comes back)."""
    if value is None:
        return ""
    if isinstance(value, City):
        if lang == "zh":
            return value.label_in_province("zh")
        return f"{value.name_en}, {value.province}" if value.province else value.name_en
    return answer_text(value)


def _allowed(here: Here, question: Question) -> str:
    t = here.t
    if question.min is None or question.max is None:
        return ""
    low, high = (formats.number(v, t.lang) for v in (question.min, question.max))
    return f"{low} – {high} {question.unit}".strip()


def _question_page(
    here: Here, session: CustomerSession, number: int, problem: str, typed: str | None
) -> Response:
    t = here.t
    pages = session.questions()
    question = pages[number - 1]
    value = session.value(question)
    options = []
    if question.type == "choice":
        options = [
            {"value": key, "label": t.pick(words, key), "checked": value == key}
            for key, words in question.choices.items()
        ]
    elif question.type == "bool":
        options = [
            {"value": "true", "label": t("question.yes"), "checked": value is True},
            {"value": "false", "label": t("question.no"), "checked": value is False},
        ]
    hint = t("question.city_hint") if question.type == "city" else _allowed(here, question)
    if not question.required and question.type in ("int", "decimal") and value is None:
        hint = f"{hint} · {t('question.optional')}"
    words = ""
    if problem:
        words = t(f"problem.{problem}", allowed=_allowed(here, question) or question.allowed())
    total = session.running_total()
    return here.render(
        "phone/question.html",
        {
            "number": number,
            "total": len(pages),
            "label": t.pick(question.label, question.key),
            "kind": question.type,
            "options": options,
            "value": typed if typed is not None else _field_value(question, value, t.lang),
            "hint": hint,
            "problem": words,
            "sofar": t("question.sofar", mass=t.mass(total)) if total else "",
            "action": here.url(f"/q/{number}"),
            "back": here.url(f"/q/{number - 1}") if number > 1 else here.url(),
        },
        status=400 if problem and typed is not None else 200,
    )


def _flow(here: Here) -> CustomerSession | None:
    session = here.session()
    return session if session.scenario_id else None


@router.get("/v/{venue_id}/q/{number}")
async def question(request: Request, venue_id: str, number: int) -> Response:
    here = await Here.of(request, venue_id)
    if isinstance(here, Response):
        return here
    session = _flow(here)
    if session is None:
        return here.redirect(here.url())
    pages = session.questions()
    if not 1 <= number <= len(pages):
        return here.redirect(here.url("/result" if number > len(pages) else "/q/1"))
    problem = request.query_params.get("problem", "")
    return _question_page(here, session, number, problem if problem in _PROBLEMS else "", None)


_PROBLEMS = ("range", "city", "required", "mode_distance", "same_city", "at_least_one")


@router.post("/v/{venue_id}/q/{number}")
async def answer(request: Request, venue_id: str, number: int) -> Response:
    here = await Here.of(request, venue_id)
    if isinstance(here, Response):
        return here
    try:
        form = await read_form(request)
    except FormError:
        return _bad_form(here)
    session = _flow(here)
    if session is None or not here.csrf_ok(form):
        return _bad_form(here) if session is not None else here.redirect(here.url())
    pages = session.questions()
    if not 1 <= number <= len(pages):
        return here.redirect(here.url("/q/1"))
    question = pages[number - 1]
    raw = form.get("answer", "").strip()
    edit = session.edit(question.key, raw)
    if not edit.problem and question.required and question.key not in session.answers:
        edit = type(edit)("required", unparsed=True)
    if edit.problem:
        here.keep(session)
        return _question_page(here, session, number, edit.problem, raw)
    here.keep(session)
    following = session.questions()  # an answer may bring in, or drop, later questions
    index = following.index(question) + 1 if question in following else number
    if index < len(following):
        return here.redirect(here.url(f"/q/{index + 1}"))
    return here.redirect(here.url("/result"))


def _bad_form(here: Here) -> Response:
    return here.problem(here.t("problem.form.title"), here.t("problem.form.message"), status=400)
