"""Templates to responses: one Jinja2 environment, the security headers, the static files.

Autoescape is on for every template and an undefined name raises (StrictUndefined), so a
nickname can never become markup and a typo in a template fails its test rather than
rendering blank. The Content-Security-Policy forbids inline scripts and styles: pages link
`/static/web.css` and, where a page enhances itself, a script file of ours; forms may post
only to this site and to the payment provider a page names (`form_origins`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from fastapi import APIRouter
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from sync.registry.web.i18n import HTML_LANG, NAMES, Translator, known

STATIC = {"web.css": "text/css; charset=utf-8"}
router = APIRouter(include_in_schema=False)


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("sync.registry.web", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["static"] = static_url
    return env


@cache
def _static(name: str) -> bytes:
    return (files("sync.registry.web") / "static" / name).read_bytes()


@cache
def static_url(name: str) -> str:
    """`/static/NAME?v=HASH`: cached for a day, and a new file is a new address."""
    return f"/static/{name}?v={hashlib.sha256(_static(name)).hexdigest()[:10]}"


def policy(form_origins: Iterable[str] = ()) -> str:
    forms = " ".join(["'self'", *form_origins])
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self'; form-action {forms}; frame-ancestors 'none'; base-uri 'none'"
    )


def headers(form_origins: Iterable[str] = (), *, cache_control: str = "no-store") -> dict[str, str]:
    """What every page answers with (flow pages are never cached: they hold a visit)."""
    return {
        "Content-Security-Policy": policy(form_origins),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": cache_control,
    }


def html(template: str, lang: str, context: Mapping[str, Any]) -> str:
    lang = known(lang)
    return (
        environment()
        .get_template(template)
        .render(t=Translator(lang), lang=lang, html_lang=HTML_LANG[lang], **context)
    )


def page(
    template: str,
    lang: str,
    context: Mapping[str, Any],
    *,
    status: int = 200,
    form_origins: Iterable[str] = (),
) -> HTMLResponse:
    """The rendered template with the security headers."""
    body = html(template, lang, context)
    return HTMLResponse(body, status_code=status, headers=headers(form_origins))


def languages(lang: str, url_for: Any) -> list[dict[str, Any]]:
    """The language switch: each language named in itself, with its address."""
    return [
        {"code": code, "name": name, "url": url_for(code), "current": code == known(lang)}
        for code, name in NAMES.items()
    ]


@router.get("/static/{name}")
async def static(name: str, request: Request) -> Response:
    if name not in STATIC:
        return Response("not found", status_code=404, media_type="text/plain")
    return Response(
        _static(name),
        media_type=STATIC[name],
        headers=headers(cache_control="public, max-age=86400"),
    )
