"""Old against new: the engine issue 19 made fast gives exactly what the plain one gave.

tests/kiosk/engine_before.py keeps the answer checking, grid choice, pricing, name
normalisation and distance as they were. Thousands of seeded random answer sets (valid,
out of range, malformed, typed as the touchscreen gives them, unknown keys) go through both;
each must give the same answers (value, type and Decimal exponent), the same lines to the gram,
or the same refusal naming the same field with the same words.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pytest

from kiosk.cities import City, city_distance_km, load_cities, normalize
from kiosk.errors import InputError
from kiosk.factors import load_factors
from kiosk.footprint import compute
from kiosk.scenarios import Question, load_scenarios
from kiosk.venues import load_venues
from tests.kiosk import engine_before as before

CASES_PER_SCENARIO = 2500
CITIES = list(load_cities())
NOISE = ["", None, " ", "abc", "-1", "1e3", "inf", "NaN", "+7", "007", " 12 ", "2.0", "0.05",
         "9" * 12, "x" * 70, True, False, 3.5, Decimal("1.50"), 0, [1], "是", "ＴＲＵＥ",
         "１２", "²", "٣", "1_000", "٣٤٥"]  # fmt: skip


def _city_text(rng: random.Random) -> Any:
    city = rng.choice(CITIES)
    forms = [city.id, city.name_en, city.name_zh, city.pinyin, city.name_en.upper(),
             f"{city.name_zh}市", *city.iata, f"{city.name_en}, {city.province}", city]  # fmt: skip
    if rng.random() < 0.15:
        return rng.choice(["Suzhou", "Nowhereville", "北京", "ctu", "chengdo", 42])
    return rng.choice(forms)


def _number_text(rng: random.Random, question: Question, clean: bool) -> Any:
    low, high = int(question.min or 0), int(question.max or 0)
    if not clean:
        low, high = low - 2, high + 2
    whole = rng.randint(low, high) if rng.random() < 0.5 else rng.randint(low, min(high, 12))
    if question.type == "int":
        return rng.choice([str(whole), whole, f" {whole} ", f"+{whole}", Decimal(whole)])
    places = rng.choice([0, 1, 2, 3, 12, 30])
    fraction = f".{rng.randrange(10**places):0{places}d}" if places else ""
    text = f"{min(whole, high - 1) if clean else whole}{fraction}"
    return rng.choice([text, Decimal(text), float(whole), whole, f" {text} "])


def _value(rng: random.Random, question: Question, clean: bool) -> Any:
    if not clean and rng.random() < 0.2:
        return rng.choice(NOISE)
    if question.type == "city":
        return _city_text(rng)
    if question.type in ("int", "decimal"):
        return _number_text(rng, question, clean)
    if question.type == "bool":
        return rng.choice(["yes", "no", "true", "FALSE", "1", "0", "否", True, False, "maybe"])
    choices = list(question.choices)
    pick = rng.choice(choices)
    return rng.choice([pick, pick.upper(), f" {pick} ", pick, *(["rocket"] if not clean else [])])


def random_answers(rng: random.Random, scenario_id: str) -> dict[str, Any]:
    """Answers, most of them plausible (a third of the sets anything goes)."""
    scenario = load_scenarios()[scenario_id]
    clean = rng.random() < 0.65
    raw: dict[str, Any] = {}
    for question in scenario.questions:
        asked = all(str(raw.get(k, "")).strip().casefold() in v for k, v in question.when.items())
        wanted = question.required or rng.random() < 0.5
        if wanted and (asked or not clean or rng.random() < 0.1):
            raw[question.key] = _value(rng, question, clean)
    if rng.random() < 0.03:
        raw["colour"] = "red"
    return raw


def _plain(value: Any) -> Any:
    """Value and type, Decimal exponent included: Decimal('2.0') is not Decimal('2')."""
    return (type(value).__name__, repr(value))


def _refusal(exc: InputError) -> tuple[str, Any]:
    if "not a question of" in exc.message:  # the old code listed the keys in set order
        head, _, allowed = exc.message.partition("allowed: ")
        return exc.field, (head, sorted(allowed.split(", ")))
    return exc.field, exc.message


def run_new(scenario: str, raw: dict[str, Any], venue: Any, table: Any) -> Any:
    try:
        footprint = compute(scenario, raw, venue=venue, table=table)
    except InputError as exc:
        return _refusal(exc)
    lines = [(line.activity, line.quantity, line.unit, line.factor_kg_per_unit, line.grams,
              line.source, dict(line.detail), line.cite, line.share)
             for line in footprint.lines]  # fmt: skip
    answers = [(key, _plain(value)) for key, value in footprint.answers.items()]
    return answers, [tuple(_plain(x) for x in line) for line in lines]


def run_old(scenario: str, raw: dict[str, Any], venue: Any, table: Any) -> Any:
    try:
        answers, lines = before.compute(scenario, raw, venue, table)
    except InputError as exc:
        return _refusal(exc)
    plain = [(key, _plain(value)) for key, value in answers.items()]
    return plain, [tuple(_plain(x) for x in line) for line in lines]


# The event scenario (issue 18) came after the old engine was copied; its golden tests hold it.
OLD_SCENARIOS = [scenario for scenario in load_scenarios() if scenario != "event"]


@pytest.mark.parametrize("scenario", OLD_SCENARIOS)
def test_new_engine_matches_the_old_one_on_random_answers(scenario: str) -> None:
    rng = random.Random(f"issue-19-{scenario}")
    venues = list(load_venues().values())
    table = load_factors()
    outcomes = {"priced": 0, "refused": 0}
    for case in range(CASES_PER_SCENARIO):
        raw = random_answers(rng, scenario)
        venue = rng.choice(venues)
        old, new = run_old(scenario, raw, venue, table), run_new(scenario, raw, venue, table)
        assert new == old, (case, raw, venue.id)
        outcomes["refused" if isinstance(old[0], str) else "priced"] += 1
    # the random answers reach both sides: many priced footprints, many refusals
    assert min(outcomes.values()) > CASES_PER_SCENARIO // 10, outcomes


def test_name_normalisation_matches_the_old_one() -> None:
    rng = random.Random("issue-19-names")
    names = [n for city in CITIES for n in (city.name_en, city.name_zh, city.pinyin, city.id)]
    alphabet = "abcXYZ019 -'.,é市Ø·ＡＢ"
    names += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    assert [normalize(n) for n in names] == [before.normalize(n) for n in names]


def test_distances_match_the_old_ones_for_every_pair_from_the_venues() -> None:
    ends = [venue.city for venue in load_venues().values()] + [CITIES[0], CITIES[-1]]
    for a in CITIES:
        for b in ends:
            for by_air in (False, True):
                assert city_distance_km(a, b, by_air=by_air) == before.city_distance_km(
                    a, b, by_air=by_air
                ), (a.id, b.id, by_air)


def test_a_city_without_an_airport_is_measured_centre_to_centre_by_air_too() -> None:
    grounded = next(city for city in CITIES if not city.iata)
    flying = next(city for city in CITIES if city.iata)
    assert isinstance(grounded, City)
    assert city_distance_km(grounded, flying, by_air=True) == before.city_distance_km(
        grounded, flying, by_air=True
    )


def test_lines_and_footprints_the_engine_fills_in_equal_ones_made_the_usual_way() -> None:
    """kiosk.footprint fills a Line's and a Footprint's slots itself (faster than the frozen
    dataclass's __init__): every field set, equal to and printed like Line(...), still frozen."""
    import dataclasses

    from kiosk.footprint import Footprint, Line

    trips = {"origin": "Beijing", "mode": "car_petrol", "passengers": "2", "round_trip": "true"}
    for scenario, raw in (("trip", trips), ("meal", {"mixed_meals": "2", "vegan_meals": "1"})):
        made = compute(scenario, raw)
        usual = Footprint(
            made.scenario, made.venue, made.answers,
            tuple(Line(x.factor, x.quantity, x.grams, x.detail, x.share) for x in made.lines),
            made.factors_version,
        )  # fmt: skip
        assert made == usual and repr(made) == repr(usual) and made.lines
        for line in made.lines:
            assert all(hasattr(line, f.name) for f in dataclasses.fields(line))
            with pytest.raises(dataclasses.FrozenInstanceError):
                line.grams = 0  # type: ignore[misc]
