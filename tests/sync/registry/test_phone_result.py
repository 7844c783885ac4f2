"""The phone's result page words its breakdown as the kiosk's does: each line with what it
counted, its factor as sourced and the factor's source, and the total as km alone in a
petrol car by the core's own rule (kiosk.comparisons.car_km), in zh, en and fr."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from kiosk import formats
from kiosk.comparisons import car_km
from kiosk.factors import load_factors
from kiosk.footprint import Footprint
from kiosk.session import CustomerSession
from kiosk.venues import get_venue
from sync.registry.app import create_app
from tests.sync.registry.phone import MEALS, VENUE, Phone, text_of

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

WORDS = {  # the kiosk's own words for these (resources/translations)
    "zh": ("≈ 一个人开汽油车行驶 {km} 公里", "{n} 餐 × {f} 公斤", "来源：{s}"),
    "en": ("≈ driving {km} km alone in a petrol car", "{n} meals × {f} kg", "Source: {s}"),
    "fr": ("≈ {km} km seul dans une voiture essence", "{n} repas × {f} kg", "Source : {s}"),
}


@pytest.fixture
def phone(demo: Engine) -> Iterator[Phone]:
    with TestClient(create_app(demo)) as client:
        yield Phone(client)


def expected() -> Footprint:
    """The same answers through the core, with the shipped table (the demo registry's)."""
    session = CustomerSession(get_venue(VENUE), lang="en", factors=load_factors())
    session.start("meal")
    session.restore_answers({"meat_meals": "2", "mixed_meals": "1"})
    found = session.result()
    assert isinstance(found, Footprint)
    return found


@pytest.mark.parametrize("lang", ["zh", "en", "fr"])
def test_each_line_shows_its_factor_and_source_and_the_total_as_driving(
    phone: Phone, lang: str
) -> None:
    phone.get(f"/v/{VENUE}/lang/{lang}")
    phone.answer_all("meal", MEALS)
    footprint = expected()
    car, each, source = WORDS[lang]
    km = car_km(footprint.total_grams, load_factors())
    assert km > 0
    assert text_of(phone.page, "car") == car.format(km=formats.count(km, lang))
    items = re.findall(r"<li>(.*?)</li>", phone.page.split('data-testid="lines"')[1], re.S)
    assert len(items) == len(footprint.lines) == 2
    for item, line in zip(items, sorted(footprint.lines, key=lambda x: -x.grams), strict=True):
        counted = each.format(
            n=formats.quantity(line.quantity, lang),
            f=formats.factor(line.factor_kg_per_unit, lang),
        )
        assert f'data-testid="counted">{counted}</small>' in item
        assert f'data-testid="source">{source.format(s=line.cite)}</small>' in item
        assert formats.mass(line.grams, lang) in item
