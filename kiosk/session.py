"""One customer's visit, from the scenario they pick to the order they pay: what the screens
share, kept out of Qt so that it is tested (and simulated) like the rest of the core.

Answers are stored typed (City, Decimal, int, bool, choice key) as the screens give them; each
goes through `parse_value` on the way in, so a bad value is refused on its own page. Only the
questions that still apply are counted (a cabin class stops counting when the mode changes from
plane to train), so changing an earlier answer never leaves a stale one behind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk.comparisons import month_of
from kiosk.errors import InputError
from kiosk.venues import Venue

# The engine, the ledger's orders, the scenarios and the factor table are not needed for the
# kiosk's first frame (a session is made with the window): each is imported where it is used.
if TYPE_CHECKING:
    from kiosk.factors import FactorTable
    from kiosk.footprint import Footprint
    from kiosk.ledger import Order
    from kiosk.scenarios import Answer, Question, Scenario

LIFESTYLE = "lifestyle"
# Why a question page refuses what was given (each screen words these in its language):
# range (not allowed / out of range), city (no such city), required, mode_distance (a way of
# travelling that does not fit the distance), same_city (start and end in one city: give the
# distance), at_least_one (every amount is zero).
PROBLEMS = ("range", "city", "required", "mode_distance", "same_city", "at_least_one")
OFFSETS = ("all", "month", "year")  # what part of the footprint the customer offsets


@dataclass(frozen=True, slots=True)
class Edit:
    """What became of an answer given on its page: `problem` ("" when kept; else one of
    PROBLEMS), and whether the value was refused before it was even stored (so the running
    total must not be shown as if it counted)."""

    problem: str = ""
    unparsed: bool = False


@dataclass(frozen=True, slots=True)
class Detour:
    """Where the result step sends the visitor instead: the question page to fix, and why."""

    page: int
    problem: str


@dataclass
class CustomerSession:
    """Mutable on purpose: the main window owns one and resets it for every customer."""

    venue: Venue
    lang: str = "zh"
    scenario_id: str = ""
    answers: dict[str, Answer] = field(default_factory=dict)
    offset: str = "all"
    project_id: str = ""
    nickname: str = ""
    order: Order | None = None
    amount_g: int | None = None  # an amount chosen when no project covers the whole offset
    default_lang: str = "zh"  # the first of the languages the settings file offers
    factors: FactorTable | None = None  # the table in force (None: the shipped one)

    def reset(self) -> None:
        """Forget everything about the customer (the language goes back to the default too)."""
        self.lang = self.default_lang
        self.scenario_id, self.offset, self.project_id, self.nickname = "", "all", "", ""
        self.answers = {}
        self.order = None
        self.amount_g = None

    def start(self, scenario_id: str) -> None:
        from kiosk.scenarios import get_scenario

        get_scenario(scenario_id)  # an unknown id is refused here, not on the result screen
        self.scenario_id = scenario_id
        self.answers = {}
        self.offset = "month" if scenario_id == LIFESTYLE else "all"
        self.project_id, self.nickname, self.order = "", "", None
        self.amount_g = None

    @property
    def scenario(self) -> Scenario:
        from kiosk.scenarios import get_scenario

        return get_scenario(self.scenario_id)

    def questions(self) -> list[Question]:
        """The pages to show, in order: every question that applies to the answers so far."""
        effective: dict[str, Any] = {}
        shown = []
        for question in self.scenario.questions:
            if not question.applies(effective):
                continue
            shown.append(question)
            value = self.value(question)
            if value is not None:
                effective[question.key] = value
        return shown

    def value(self, question: Question) -> Answer:
        """The answer given, else the default the page starts from (None: blank)."""
        from kiosk.scenarios import AUTO, VENUE_CITY, parse_value

        if question.key in self.answers:
            return self.answers[question.key]
        if question.default is None or question.default == AUTO:
            return None
        if question.default == VENUE_CITY:
            return self.venue.city
        return parse_value(question, question.default)

    def answer(self, key: str, raw: Any) -> Answer:
        """Check and keep one answer; None or "" clears it (back to the default)."""
        from kiosk.scenarios import parse_value

        question = self.scenario.question(key)
        if raw is None or raw == "":
            self.answers.pop(key, None)
            return None
        value = parse_value(question, raw)
        self.answers[key] = value
        return value

    def answer_texts(self) -> dict[str, str]:
        """The answers as plain text (kiosk.scenarios.answer_text), to keep them outside the
        process: the phone flow carries them from page to page in a signed cookie."""
        from kiosk.scenarios import answer_text

        return {key: answer_text(value) for key, value in self.answers.items()}

    def restore_answers(self, texts: Mapping[str, str]) -> None:
        """Answers kept by `answer_texts`, each checked again as it comes back; one that no
        longer fits (not a question of this scenario, a value out of range) is dropped."""
        from kiosk.scenarios import answer_from_text

        self.answers = {}
        for key, text in texts.items():
            try:
                question = self.scenario.question(key)
                self.answers[key] = answer_from_text(question, str(text))
            except (KeyError, InputError):
                continue

    def refusal(self, key: str) -> InputError | None:
        """Why the answer to KEY cannot stand with the answers so far (the metro from Beijing to
        Chengdu), so its own page refuses it; None when it fits or cannot be judged yet."""
        if key not in self.answers or self.missing():
            return None
        try:
            self.footprint()
        except InputError as exc:
            return exc if exc.field == key else None
        return None

    def edit(self, key: str, raw: Any) -> Edit:
        """Every change on a question's page, as the touchscreen and the phone take it: keep a
        valid value; refuse one out of range, or a way of travelling that does not fit the
        distance (the total never counts a refused value)."""
        question = self.scenario.question(key)
        try:
            self.answer(key, raw)
        except InputError:
            return Edit("city" if question.type == "city" else "range", unparsed=True)
        refused = self.refusal(key)
        if refused is not None:
            self.answer(key, None)
            return Edit(self.problem_of(refused))
        return Edit()

    def problem_of(self, exc: InputError) -> str:
        """Which of PROBLEMS a footprint the answers cannot make shows on its page."""
        if exc.field in self.scenario.at_least_one:
            return "at_least_one"
        return {"mode": "mode_distance", "distance_km": "same_city"}.get(exc.field, "range")

    def result(self) -> Footprint | Detour:
        """The footprint for the result step, or the question page that must be fixed first
        (a required answer missing, answers that cannot make a footprint, nothing counted)."""
        pages = [q.key for q in self.questions()]
        missing = self.missing()
        if missing:
            return Detour(pages.index(missing[0]), "required")
        try:
            footprint = self.footprint()
        except InputError as exc:
            page = pages.index(exc.field) if exc.field in pages else 0
            return Detour(page, self.problem_of(exc))
        if footprint.total_grams <= 0:
            return Detour(0, "at_least_one")
        return footprint

    def missing(self) -> list[str]:
        """Required questions that still have no answer."""
        return [q.key for q in self.questions() if q.required and q.key not in self.answers]

    def _raw(self) -> dict[str, Any]:
        keys = {q.key for q in self.questions()}
        return {key: value for key, value in self.answers.items() if key in keys}

    def footprint(self) -> Footprint:
        """The footprint of the answers so far; InputError if it cannot be worked out yet."""
        from kiosk.footprint import compute  # first asked after the first frame

        return compute(self.scenario_id, self._raw(), venue=self.venue, table=self.factors)

    def running_total(self) -> int | None:
        """Grams so far for the live total, or None while a required answer is missing."""
        if not self.scenario_id or self.missing():
            return None
        try:
            return self.footprint().total_grams
        except InputError:
            return None

    def offset_g(self, footprint: Footprint | None = None) -> int:
        """Grams to offset: the whole footprint, a lifestyle year's month or year, or the
        amount chosen when no project could cover that (kiosk.offers)."""
        if self.amount_g is not None:
            return self.amount_g
        total = (footprint or self.footprint()).total_grams
        return month_of(total) if self.offset == "month" else total

    def choose_offset(self, offset: str) -> None:
        if offset not in OFFSETS:
            raise InputError("offset", f"{offset!r} is not one of {', '.join(OFFSETS)}")
        self.offset = offset
        self.amount_g = None
