"""Simulated customers for tests and benchmarks, through the same core calls the touchscreen
and the cashier make: footprint → draft → place → pay (and a few voids and walk-aways)."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any, TypedDict

from kiosk.catalogue import load_demo_catalogue
from kiosk.comparisons import month_of
from kiosk.errors import InputError
from kiosk.footprint import Footprint, compute
from kiosk.ledger import Ledger, SoldOut
from kiosk.order_state import METHODS
from kiosk.venues import Venue

ORIGINS = (
    "beijing",
    "shanghai",
    "guangzhou",
    "shenzhen",
    "chongqing",
    "xian",
    "hangzhou",
    "wuhan",
    "kunming",
    "lhasa",
    "mianyang",
    "leshan",
    "hong-kong",
    "tokyo",
    "london",
)
NEAR_MODES = ("high_speed_rail", "rail", "coach", "car_petrol", "car_electric")
LOCAL_MODES = ("metro", "bus", "taxi", "car_petrol", "motorbike")
NICKNAMES = ("", "", "小明", "Lei", "熊猫", "Amélie", "路人甲")
PER_ORDER_ALLOWANCE_G = 20_000_000  # 20 t: more than any simulated order offsets


class Choice(TypedDict):
    """What a simulated customer picks on the order screen (Ledger.create_draft's keywords)."""

    project_id: str
    offset_g: int
    nickname: str
    lang: str
    min_charge_fen: int


def _trip(rng: random.Random) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.2:
        return {
            "origin": "chengdu",
            "mode": rng.choice(LOCAL_MODES),
            "distance_km": rng.randint(2, 60),
        }
    answers: dict[str, Any] = {
        "origin": rng.choice(ORIGINS),
        "nights": rng.randint(0, 4),
        "meals": rng.randint(0, 8),
    }
    answers["mode"] = "flight" if roll < 0.6 else rng.choice(NEAR_MODES)
    if answers["mode"] == "flight" and rng.random() < 0.1:
        answers["cabin"] = "business"
    return answers


def random_answers(rng: random.Random, scenario: str) -> dict[str, Any]:
    if scenario in ("trip", "scenic_visit"):
        return _trip(rng)
    if scenario == "hotel_stay":
        return {
            "nights": rng.randint(1, 5),
            "guests_in_room": rng.randint(1, 2),
            "meals": rng.randint(0, 6),
        }
    if scenario == "meal":
        return {"mixed_meals": rng.randint(1, 6), "vegetarian_meals": rng.randint(0, 2)}
    if scenario == "shopping_basket":
        return {
            "food_drink_kg": round(rng.uniform(0.5, 12), 2),
            "clothing_kg": round(rng.uniform(0, 2), 2),
        }
    return {
        "household_size": rng.randint(1, 5),
        "electricity_kwh_month": rng.randint(50, 600),
        "car_km_year": rng.choice((0, 5000, 12000)),
        "domestic_flights": rng.randint(0, 6),
        "diet": rng.choice(("high_meat", "medium_meat", "vegetarian")),
    }


def _footprint(rng: random.Random, venue: Venue) -> Footprint:
    while True:
        scenario = rng.choice(venue.scenarios)
        try:
            return compute(scenario, random_answers(rng, scenario), venue=venue)
        except InputError:
            continue  # e.g. a coach from London: a real customer would be told and re-answer


def prepare(ledger: Ledger, orders: int) -> None:
    """A new ledger gets the demo catalogue, with allocations large enough for `orders`."""
    if ledger.stock():
        return
    ledger.load_catalogue(load_demo_catalogue())
    for stock in ledger.stock():
        grams = orders * PER_ORDER_ALLOWANCE_G
        ledger.set_allocation(stock.project.id, grams, actor="simulator")
        if stock.serial_g < grams:  # invented serials, as the demo catalogue's are
            ledger.grant_demo_serials(stock.project.id, grams - stock.serial_g, actor="simulator")


def simulate(ledger: Ledger, *, orders: int, seed: int, venue: Venue) -> Counter[str]:
    """Run `orders` customers; count how each ended (paid, voided, expired, sold_out)."""
    rng = random.Random(seed)
    prepare(ledger, orders)
    projects = [stock.project.id for stock in ledger.stock()]
    outcomes: Counter[str] = Counter()
    for _ in range(orders):
        footprint = _footprint(rng, venue)
        offset = (
            footprint.total_grams
            if footprint.scenario != "lifestyle"
            else month_of(footprint.total_grams)
        )  # a year's footprint is offered a month at a time
        if offset <= 0:
            outcomes["nothing_to_offset"] += 1
            continue
        choice = Choice(
            project_id=rng.choice(projects),
            offset_g=offset,
            nickname=rng.choice(NICKNAMES),
            lang=rng.choice(("zh", "zh", "en", "fr")),
            min_charge_fen=venue.min_charge_fen,
        )
        roll = rng.random()
        if roll < 0.03:  # left before the order screen: the draft times out
            draft = ledger.create_draft(footprint, **choice)
            outcomes[ledger.expire(draft.id, reason="customer left", actor="simulator").status] += 1
            continue
        try:
            order = ledger.open_order(footprint, **choice)
        except SoldOut:
            outcomes["sold_out"] += 1
            continue
        if roll < 0.06:  # left at the counter without paying
            order = ledger.expire(order.id, reason="customer left", actor="simulator")
        else:
            order = ledger.pay(order.id, method=rng.choice(METHODS), cashier="sim-cashier")
            if roll < 0.09:
                order = ledger.void(order.id, reason="simulated refund", actor="sim-cashier")
        outcomes[order.status] += 1
    return outcomes
