"""City table: find a city by Chinese name, pinyin, English name or airport code.

The data is resources/cities/cities.csv (built by tools/build_cities.py from GeoNames and
airportsdata; see resources/cities/SOURCES.md). This module uses the standard library only
and builds its indexes once per install (kept in the table cache, kiosk/tablecache.py), because
the CLI resolves cities on its start-up path.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from kiosk import tablecache
from kiosk.records import Record
from kiosk.resources import resource

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: `diandian footprint` starts without it
    from typing import Any

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
EMPTY_QUERY_MESSAGE = "city is empty; type a city name, pinyin or airport code"
# Letters that NFKD does not decompose but people type without the stroke.
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i"})
_SUFFIXES = ("市", "city", "shi")  # "成都市", "New York City", "Chengdu Shi"


def normalize(text: str) -> str:
    """Lookup key: NFKD, combining marks dropped, casefolded, only letters and digits kept."""
    if text.isascii():
        text = text.lower()
        return text if text.isalnum() else "".join(c for c in text if c.isalnum())
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


def _is_han(text: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


class City(Record):
    """One row of cities.csv; coordinates in decimal degrees (WGS 84).

    `iata` and `airports` (their coordinates) are in the same order; the first is the airport a
    flight uses: the city's busiest, or the one the visitor named (`CityTable.lookup("CTU")`).
    A frozen record (kiosk/records.py), as a frozen dataclass would be.
    """

    FIELDS = (
        "id",
        "name_en",
        "name_zh",
        "pinyin",
        "country",
        "lat",
        "lon",
        "population",
        "iata",
        "airports",
        "province",
        "province_zh",
        "kind",
    )
    __slots__ = FIELDS
    id: str
    name_en: str
    name_zh: str
    pinyin: str
    country: str
    lat: float
    lon: float
    population: int
    iata: tuple[str, ...]
    airports: tuple[tuple[float, float], ...]
    province: str  # "Sichuan"; for Hong Kong, Macau, Taiwan their own name; else ""
    province_zh: str
    kind: str  # city, seat (a prefecture seat), town or scenic (a scenic area)

    def __init__(
        self,
        id: str,
        name_en: str,
        name_zh: str,
        pinyin: str,
        country: str,
        lat: float,
        lon: float,
        population: int,
        iata: tuple[str, ...] = (),
        airports: tuple[tuple[float, float], ...] = (),
        province: str = "",
        province_zh: str = "",
        kind: str = "city",
    ) -> None:
        set_ = object.__setattr__
        set_(self, "id", id)
        set_(self, "name_en", name_en)
        set_(self, "name_zh", name_zh)
        set_(self, "pinyin", pinyin)
        set_(self, "country", country)
        set_(self, "lat", lat)
        set_(self, "lon", lon)
        set_(self, "population", population)
        set_(self, "iata", iata)
        set_(self, "airports", airports)
        set_(self, "province", province)
        set_(self, "province_zh", province_zh)
        set_(self, "kind", kind)

    @property
    def airport_lat(self) -> float | None:
        return self.airports[0][0] if self.airports else None

    @property
    def airport_lon(self) -> float | None:
        return self.airports[0][1] if self.airports else None

    def via(self, code: str) -> City:
        """This city with CODE (one of its airports) as the one its flights use."""
        at = self.iata.index(code)
        order = [at, *(i for i in range(len(self.iata)) if i != at)]
        iata = tuple(self.iata[i] for i in order)
        airports = tuple(self.airports[i] for i in order)
        return City(
            *(self.id, self.name_en, self.name_zh, self.pinyin, self.country),
            *(self.lat, self.lon, self.population, iata, airports),
            *(self.province, self.province_zh, self.kind),
        )

    def label(self, lang: str = "en") -> str:
        """Display name: "成都" in Chinese, "Chengdu (成都)" otherwise, so both readers cope."""
        if not self.name_zh:
            return self.name_en
        if lang.lower().startswith("zh"):
            return self.name_zh
        return f"{self.name_en} ({self.name_zh})"

    def label_in_province(self, lang: str = "en") -> str:
        """The label with the province, for names several cities share: "宿州（安徽）",
        "Suzhou (宿州, Anhui)"."""
        if not self.province:
            return self.label(lang)
        if lang.lower().startswith("zh"):
            return f"{self.name_zh or self.name_en}（{self.province_zh or self.province}）"
        if not self.name_zh:
            return f"{self.name_en} ({self.province})"
        return f"{self.name_en} ({self.name_zh}, {self.province})"


class UnknownCityError(ValueError):
    """A query that names no city; carries suggestions so the UI can offer them."""

    def __init__(self, query: str, suggestions: Iterable[City] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        super().__init__(query, self.suggestions)

    def __str__(self) -> str:
        shown = " ".join(self.query.split())  # one line, whatever was pasted
        if not shown:
            return EMPTY_QUERY_MESSAGE
        if len(shown) > 40:
            shown = shown[:39] + "…"
        if not self.suggestions:
            return f"unknown city '{shown}'; type a city name, pinyin or airport code"
        names = ", ".join(city.label() for city in self.suggestions)
        return f"unknown city '{shown}'; closest matches: {names}"


class AmbiguousCityError(ValueError):
    """A name several cities share ("Suzhou"): the visitor must say which, by province or in
    Chinese, rather than be given the most populous one silently."""

    def __init__(self, query: str, cities: Iterable[City]) -> None:
        self.query = query
        self.cities = tuple(cities)
        super().__init__(query, self.cities)

    def __str__(self) -> str:
        shown = " ".join(self.query.split())[:40]
        names = ", ".join(city.label_in_province() for city in self.cities)
        first = self.cities[-1]
        return (
            f"'{shown}' names several cities: {names}; add the province "
            f"(e.g. '{first.name_en}, {first.province}') or type the Chinese name"
        )


def _variants(key: str) -> Iterator[str]:
    """The key, then the key without a trailing 市/city/shi (kept only if something remains)."""
    yield key
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + (1 if suffix == "市" else 2):
            yield key[: -len(suffix)]


_REMEMBERED = 4096  # texts CityTable.lookup keeps the answer to


class CityTable:
    """Cities in file order, with indexes built once for lookup and type-ahead search.

    ROWS are each city's fields in order and INDEX `index_state(rows)`, both kept by the table
    cache (kiosk/tablecache.py). A City is made the first time it is asked for: a footprint
    needs two or three of the 548, and making them all costs more than finding them.
    """

    def __init__(
        self, rows: Sequence[tuple[Any, ...]], index: Mapping[str, Any] | None = None
    ) -> None:
        self._rows = rows
        self._made: dict[int, City] = {}
        self._found: dict[str, City] = {}  # lookup's answers, by the exact text (_REMEMBERED)
        self._by_id = {row[0]: i for i, row in enumerate(rows)}
        if len(self._by_id) != len(rows):
            raise ValueError("duplicate city id in the city table")
        state = index_state(rows) if index is None else index
        self._index: dict[str, int] = state["index"]
        self._keys: list[tuple[int, tuple[str, ...]]] = state["keys"]
        self._airports: dict[str, int] = state["airports"]
        self._shared: dict[str, tuple[int, ...]] = state["shared"]
        self.homonyms = frozenset(rows[i][0] for found in self._shared.values() for i in found)
        self._provinces: list[str] = state["provinces"]

    def _city(self, i: int) -> City:
        """Row I's City, one object per row even with threads racing (setdefault is atomic)."""
        city = self._made.get(i)
        return city if city is not None else self._made.setdefault(i, City(*self._rows[i]))

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[City]:
        return map(self._city, range(len(self._rows)))

    def get(self, city_id: str) -> City:
        """The city with this exact id; KeyError if there is none."""
        try:
            return self._city(self._by_id[city_id])
        except KeyError:
            raise KeyError(f"no city with id {city_id!r}") from None

    def lookup(self, query: str) -> City:
        """Resolve what a person typed: 成都, 成都市, chengdu, Chéngdū, CTU, TFU or an id; a name
        several cities share ("Suzhou") needs its province ("Suzhou, Anhui", "安徽宿州") or the
        Chinese name, else AmbiguousCityError lists them. An airport code keeps that airport.

        A text found once is answered from memory after (the table never changes; a kiosk
        hears the same few hundred names all day), up to _REMEMBERED texts, then forgotten."""
        city = self._found.get(query)
        if city is None:
            city = self._lookup(query)
            if len(self._found) >= _REMEMBERED:
                self._found.clear()
            self._found[query] = city
        return city

    def _lookup(self, query: str) -> City:
        key = normalize(query)
        if not key:
            raise UnknownCityError(query)
        if key in self._airports:
            return self._city(self._airports[key]).via(key.upper())
        for variant in _variants(key):
            if variant in self._shared:
                raise AmbiguousCityError(query, map(self._city, self._shared[variant]))
            found = self._index.get(variant)
            if found is not None:
                return self._city(found)
        city = self._in_province(key)
        if city is not None:
            return city
        raise UnknownCityError(query, self._suggest(key))

    def _in_province(self, key: str) -> City | None:
        """A city name with its province before or after: "suzhouanhui", "安徽宿州"."""
        for province in self._provinces:
            for rest in (key.removeprefix(province), key.removesuffix(province)):
                rest = rest.removeprefix("省").removesuffix("省")
                if rest == key or not rest:
                    continue
                for variant in _variants(rest):
                    found = self._shared.get(variant) or (
                        (self._index[variant],) if variant in self._index else ()
                    )
                    here = [c for c in map(self._city, found) if province in _province_keys(c)]
                    if len(here) == 1:
                        return here[0]
        return None

    def is_homonym(self, city: City) -> bool:
        """True if another city has the same name or pinyin: show it with its province."""
        return city.id in self.homonyms

    def search(self, text: str, limit: int = 10) -> list[City]:
        """Type-ahead: prefix matches first, then substring matches, most populous first; an
        exact airport code ("CTU") gives its city with that airport first."""
        key = normalize(text)
        if key.endswith("市") and len(key) > 1:
            key = key[:-1]
        if not key or limit <= 0:
            return []
        if key in self._airports:
            return [self._city(self._airports[key]).via(key.upper())]
        prefix: list[int] = []
        inside: list[int] = []
        for i, keys in self._keys:
            if any(k.startswith(key) for k in keys):
                prefix.append(i)
                if len(prefix) >= limit:
                    break
            elif len(inside) < limit and any(key in k for k in keys):
                inside.append(i)
        return [self._city(i) for i in (prefix + inside)[:limit]]

    def suggest(self, text: str, n: int = 3) -> tuple[City, ...]:
        """The closest cities to a name that matches none ("chengdo" -> Chengdu), as the
        command line suggests them; the touchscreen shows them as chips."""
        key = normalize(text)
        return self._suggest(key, n) if key else ()

    def _suggest(self, key: str, n: int = 3) -> tuple[City, ...]:
        """Closest cities: shared characters for Chinese, difflib ratio for Latin text."""
        ranked = [(self._city(i), keys) for i, keys in self._keys]
        if _is_han(key):
            chars = set(key) - {"市"}
            scored = [(len(chars & set(c.name_zh)), c) for c, _ in ranked if c.name_zh]
            best = sorted((s for s in scored if s[0]), key=lambda s: -s[0])  # stable by population
            return tuple(city for _, city in best[:n])
        import difflib  # only on the error path: keeps start-up fast

        owners: dict[str, City] = {}
        for city, keys in ranked:
            for k in keys:
                if not _is_han(k):
                    owners.setdefault(k, city)
        found: list[City] = []
        for k in difflib.get_close_matches(key, owners, n=12, cutoff=0.6):
            if owners[k] not in found:
                found.append(owners[k])
        return tuple(found[:n])


