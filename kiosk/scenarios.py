"""Scenarios as data: the questions, their ranges and labels, and the checking of answers.

Answers arrive as text from the CLI or as typed values from the touchscreen; both go through
`parse_answers`, so a value the kiosk accepts is the same whichever door it came in by.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from types import MappingProxyType

from kiosk.cities import AmbiguousCityError, City, UnknownCityError, load_cities
from kiosk.errors import DataError, InputError
from kiosk.records import Record
from kiosk.resources import load_toml
from kiosk.travel_mix import SYNTAX, TravelMix, parse_travel_mix

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: `diandian footprint` starts without it
    from typing import Any

TYPES = frozenset({"city", "choice", "int", "decimal", "bool", "travel_mix"})
ON_SCREEN = frozenset({"city", "choice", "int", "decimal", "bool"})  # types the touch pages edit
VENUE_CITY = "@venue"  # default of a city question: the venue's own city
AUTO = "@auto"  # default of an optional number the engine works out itself
_TRUE = frozenset({"true", "yes", "y", "1", "on", "是"})
_FALSE = frozenset({"false", "no", "n", "0", "off", "否"})
_INT = re.compile(r"[+-]?\d{1,9}")
_MAX_TEXT = 64  # longer answers are refused before any parsing

Answer = City | Decimal | int | bool | str | TravelMix | None


class Question(Record):
    """One question of a scenario: its type, range or choices, default and condition (a
    frozen record, kiosk/records.py)."""

    FIELDS = (
        "key",
        "type",
        "label",
        "unit",
        "min",
        "max",
        "default",
        "choices",
        "when",
        "default_value",
    )
    __slots__ = FIELDS
    key: str
    type: str
    label: Mapping[str, str]
    unit: str
    min: Decimal | None
    max: Decimal | None
    default: Any  # None means the customer must answer
    choices: Mapping[str, Mapping[str, str]]
    when: Mapping[str, tuple[str, ...]]
    # The default as a typed answer, checked once when the scenarios load (None for @venue,
    # @auto and a required question): parse_answers never re-parses it per call.
    default_value: Answer

    def __init__(
        self,
        key: str,
        type: str,
        label: Mapping[str, str],
        unit: str = "",
        min: Decimal | None = None,
        max: Decimal | None = None,
        default: Any = None,
        choices: Mapping[str, Mapping[str, str]] | None = None,
        when: Mapping[str, tuple[str, ...]] | None = None,
        default_value: Answer = None,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "key", key)
        set_(self, "type", type)
        set_(self, "label", label)
        set_(self, "unit", unit)
        set_(self, "min", min)
        set_(self, "max", max)
        set_(self, "default", default)
        set_(self, "choices", {} if choices is None else choices)
        set_(self, "when", {} if when is None else when)
        set_(self, "default_value", default_value)

    @property
    def required(self) -> bool:
        return self.default is None

    def allowed(self) -> str:
        """What a valid answer looks like, for error lines and help text."""
        if self.type == "choice":
            return "one of " + ", ".join(self.choices)
        if self.type == "bool":
            return "true or false"
        if self.type == "city":
            return "a city name in Chinese, pinyin or English, or an airport code"
        if self.type == "travel_mix":
            return f"{SYNTAX}; MODE one of {', '.join(self.choices)}"
        kind = "a whole number" if self.type == "int" else "a number"
        unit = f" {self.unit}" if self.unit else ""
        return f"{kind} from {self.min} to {self.max}{unit}"

    def applies(self, answers: Mapping[str, Answer]) -> bool:
        # a loop, not all(...): a generator costs more than the test, asked on every footprint
        for key, values in self.when.items():  # noqa: SIM110
            if answers.get(key) not in values:
                return False
        return True


# What parse_answers does with a question left unanswered, besides its typed default.
_REQUIRED: Any = object()  # refuse: the visitor must answer
_VENUE: Any = object()  # the venue's city

# One question as parse_answers walks it: key, parser, the question, its condition as (key,
# values) pairs or None, and what an unanswered one gets (a typed default, None, _REQUIRED or
# _VENUE). Made once per scenario as it loads: a plain tuple, so the walk reads no attributes.
if TYPE_CHECKING:
    Step = tuple[
        str,
        Callable[[Question, Any], Answer],
        Question,
        tuple[tuple[str, tuple[str, ...]], ...] | None,
        Any,
    ]


class Scenario(Record):
    """A scenario's questions in order, and the plan parse_answers follows."""

    FIELDS = ("id", "label", "summary", "questions", "at_least_one", "keys", "plan")
    __slots__ = FIELDS
    id: str
    label: Mapping[str, str]
    summary: Mapping[str, str]
    questions: tuple[Question, ...]
    at_least_one: tuple[str, ...]
    keys: frozenset[str]  # the questions' keys, to refuse an unknown one at once
    plan: tuple[Step, ...]  # parse_answers' steps, one per question (_plan)

    def __init__(
        self,
        id: str,
        label: Mapping[str, str],
        summary: Mapping[str, str],
        questions: tuple[Question, ...],
        at_least_one: tuple[str, ...] = (),
        keys: frozenset[str] = frozenset(),
        plan: tuple[Step, ...] = (),
    ) -> None:
        set_ = object.__setattr__
        set_(self, "id", id)
        set_(self, "label", label)
        set_(self, "summary", summary)
        set_(self, "questions", questions)
        set_(self, "at_least_one", at_least_one)
        set_(self, "keys", keys)
        set_(self, "plan", plan)

    def question(self, key: str) -> Question:
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(key)


