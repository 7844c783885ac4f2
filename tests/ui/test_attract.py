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
    qtbot.waitExposed(window, timeout=30_000)
    assert window.stack.currentWidget() is window.attract
    assert window.attract.lblVenue.text() == "演示：都江堰景区"
    assert "景区游览" in window.attract.lblScenarios.text()
    assert window.attract.btnStart.text() == "点击开始"  # translated by the compiled .qm
    with qtbot.waitSignal(window.attract.startRequested, timeout=30_000):
        window.attract.btnStart.click()
    assert window.current() is window.scenario
    window.workers.wait()
    window.allow_close = True
    window.close()


def test_attract_screen_shows_the_phone_flow_qr_once_the_registry_is_known(qtbot, tmp_path) -> None:
    """A kiosk that learned the registry's public address shows the venue poster's QR small;
    before that (a demo kiosk) it shows none."""
    import zxingcpp
    from PIL import Image
    from PySide6.QtWidgets import QApplication

    from kiosk.ledger import Ledger, syncstate
    from ui.window import KioskWindow

    path = tmp_path / "k.sqlite"
    window = KioskWindow(get_venue("demo-expo"), lang="zh", terminal=None, ledger_path=path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window, timeout=30_000)
    qtbot.waitUntil(lambda: not window._prepare_pending, timeout=30_000)  # reads started
    window.workers.wait()
    QApplication.processEvents()  # and their results have reached the screen
    assert not window.attract.qrPhone.isVisible()
    with Ledger.open(path) as ledger:
        syncstate.set_settings(ledger, {"public_url": "https://dd.example.cn"})
    window.flow.prepare()
    qtbot.waitUntil(window.attract.qrPhone.isVisible, timeout=20_000)
    assert window.attract.lblPhone.text() == "或用手机扫码"
    shot = tmp_path / "qr.png"
    assert window.attract.qrPhone.grab().save(str(shot))
    (code,) = zxingcpp.read_barcodes(Image.open(shot))
    assert code.text == "https://dd.example.cn/v/demo-expo"
    window.workers.wait()
    window.allow_close = True
    window.close()
