"""Venues: the shipped demo venues load, and a venue's grid setting is checked."""

from __future__ import annotations

import copy

import pytest

from kiosk.errors import DataError
from kiosk.resources import load_toml
from kiosk.venues import get_venue, grids, parse_venues


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
