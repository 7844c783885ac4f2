"""Projects as visitors should see them, and what can be bought when no project has enough."""

from __future__ import annotations

import pytest

from kiosk.ledger import Ledger
from tests.ui.conftest import wait

pytestmark = pytest.mark.gui
PROJECTS = ("demo-longquan-forest", "demo-rural-biogas", "demo-rooftop-solar", "demo-wetland")


def _allocate(window, grams: dict[str, int]) -> None:
    with Ledger.open(window.workers.path, create=False) as ledger:
        for project, amount in grams.items():
            ledger.set_allocation(project, amount, actor="test")


def test_a_year_no_project_covers_offers_what_can_be_bought(kiosk, qtbot):
    window, pilot = kiosk(lang="en")
    pilot.to_result("lifestyle")
    window.result.btnYear.click()
    year = window.result.footprint.total_grams
    _allocate(window, dict.fromkeys(PROJECTS, 1_000_000) | {"demo-wetland": 2_000_000})
    pilot.to_projects()
    project = window.project
    assert year > 2_000_000 and project.shortPanel.isVisible()
    assert not any(card.isVisible() for card in project.cards.values())  # no wall of sold out
    assert not project.cardsBox.isVisible()
    assert project.offerButtons["month"].isVisible() and project.offerButtons["largest"].isVisible()
    project.offerButtons["largest"].click()
    wait(qtbot, lambda: not project.shortPanel.isVisible())
    assert project.offset_g == 2_000_000
    assert project.cards["demo-wetland"].available and project.cards["demo-wetland"].isVisible()
    order = pilot.to_order("demo-wetland")
    assert order.offset_g == 2_000_000


def test_a_chosen_amount_is_checked_against_what_is_left(kiosk, qtbot):
    window, pilot = kiosk(lang="en")
    pilot.to_result("meal")
    _allocate(window, dict.fromkeys(PROJECTS, 3000))
    pilot.to_projects()
    project = window.project
    assert project.shortPanel.isVisible()
    assert not project.offerButtons["month"].isVisible()  # a meal is not a year
    project.choose_amount("99")
    assert project.lblAmountError.isVisible() and project.shortPanel.isVisible()
    project.choose_amount("2.5")
    wait(qtbot, lambda: project.offset_g == 2500)
    assert all(card.available for card in project.cards.values())


def test_cards_show_the_whole_name_the_description_and_aligned_prices(kiosk):
    window, pilot = kiosk(lang="en")
    window.resize(1280, 800)
    pilot.to_result("meal")
    pilot.to_projects()
    pilot.settle()
    cards = list(window.project.cards.values())
    widths = [card.width() for card in cards]
    assert max(widths) - min(widths) <= 1  # one width for every card (to the pixel)
    prices = {card.lblPrice.mapTo(window, card.lblPrice.rect().topLeft()).y() for card in cards}
    assert len(prices) == 1  # the prices line up
    for card in cards:
        name = card.lblName
        assert name.heightForWidth(name.width()) <= name.height(), name.text()  # not clipped
        assert card.lblAbout.text().startswith("Demo project")
    texts = " ".join(label.text() for card in cards for label in card.findChildren(type(name)))
    assert "left on this kiosk" not in texts
