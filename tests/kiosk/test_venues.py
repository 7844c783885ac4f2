"""Venues: the shipped demo venues load, and a venue's grid setting is checked."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from kiosk.errors import DataError
from kiosk.resources import load_toml
from kiosk.venues import get_venue, grids, parse_venues
from tests.conftest import processes_in_turn


def test_the_demo_venues_load_and_follow_their_provinces_grid() -> None:
    venue = get_venue()
    assert venue.city.province == "Sichuan"
    assert venue.grid == ""  # left out: the province's own factor applies (test_footprint_golden)


def test_the_grids_a_venue_may_choose_are_those_with_factors() -> None:
    assert set(grids()) == {"china", "sichuan", "chongqing"}


@pytest.mark.parametrize("grid", ["china", "sichuan", "chongqing"])
def test_a_venue_may_choose_its_grid(grid: str) -> None:
    data = copy.deepcopy(load_toml("venues", "venues.toml"))
    data["venue"]["demo-expo"]["grid"] = grid
    _, venues = parse_venues(data)
    assert venues["demo-expo"].grid == grid


@pytest.mark.parametrize("grid", ["sichaun", "yunnan", 1, "Sichuan"])
def test_an_unknown_grid_is_refused_naming_the_allowed_ones(grid: object) -> None:
    data = copy.deepcopy(load_toml("venues", "venues.toml"))
    data["venue"]["demo-expo"]["grid"] = grid
    with pytest.raises(DataError, match=r"grid .* is not one of china, sichuan, chongqing"):
        parse_venues(data)


VENUES_TWICE = """
import json, sys
from kiosk.scenarios import load_scenarios
from kiosk.resources import load_toml
from kiosk.venues import load_venues, parse_venues, scenario_labels
kept = dict(load_venues())  # from the table cache, when the check's outcome is kept there
labels = {k: dict(v) for k, v in scenario_labels().items()}
default, checked = parse_venues(load_toml("venues", "venues.toml"))  # checked in full, now
print(json.dumps([
    kept == dict(checked),
    [repr(kept[k]) == repr(checked[k]) for k in checked],
    labels == {key: dict(s.label) for key, s in load_scenarios().items()},
]))
"""


def test_venues_kept_in_the_table_cache_equal_those_checked_in_full(tmp_path: Path) -> None:
    """A kiosk's start makes its Venue from the check's outcome kept in the table cache (no
    scenarios or factor table imported): each equal to parse_venues' own, the attract screen's
    scenario names equal the scenarios'. In new processes: the first checks, the second reads."""
    first, second = processes_in_turn(VENUES_TWICE, 2, tmp_path / "cache")
    assert first[0] and second[0]
    assert all(first[1]) and all(second[1]) and len(second[1]) >= 2
    assert first[2] and second[2]
