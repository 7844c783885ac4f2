"""The city picker tells homonyms apart by province; the result says which grid priced power."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kiosk.cities import load_cities
from kiosk.footprint import compute
from kiosk.venues import get_venue


@pytest.fixture
def picker(qtbot):
    from ui.widgets.citypicker import CityPicker

    widget = CityPicker()
    qtbot.addWidget(widget)
    return widget


def shown(picker) -> list[str]:
    return [b.text() for b in picker.resultButtons if not b.isHidden()]


HOMONYMS = {
    "suzhou": (("苏州", "Jiangsu", "江苏"), ("宿州", "Anhui", "安徽")),
    "taizhou": (("泰州", "Jiangsu", "江苏"), ("台州", "Zhejiang", "浙江")),
    "fuzhou": (("福州", "Fujian", "福建"), ("抚州", "Jiangxi", "江西")),
    "yichun": (("宜春", "Jiangxi", "江西"), ("伊春", "Heilongjiang", "黑龙江")),
}


@pytest.mark.parametrize("typed", HOMONYMS)
def test_the_picker_shows_each_homonym_with_its_province(picker, typed: str) -> None:
    name = typed.title()
    en = [f"{name} ({zh}, {province})" for zh, province, _ in HOMONYMS[typed]]
    zh = [f"{zh}（{province_zh}）" for zh, _, province_zh in HOMONYMS[typed]]
    for lang, expected in (("en", en), ("zh", zh)):
        picker.set_state(None, (), lang)
        picker.search(typed)
        assert shown(picker)[:2] == expected


def test_a_city_with_a_unique_name_has_no_province_and_the_choice_is_shown(picker) -> None:
    picker.set_state(None, (), "en")
    picker.search("chengdu")
    assert shown(picker)[0] == "Chengdu (成都)"
    picker.search("suzhou")
    picker.resultButtons[1].click()
    assert picker.city.name_zh == "宿州"
    assert picker.lblChosen.text() == "✓ Suzhou (宿州, Anhui)"


def test_an_airport_code_picks_that_airport(picker) -> None:
    picker.set_state(None, (), "zh")
    picker.search("CTU")
    assert shown(picker) == ["成都 · CTU"]
    picker.resultButtons[0].click()
    assert picker.city.iata[0] == "CTU"


def test_sichuan_destinations_can_be_picked(picker) -> None:
    picker.set_state(None, (), "zh")
    for typed, name in (("jiuzhai", "九寨沟"), ("kangding", "康定"), ("daocheng", "稻城亚丁")):
        picker.search(typed)
        assert shown(picker)[0] == name


@pytest.fixture
def result(qtbot):
    from ui.screens.result import ResultScreen

    screen = ResultScreen()
    qtbot.addWidget(screen)
    screen.set_language("en")
    return screen


def test_the_result_names_the_grid_used_for_my_year(result) -> None:
    answers = {"electricity_kwh_month": "300", "car_km_year": "5000", "car_type": "electric"}
    result.show_result(compute("lifestyle", answers), "year")
    assert not result.lblGrid.isHidden()
    text = result.lblGrid.text()
    assert "Electricity (Sichuan grid average): 0.1404 kg CO₂ per kWh (2022)" in text
    assert "Electric car (Sichuan grid): 0.02906 kg CO₂ per km" in text
    national = replace(get_venue(), grid="china")
    result.show_result(compute("lifestyle", answers, venue=national), "year")
    assert "Electricity (China grid average): 0.5306 kg CO₂ per kWh (2023)" in result.lblGrid.text()


def test_the_result_says_nothing_about_grids_when_none_was_used(result) -> None:
    result.show_result(compute("meal", {"vegan_meals": "1"}), "all")
    assert result.lblGrid.isHidden()
    assert load_cities()  # the table stays loaded for the labels