def _province_keys(city: City) -> tuple[str, str]:
    return normalize(city.province), normalize(city.province_zh)


def index_state(rows: Sequence[tuple[Any, ...]]) -> dict[str, Any]:
    """The lookup indexes as plain data, cities by their row (the table cache stores it): every
    name, pinyin, id and airport code, most populous city first; names cities share."""
    cities = [City(*row) for row in rows]
    index: dict[str, int] = {}
    keyed: list[tuple[int, tuple[str, ...]]] = []
    names: dict[str, list[int]] = {}  # name and pinyin keys, to find the ones cities share
    ranked = sorted(range(len(cities)), key=lambda i: -cities[i].population)  # stable: file order
    for i in ranked:
        city = cities[i]
        for name in dict.fromkeys((normalize(city.name_en), city.pinyin, normalize(city.name_zh))):
            if name:
                names.setdefault(name, []).append(i)
        keys = (
            normalize(city.name_en),
            city.pinyin,
            normalize(city.name_zh),
            normalize(city.id),
            *(code.lower() for code in city.iata),
        )
        keys = tuple(dict.fromkeys(k for k in keys if k))
        keyed.append((i, keys))
        for key in keys:
            index.setdefault(key, i)
    for i, keys in keyed:  # "New York City" -> "newyork", at lower priority
        for key in keys[:1]:
            for variant in _variants(key):
                index.setdefault(variant, i)
    provinces = {_province_keys(city) for city in cities if city.province}
    return {
        "index": index,
        "keys": keyed,
        "airports": {code.lower(): i for i, city in enumerate(cities) for code in city.iata[1:]},
        "shared": {key: tuple(found) for key, found in names.items() if len(found) > 1},
        "provinces": sorted({k for pair in provinces for k in pair if k}, key=len, reverse=True),
    }


