"""The kiosk window opens on the attract screen of the demo venue (headless Qt)."""

from __future__ import annotations

import pytest

from kiosk.venues import get_venue

pytestmark = pytest.mark.gui


def test_attract_screen_shows_the_venue_and_its_scenarios(qtbot) -> None:
    from ui.window import KioskWindow

    window = KioskWindow(get_venue("demo-scenic"), lang="zh", terminal=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.stack.currentWidget() is window.attract
    assert window.attract.lblVenue.text() == "演示：都江堰景区"
    assert "景区游览" in window.attract.lblScenarios.text()
    assert window.attract.btnStart.text() == "点击开始"  # translated by the compiled .qm
    with qtbot.waitSignal(window.attract.startRequested, timeout=1000):
        window.attract.btnStart.click()
    assert window.current() is window.scenario
    window.workers.wait()
    window.allow_close = True
    window.close()