def _question(key: str, spec: Mapping[str, Any], choice_lists: Mapping[str, Any]) -> Question:
    where = f"scenarios.toml question {key!r}"
    if spec.get("type") not in TYPES:
        raise DataError(f"{where}: type must be one of {', '.join(sorted(TYPES))}")
    choices = spec.get("choices", {})
    if isinstance(choices, str):
        if choices not in choice_lists:
            raise DataError(f"{where}: unknown choice list {choices!r}")
        choices = choice_lists[choices]
    bounds = {name: Decimal(str(spec[name])) for name in ("min", "max") if name in spec}
    if spec["type"] in ("int", "decimal") and len(bounds) != 2:
        raise DataError(f"{where}: a number question needs min and max")
    question = Question(
        key=key,
        type=spec["type"],
        label=MappingProxyType(dict(spec.get("label", {}))),
        unit=spec.get("unit", ""),
        min=bounds.get("min"),
        max=bounds.get("max"),
        default=spec.get("default"),
        choices=MappingProxyType(dict(choices)),
        when=MappingProxyType({k: tuple(v) for k, v in spec.get("when", {}).items()}),
    )
    if question.default in (None, VENUE_CITY, AUTO):
        return question
    try:
        default_value = parse_value(question, question.default)
    except InputError as exc:
        raise DataError(f"{where}: default {question.default!r}: {exc.message}") from None
    return Question(
        *(key, question.type, question.label, question.unit, question.min, question.max),
        *(question.default, question.choices, question.when, default_value),
    )


@cache
def load_scenarios() -> Mapping[str, Scenario]:
    """Every scenario shipped in resources, in the order the file lists them."""
    data = load_toml("scenarios", "scenarios.toml")
    templates, choice_lists = data.get("questions", {}), data.get("choices", {})
    scenarios: dict[str, Scenario] = {}
    for scenario_id, spec in data.get("scenario", {}).items():
        extra, overrides = spec.get("extra", {}), spec.get("overrides", {})
        questions = []
        for key in spec.get("questions", []):
            if key not in templates and key not in extra:
                raise DataError(f"scenarios.toml scenario {scenario_id!r}: no question {key!r}")
            merged = {**templates.get(key, {}), **extra.get(key, {}), **overrides.get(key, {})}
            questions.append(_question(key, merged, choice_lists))
        scenarios[scenario_id] = Scenario(
            id=scenario_id,
            label=MappingProxyType(dict(spec.get("label", {}))),
            summary=MappingProxyType(dict(spec.get("summary", {}))),
            questions=tuple(questions),
            at_least_one=tuple(spec.get("at_least_one", ())),
            keys=frozenset(question.key for question in questions),
            plan=tuple(_plan(question) for question in questions),
        )
    return MappingProxyType(scenarios)


def _plan(question: Question) -> Step:
    if question.required:
        missing = _REQUIRED
    elif question.default == VENUE_CITY:
        missing = _VENUE
    else:  # a typed default, or None for @auto
        missing = question.default_value
    when = tuple(question.when.items()) or None
    return (question.key, _PARSERS[question.type], question, when, missing)


def get_scenario(scenario_id: str) -> Scenario:
    scenarios = load_scenarios()
    if scenario_id not in scenarios:
        raise InputError("scenario", f"unknown {scenario_id!r}; allowed: {', '.join(scenarios)}")
    return scenarios[scenario_id]


