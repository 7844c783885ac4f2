"""One visitor's way through the phone flow, kept in their browser's signed cookie
(sync.registry.web.cookies): the venue, the language, the scenario and answers (as plain
text, kiosk.scenarios.answer_text), what part to offset, the project, the nickname, the
company buying (if one is) and the last order. Nothing in it is trusted for money: every
page recomputes from it with the core (a company is checked again when the order is placed).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from kiosk.session import OFFSETS
from sync.registry.web import cookies
from sync.registry.web.i18n import DEFAULT, LANGS

COOKIE = "dd_visit"


@dataclass(frozen=True, slots=True)
class Visit:
    id: str
    venue: str
    lang: str = DEFAULT
    scenario: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    offset: str = "all"
    amount_g: int | None = None
    project: str = ""
    nickname: str = ""
    order: str = ""  # the last order placed (its id)
    # buying as a company (the company step, checked by kiosk.buyer.company when taken)
    company_name: str = ""
    company_code: str = ""
    invoice_email: str = ""

    @classmethod
    def new(cls, venue: str, lang: str = DEFAULT) -> Visit:
        return cls(id=cookies.fresh_id(), venue=venue, lang=lang)

    def state(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_state(cls, state: dict[str, Any] | None) -> Visit | None:
        """The visit a valid cookie holds; None for anything malformed."""
        if state is None:
            return None
        texts = ("id", "venue", "lang", "scenario", "offset", "project", "nickname", "order",
                 "company_name", "company_code", "invoice_email")  # fmt: skip
        if any(not isinstance(state.get(k, ""), str) for k in texts):
            return None
        answers = state.get("answers", {})
        if not isinstance(answers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in answers.items()
        ):
            return None
        amount = state.get("amount_g")
        if amount is not None and (type(amount) is not int or amount <= 0):
            return None
        visit = cls(
            id=state["id"],
            venue=state.get("venue", ""),
            lang=state.get("lang", DEFAULT) if state.get("lang") in LANGS else DEFAULT,
            scenario=state.get("scenario", ""),
            answers=dict(answers),
            offset=state.get("offset", "all") if state.get("offset") in OFFSETS else "all",
            amount_g=amount,
            project=state.get("project", ""),
            nickname=state.get("nickname", "")[:40],
            order=state.get("order", "")[:40],
            company_name=state.get("company_name", "")[:120],
            company_code=state.get("company_code", "")[:40],
            invoice_email=state.get("invoice_email", "")[:120],
        )
        return visit

    def but(self, **changes: Any) -> Visit:
        return replace(self, **changes)
