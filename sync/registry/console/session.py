"""One console request: the signed session cookie (who is signed in, the language), its CSRF
token, and how a console page answers (a page or a redirect, both carrying the cookie back).

The cookie (sync.registry.web.cookies: HMAC-signed, HTTP-only, SameSite=Lax, two hours since
the last page) holds a random session id, the language and the operator's name, nothing
else: the operator's role and project are read from the database on every page, so a
disabled account or a changed role takes effect at once. Signing in starts a new session id
(a session fixed before sign-in is worth nothing after it), and so does signing out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any
from urllib.parse import quote, urlsplit

from sqlalchemy import Connection
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from sync.registry import operators
from sync.registry.operators import Operator, Role
from sync.registry.phone.context import secret
from sync.registry.web import cookies, render
from sync.registry.web.i18n import DEFAULT, LANGS, Translator

COOKIE = "dd_ops"
HOME = "/ops"
SIGN_IN = "/ops/sign-in"


@dataclass(frozen=True, slots=True)
class State:
    id: str
    lang: str = DEFAULT
    operator: str = ""  # the signed-in operator's name; empty before sign-in

    @classmethod
    def new(cls, lang: str = DEFAULT) -> State:
        return cls(id=cookies.fresh_id(), lang=lang)

    @classmethod
    def from_cookie(cls, state: dict[str, Any] | None) -> State:
        """The cookie's state; a fresh one for anything missing or malformed."""
        if state is None or not all(
            isinstance(state.get(k, ""), str) for k in ("id", "lang", "operator")
        ):
            return cls.new()
        lang = state.get("lang", DEFAULT)
        return cls(state["id"], lang if lang in LANGS else DEFAULT, state.get("operator", ""))

    def but(self, **changes: Any) -> State:
        return replace(self, **changes)


class Desk:
    """A console page's request: the session, the words, and the signed-in operator (read
    in the page's own transaction by `who`)."""

    def __init__(self, request: Request, state: State, key: bytes) -> None:
        self.request, self.state, self.key = request, state, key
        self.t = Translator(state.lang)

    @classmethod
    async def of(cls, request: Request) -> Desk:
        key = await secret(request.app)
        return cls(
            request, State.from_cookie(cookies.decode(key, request.cookies.get(COOKIE))), key
        )

    def who(self, conn: Connection) -> Operator | None:
        if not self.state.operator:
            return None
        return operators.current(conn=conn, name=self.state.operator)

    def csrf(self) -> str:
        return cookies.csrf_token(self.key, self.state.id)

    def csrf_ok(self, form: Mapping[str, str]) -> bool:
        return cookies.csrf_ok(self.key, self.state.id, form.get("csrf"))

    def switch(self) -> list[dict[str, Any]]:
        here = self.request.url.path
        query = self.request.url.query
        back = quote(here + (f"?{query}" if query else ""), safe="")
        return render.languages(self.state.lang, lambda code: f"{HOME}/lang/{code}?next={back}")

    def nav(self, who: Operator | None) -> list[dict[str, Any]]:
        """The console's sections this operator may open (an owner: its project's statements,
        sales and retirements, and its audit rows)."""
        if who is None:
            return []
        staff = who.role != Role.OWNER
        keys = ["statements", "sales", "retirements"]
        keys += ["kiosks", "venues", "tokens", "reconcile"] if staff else []
        keys += ["events", "invoices"] if staff else []  # issue 18 (console/events_invoices)
        items = [(key, f"{HOME}/{key}") for key in [*keys, "audit"]]
        path = self.request.url.path
        return [
            {
                "key": key,
                "url": url,
                "label": self.t(f"ops.nav.{key}"),
                "current": path.startswith(url),
            }
            for key, url in items
        ]

    def render(
        self, template: str, who: Operator | None, context: Mapping[str, Any], *, status: int = 200
    ) -> HTMLResponse:
        common = {
            "home": HOME,
            "switch": self.switch(),
            "csrf": self.csrf(),
            "who": who,
            "nav": self.nav(who),
            "role_name": self.t(f"ops.role.{who.role.value}") if who else "",
        }
        response = render.page(template, self.state.lang, {**common, **context}, status=status)
        self.store(response)
        return response

    def problem(
        self, who: Operator | None, title: str, message: str, *, status: int
    ) -> HTMLResponse:
        return self.render(
            "ops/problem.html", who, {"title": title, "message": message}, status=status
        )

    def redirect(self, path: str) -> RedirectResponse:
        response = RedirectResponse(path, status_code=303, headers=render.headers())
        self.store(response)
        return response

    def store(self, response: Response) -> None:
        cookies.store(response, self.request, COOKIE, self.key, asdict(self.state))

    def to_sign_in(self, back: str = "") -> RedirectResponse:
        """To the sign-in page, remembering where the operator was going (`back`, for a form
        posted after the session ended: the page the form was on)."""
        url = self.request.url
        here = back or url.path + (f"?{url.query}" if url.query else "")
        return self.redirect(f"{SIGN_IN}?next={quote(here, safe='')}")


def safe_next(wanted: str) -> str:
    """A console page to go to after sign-in or a language switch; the console's home for
    anything else (never another site: no scheme, no host, no backslash)."""
    parts = urlsplit(wanted)
    ok = not parts.scheme and not parts.netloc and parts.path.startswith(f"{HOME}/")
    return wanted if ok and "\\" not in wanted and not wanted.startswith("//") else HOME