def _number(question: Question, raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise InputError(question.key, f"{raw!r} is not a number; allowed: {question.allowed()}")
    if isinstance(raw, int | Decimal):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(repr(raw))
    elif isinstance(raw, str) and len(raw) <= _MAX_TEXT:
        try:
            value = Decimal(raw.strip())
        except InvalidOperation:
            value = Decimal("NaN")  # refused just below, as "inf" and "NaN" typed in are
        if not value.is_finite():
            raise InputError(
                question.key, f"{raw!r} is not a number; allowed: {question.allowed()}"
            )
    else:
        raise InputError(question.key, f"not a number; allowed: {question.allowed()}")
    if not value.is_finite():
        raise InputError(
            question.key, f"{raw!r} is not a finite number; allowed: {question.allowed()}"
        )
    assert question.min is not None and question.max is not None
    if not question.min <= value <= question.max:
        raise InputError(question.key, f"{raw} is out of range; allowed: {question.allowed()}")
    return value


def _parse_int(question: Question, raw: Any) -> int:
    if isinstance(raw, str):
        text = raw.strip()
        # digits only (what \d matches), the common case, need no regex
        if text.isdecimal() and len(text) <= 9 and len(raw) <= _MAX_TEXT:
            value = int(text)
            if not question.min <= value <= question.max:  # type: ignore[operator]
                raise InputError(
                    question.key, f"{raw} is out of range; allowed: {question.allowed()}"
                )
            return value
        if not _INT.fullmatch(text):
            raise InputError(
                question.key, f"{raw!r} is not a whole number; allowed: {question.allowed()}"
            )
        if len(raw) <= _MAX_TEXT:  # typed digits, the common case: straight to int
            value = int(text)
            if not question.min <= value <= question.max:  # type: ignore[operator]
                raise InputError(
                    question.key, f"{raw} is out of range; allowed: {question.allowed()}"
                )
            return value
    number = _number(question, raw)
    if number != number.to_integral_value():
        raise InputError(
            question.key, f"{raw} is not a whole number; allowed: {question.allowed()}"
        )
    return int(number)


def _parse_city(question: Question, raw: Any) -> City:
    if isinstance(raw, City):
        return raw
    if not isinstance(raw, str) or len(raw) > _MAX_TEXT:
        raise InputError(question.key, f"not a city name; allowed: {question.allowed()}")
    try:
        return load_cities().lookup(raw)
    except (UnknownCityError, AmbiguousCityError) as exc:
        raise InputError(question.key, str(exc)) from None


def _parse_travel_mix(question: Question, raw: Any) -> TravelMix:
    try:
        return parse_travel_mix(raw, question.choices)
    except InputError as exc:
        raise InputError(question.key, exc.message) from None


def _text(question: Question, raw: Any) -> str:
    text = raw if isinstance(raw, str) else str(raw).lower() if isinstance(raw, bool) else None
    if text is None or len(text) > _MAX_TEXT:
        raise InputError(question.key, f"not valid; allowed: {question.allowed()}")
    return text.strip().casefold()


def _parse_bool(question: Question, raw: Any) -> bool:
    text = _text(question, raw)
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InputError(question.key, f"{raw!r} is not allowed; allowed: {question.allowed()}")


def _parse_choice(question: Question, raw: Any) -> str:
    text = _text(question, raw)
    if text in question.choices:
        return text
    raise InputError(question.key, f"{raw!r} is not allowed; allowed: {question.allowed()}")


_PARSERS: Mapping[str, Callable[[Question, Any], Answer]] = MappingProxyType(
    {
        "int": _parse_int,
        "decimal": _number,
        "city": _parse_city,
        "bool": _parse_bool,
        "choice": _parse_choice,
        "travel_mix": _parse_travel_mix,
    }
)


def parse_value(question: Question, raw: Any) -> Answer:
    """Turn one raw answer into its typed value, or raise InputError naming the question."""
    return _PARSERS[question.type](question, raw)


def parse_answers(
    scenario: Scenario, raw: Mapping[str, Any], *, venue_city: City | None = None
) -> dict[str, Answer]:
    """Check every answer and fill defaults; the first problem found raises InputError."""
    for key in raw:
        if key not in scenario.keys:
            allowed = ", ".join(question.key for question in scenario.questions)
            raise InputError(key, f"not a question of {scenario.id}; allowed: {allowed}")
    answers: dict[str, Answer] = {}
    given_for = raw.get
    answered = answers.get
    for key, parse, question, when, missing in scenario.plan:
        given = given_for(key)
        if when is not None:
            applies = True
            for on, values in when:  # a loop: a generator costs more than the test
                if answered(on) not in values:
                    applies = False
                    break
            if not applies:
                if given is None or given == "":
                    continue  # not asked, not answered: no value at all
                condition = "; ".join(f"{k} is {' or '.join(v)}" for k, v in when)
                raise InputError(key, f"only applies when {condition}")
        if given is None or given == "":  # not answered: the default
            if missing is _REQUIRED:
                raise InputError(key, f"an answer is required; allowed: {question.allowed()}")
            answers[key] = venue_city if missing is _VENUE else missing
        else:
            answers[key] = parse(question, given)
    if scenario.at_least_one and not any(answers.get(key) for key in scenario.at_least_one):
        raise InputError(
            scenario.at_least_one[0],
            f"at least one of {', '.join(scenario.at_least_one)} must be above 0",
        )
    return answers


def answer_text(value: Answer) -> str:
    """An answer as plain text that `answer_from_text` reads back to the same value: a city
    by its id (with `@CODE` when the visitor named another of its airports), a number as
    written, a yes/no as true/false. For keeping answers outside the process (the phone
    flow's signed cookie), where a city's name could be ambiguous ("Suzhou")."""
    if isinstance(value, City):
        primary = load_cities().get(value.id).iata[:1]
        return value.id + (f"@{value.iata[0]}" if value.iata[:1] != primary else "")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return "" if value is None else str(value)


def answer_from_text(question: Question, text: str) -> Answer:
    """The value `answer_text` wrote, checked as any answer is (InputError if it no longer
    passes, e.g. a range changed)."""
    if question.type == "city":
        city_id, _, code = text.partition("@")
        try:
            city = load_cities().get(city_id)
            return city.via(code) if code else city
        except (KeyError, ValueError):
            raise InputError(question.key, f"unknown city {text[:40]!r}") from None
    return parse_value(question, text)
