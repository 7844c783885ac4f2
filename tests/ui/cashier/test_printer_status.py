"""The Printer tab's live status: opening the tab asks a TCP listener on 127.0.0.1 answering
DLE EOT 1/2/4 as a paper-out printer would, a closed port shows "unreachable", and "Check
status" asks again, all on a worker thread with the line coloured by level."""

from __future__ import annotations

import pytest

from tests.fake_printer import PAPER_OUT, SILENT, FakePrinter
from tests.ui.conftest import set_printer

pytestmark = pytest.mark.gui


def _live(panel) -> str:
    return panel.lblLive.text() if not panel.checking else ""


def test_the_printer_tab_shows_paper_out(console, home, qtbot):
    printer = FakePrinter(answers=PAPER_OUT)
    set_printer(home, f'kind = "network"\nhost = "127.0.0.1"\nport = {printer.port}')
    try:
        window = console("alice")
        panel = window.show_panel("printer")
        qtbot.waitUntil(lambda: "paper out" in _live(panel).lower(), timeout=30_000)
    finally:
        printer.close()
    assert "is out of paper; load a new roll" in panel.lblLive.text()
    assert panel.lblLive.property("level") == "problem"
    assert panel.status.state == "paper_out"
    assert panel.lblChecked.text().startswith("Checked at ")
    assert "127.0.0.1" in panel.lblStatus.text()  # the configuration line is still there
    assert printer.requests == [1, 2, 4]


def test_the_printer_tab_shows_unreachable_for_a_closed_port(console, home, qtbot, closed_port):
    port = closed_port
    set_printer(home, f'kind = "network"\nhost = "127.0.0.1"\nport = {port}')
    window = console("alice")
    panel = window.show_panel("printer")
    qtbot.waitUntil(lambda: "unreachable" in _live(panel).lower(), timeout=30_000)
    assert f"127.0.0.1:{port} is not reachable (connection refused)" in panel.lblLive.text()
    assert panel.lblLive.property("level") == "problem"
    assert panel.btnCheck.isEnabled()


def test_check_status_asks_again_without_blocking_the_ui(console, home, qtbot):
    printer = FakePrinter(answers=SILENT)
    # 3 s: the silence is waited out once, and the answers later have as long to arrive
    set_printer(home, f'kind = "network"\nhost = "127.0.0.1"\nport = {printer.port}\ntimeout_s = 3')
    try:
        window = console("alice")
        panel = window.show_panel("printer")
        assert panel.checking and not panel.btnCheck.isEnabled()  # returned at once: a worker asks
        qtbot.waitUntil(lambda: "status unknown" in _live(panel).lower(), timeout=30_000)
        assert panel.lblLive.property("level") == "warning"
        assert "does not answer status requests" in panel.lblLive.text()
        printer.answers = {1: b"\x12", 2: b"\x12", 4: b"\x12"}
        panel.btnCheck.click()
        qtbot.waitUntil(lambda: "ready" in _live(panel).lower(), timeout=30_000)
    finally:
        printer.close()
    assert panel.lblLive.property("level") == "ok"
    assert printer.connections == 2


def test_no_printer_configured(console, qtbot):
    window = console("alice")
    panel = window.show_panel("printer")
    qtbot.waitUntil(lambda: "no printer configured" in _live(panel).lower(), timeout=30_000)
    assert panel.lblLive.property("level") == "problem"
    assert not panel.btnTest.isEnabled()
