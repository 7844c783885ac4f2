"""The phone flow's "buy as a company" step: the company's registered name, its unified social
credit code and the email the invoice (发票) goes to, between the result and Pay.

Every rule is the core's (kiosk.buyer.company, whose code check is kiosk.uscc's, the one the
kiosk's keyboard and the registry use): a refused field is shown again with one sentence in
the visitor's language saying what is wrong, and nothing is kept until all three pass. What
passed is kept in the visit; the order checks it again when it is placed, and the paid sale
queues its invoice request as a pushed kiosk sale does (sync.registry.invoices).
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from kiosk import uscc
from kiosk.buyer import COMPANY_NAME_MAX, EMAIL_MAX, Company, company
from kiosk.errors import InputError
from sync.registry.phone.context import Here
from sync.registry.web.forms import read_form_or_empty
from sync.registry.web.i18n import Translator

router = APIRouter(include_in_schema=False)


def of_visit(here: Here) -> Company | None:
    """The company the visit buys as, checked again (None when it buys as a person)."""
    v = here.visit
    if not v.company_name and not v.company_code:
        return None
    return company(v.company_name, v.company_code, v.invoice_email)


def problem(t: Translator, exc: InputError) -> str:
    """What is wrong with the company, in the visitor's language."""
    rule = getattr(exc, "rule", "")
    if exc.field == "company_name":
        return t("company.problem.name", n=COMPANY_NAME_MAX)
    if exc.field == "invoice_email":
        return t("company.problem.email")
    if rule == "charset":
        return t(
            "company.problem.code_charset",
            position=exc.params.get("position", ""),
            char=exc.params.get("char", ""),
        )
    if rule == "check":
        return t("company.problem.code_check")
    return t("company.problem.code_length", n=exc.params.get("length", 0), length=uscc.LENGTH)


def _page(
    here: Here,
    typed: dict[str, str],
    *,
    error: str = "",
    field: str = "",
    status: int = 200,
) -> Response:
    return here.render(
        "phone/company.html",
        {
            "action": here.url("/company"),
            "back": here.url("/result"),
            "typed": typed,
            "error": error,
            "field": field,
            "name_max": COMPANY_NAME_MAX,
            "email_max": EMAIL_MAX,
            "taken": bool(here.visit.company_code),
        },
        status=status,
    )


@router.get("/v/{venue_id}/company")
async def company_page(request: Request, venue_id: str) -> Response:
    here = await Here.of(request, venue_id)
    if isinstance(here, Response):
        return here
    if not here.visit.scenario:
        return here.redirect(here.url())
    v = here.visit
    typed = {"name": v.company_name, "code": v.company_code, "email": v.invoice_email}
    return _page(here, typed)


@router.post("/v/{venue_id}/company")
async def take(request: Request, venue_id: str) -> Response:
    here = await Here.of(request, venue_id)
    if isinstance(here, Response):
        return here
    t = here.t
    form = await read_form_or_empty(request)
    if not here.csrf_ok(form):
        return here.problem(t("order.stale.title"), t("order.stale.message"), status=400)
    if form.get("remove"):  # back to buying as a person
        here.visit = here.visit.but(company_name="", company_code="", invoice_email="")
        return here.redirect(here.url("/result"))
    typed = {
        "name": form.get("company_name", "")[:200],
        "code": form.get("company_code", "")[:60],
        "email": form.get("invoice_email", "")[:200],
    }
    try:
        taken = company(typed["name"], typed["code"], typed["email"])
    except InputError as exc:
        field = exc.field if exc.field in ("company_name", "invoice_email") else "company_code"
        return _page(here, typed, error=problem(t, exc), field=field, status=400)
    here.visit = here.visit.but(
        company_name=taken.name, company_code=taken.code, invoice_email=taken.invoice_email
    )
    return here.redirect(here.url("/result"))