def _parse(row: list[str]) -> City:
    (id_, name_en, name_zh, pinyin, country, prov, prov_zh, lat, lon, pop, airports, kind) = row
    codes = [item.split(":") for item in airports.split()]
    return City(
        id=id_,
        name_en=name_en,
        name_zh=name_zh,
        pinyin=pinyin,
        country=country,
        lat=float(lat),
        lon=float(lon),
        population=int(pop or 0),
        iata=tuple(code for code, _, _ in codes),
        airports=tuple((float(a), float(b)) for _, a, b in codes),
        province=prov,
        province_zh=prov_zh,
        kind=kind,
    )


def _table_state(data: bytes) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    """cities.csv as each city's fields in order, and its indexes: what the cache keeps."""
    import csv

    rows = csv.reader(data.decode("utf-8").splitlines())
    next(rows)  # header
    names = City.FIELDS
    cities = [tuple(getattr(_parse(row), name) for name in names) for row in rows if row]
    return cities, index_state(cities)


@functools.cache
def load_cities() -> CityTable:
    """The shipped city table, read once per process (from the table cache when it is fresh:
    it is keyed by cities.csv and by this module, which builds the indexes)."""
    rows, index = tablecache.cached(
        resource("cities", "cities.csv"), _table_state, code=(Path(__file__),)
    )
    return CityTable(rows, index)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of mean Earth radius; within ~0.5% of the ellipsoid.
    (The math functions bound to names once: every trip footprint asks, most twice.)"""
    p1, p2 = _radians(lat1), _radians(lat2)
    h = _sin((p2 - p1) / 2) ** 2 + _cos(p1) * _cos(p2) * _sin(_radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * _asin(min(1.0, _sqrt(h)))


_radians, _sin, _cos, _asin, _sqrt = math.radians, math.sin, math.cos, math.asin, math.sqrt


def city_distance_km(a: City, b: City, *, by_air: bool = False) -> float:
    """Centre-to-centre distance, or airport-to-airport when flying and both have one."""
    if by_air and a.airports and b.airports:
        (lat_a, lon_a), (lat_b, lon_b) = a.airports[0], b.airports[0]
        return haversine_km(lat_a, lon_a, lat_b, lon_b)
    return haversine_km(a.lat, a.lon, b.lat, b.lon)
