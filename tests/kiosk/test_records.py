"""Frozen records (kiosk/records.py): the footprint's classes behave as the frozen dataclasses
they were, and `diandian footprint` runs without importing `dataclasses` or `typing`."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.cities import City, load_cities
from kiosk.factors import Factor, load_factors
from kiosk.footprint import Footprint, Line, compute
from kiosk.venues import Venue, get_venue
from tests.conftest import processes_in_turn


def _city(**changes: object) -> City:
    fields = {"id": "x", "name_en": "X", "name_zh": "", "pinyin": "x", "country": "CN"}
    fields.update({"lat": 30.0, "lon": 104.0, "population": 1, **changes})
    return City(**fields)  # type: ignore[arg-type]


def test_records_compare_hash_and_print_by_their_fields() -> None:
    a, b = _city(), _city()
    assert a == b and hash(a) == hash(b) and a is not b
    assert a != _city(population=2) and a != "x"
    assert repr(a) == (
        "City(id='x', name_en='X', name_zh='', pinyin='x', country='CN', lat=30.0, lon=104.0, "
        "population=1, iata=(), airports=(), province='', province_zh='', kind='city')"
    )
    assert len({a, b, _city(kind="town")}) == 2


def test_records_refuse_assignment_as_frozen_dataclasses_do() -> None:
    city = load_cities().get("chengdu")
    with pytest.raises(dataclasses.FrozenInstanceError):
        city.lat = 0.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del city.lat  # type: ignore[misc]
    with pytest.raises(AttributeError):
        city.other = 1  # type: ignore[attr-defined]


def test_dataclasses_functions_still_work_on_records() -> None:
    venue = get_venue()
    national = dataclasses.replace(venue, grid="china")
    assert isinstance(national, Venue) and national.grid == "china" and venue.grid == ""
    assert national.city is venue.city and national.name == venue.name
    assert dataclasses.is_dataclass(venue)
    assert [f.name for f in dataclasses.fields(Line)] == list(Line.FIELDS)
    chengdu = load_cities().get("chengdu")
    assert dataclasses.asdict(chengdu)["iata"] == chengdu.iata
    assert dataclasses.astuple(chengdu) == tuple(getattr(chengdu, n) for n in City.FIELDS)


def test_a_derived_field_is_worked_out_again_and_left_out_of_equality() -> None:
    factor = load_factors()["meal_mixed"]
    assert factor.source == f"{factor.publisher}, {factor.dataset} ({factor.year}) {factor.url}"
    moved = dataclasses.replace(factor, year=2020)
    assert moved.source.endswith(f"(2020) {factor.url}") and moved != factor
    assert "source=" not in repr(factor)
    assert [f.name for f in dataclasses.fields(Factor)] == list(Factor.FIELDS)
    with pytest.raises(ValueError):  # as for a field(init=False) of a dataclass
        dataclasses.replace(factor, source="x")


def test_records_pickle_and_copy_to_equal_records() -> None:
    chengdu = load_cities().get("chengdu").via("TFU")
    assert pickle.loads(pickle.dumps(chengdu)) == chengdu and copy.deepcopy(chengdu) == chengdu
    footprint = compute("trip", {"origin": "Beijing", "mode": "flight"})
    assert copy.copy(footprint) == footprint  # (a mappingproxy inside: no deep copy, as before)
    line = Line(footprint.lines[0].factor, Decimal("1.5"), 7)
    assert line.detail == {} and line.share == 1
    assert isinstance(footprint, Footprint)


CLI_MODULES = """
import contextlib, io, json, sys
from kiosk.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["footprint", "trip", "--set", "origin=Beijing", "--set", "mode=flight", "--json"])
print(json.dumps([m for m in ("dataclasses", "typing", "inspect") if m in sys.modules]))
"""


def test_the_footprint_command_imports_neither_dataclasses_nor_typing(tmp_path: Path) -> None:
    """They cost `diandian footprint ... --json` about a fifth of its time (issue 19). In new
    processes sharing a table cache: the first parses the TOML tables (tomllib imports typing),
    the next read them from the cache, as every later run does."""
    first, second = processes_in_turn(CLI_MODULES, 2, tmp_path / "cache")
    assert "dataclasses" not in first and second == []
