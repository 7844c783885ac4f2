"""Scenarios as data: the questions, their ranges and labels, and the checking of answers.

Answers arrive as text from the CLI or as typed values from the touchscreen; both go through
`parse_answers`, so a value the kiosk accepts is the same whichever door it came in by.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from types import MappingProxyType
from typing import Any

from kiosk.cities import AmbiguousCityError, City, UnknownCityError, load_cities
from kiosk.errors import DataError, InputError
from kiosk.resources import load_toml

TYPES = frozenset({"city", "choice", "int", "decimal", "bool"})
VENUE_CITY = "@venue"  # default of a city question: the venue's own city
AUTO = "@auto"  # default of an optional number the engine works out itself
_TRUE = frozenset({"true", "yes", "y", "1", "on", "是"})
_FALSE = frozenset({"false", "no", "n", "0", "off", "否"})
_INT = re.compile(r"[+-]?\d{1,9}")
_MAX_TEXT = 64  # longer answers are refused before any parsing

Answer = City | Decimal | int | bool | str | None


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    type: str
    label: Mapping[str, str]
    unit: str = ""
    min: Decimal | None = None
    max: Decimal | None = None
    default: Any = None  # None means the customer must answer
    choices: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

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
        kind = "a whole number" if self.type == "int" else "a number"
        unit = f" {self.unit}" if self.unit else ""
        return f"{kind} from {self.min} to {self.max}{unit}"

    def applies(self, answers: Mapping[str, Answer]) -> bool:
        return all(answers.get(key) in values for key, values in self.when.items())


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    label: Mapping[str, str]
    summary: Mapping[str, str]
    questions: tuple[Question, ...]
    at_least_one: tuple[str, ...] = ()

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
    return Question(
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
        )
    return MappingProxyType(scenarios)


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


def parse_value(question: Question, raw: Any) -> Answer:
    """Turn one raw answer into its typed value, or raise InputError naming the question."""
    if question.type in ("int", "decimal"):
        if question.type == "int" and isinstance(raw, str) and not _INT.fullmatch(raw.strip()):
            raise InputError(
                question.key, f"{raw!r} is not a whole number; allowed: {question.allowed()}"
            )
        value = _number(question, raw)
        if question.type == "int":
            if value != value.to_integral_value():
                raise InputError(
                    question.key, f"{raw} is not a whole number; allowed: {question.allowed()}"
                )
            return int(value)
        return value
    if question.type == "city":
        if isinstance(raw, City):
            return raw
        if not isinstance(raw, str) or len(raw) > _MAX_TEXT:
            raise InputError(question.key, f"not a city name; allowed: {question.allowed()}")
        try:
            return load_cities().lookup(raw)
        except (UnknownCityError, AmbiguousCityError) as exc:
            raise InputError(question.key, str(exc)) from None
    text = raw if isinstance(raw, str) else str(raw).lower() if isinstance(raw, bool) else None
    if text is None or len(text) > _MAX_TEXT:
        raise InputError(question.key, f"not valid; allowed: {question.allowed()}")
    text = text.strip().casefold()
    if question.type == "bool":
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    elif text in question.choices:
        return text
    raise InputError(question.key, f"{raw!r} is not allowed; allowed: {question.allowed()}")


def parse_answers(
    scenario: Scenario, raw: Mapping[str, Any], *, venue_city: City | None = None
) -> dict[str, Answer]:
    """Check every answer and fill defaults; the first problem found raises InputError."""
    known = {question.key for question in scenario.questions}
    for key in raw:
        if key not in known:
            raise InputError(key, f"not a question of {scenario.id}; allowed: {', '.join(known)}")
    answers: dict[str, Answer] = {}
    for question in scenario.questions:
        present = question.key in raw and raw[question.key] not in (None, "")
        if not question.applies(answers):
            if present:
                condition = "; ".join(f"{k} is {' or '.join(v)}" for k, v in question.when.items())
                raise InputError(question.key, f"only applies when {condition}")
            continue
        if present:
            answers[question.key] = parse_value(question, raw[question.key])
        elif question.required:
            raise InputError(question.key, f"an answer is required; allowed: {question.allowed()}")
        elif question.default == VENUE_CITY:
            answers[question.key] = venue_city
        elif question.default == AUTO:
            answers[question.key] = None
        else:
            answers[question.key] = parse_value(question, question.default)
    if scenario.at_least_one and not any(answers.get(key) for key in scenario.at_least_one):
        raise InputError(
            scenario.at_least_one[0],
            f"at least one of {', '.join(scenario.at_least_one)} must be above 0",
        )
    return answers
