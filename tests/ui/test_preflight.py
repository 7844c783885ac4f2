"""Before Qt starts, a missing screen or library is one line naming the fix, not an abort."""

from __future__ import annotations

import pytest

from kiosk.errors import DiandianError
from ui import preflight


def test_no_display_names_what_to_do() -> None:
    with pytest.raises(DiandianError, match="DISPLAY is not set"):
        preflight.check_display({})


def test_offscreen_and_wayland_need_no_x_display() -> None:
    preflight.check_display({"QT_QPA_PLATFORM": "offscreen"})
    preflight.check_display({"WAYLAND_DISPLAY": "wayland-0"})


def test_missing_xcb_libraries_are_named_with_their_package(monkeypatch) -> None:
    import ctypes.util  # preflight imports it only when it needs it

    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    with pytest.raises(DiandianError, match="libxcb-cursor0 libxcb-icccm4"):
        preflight.check_display({"DISPLAY": ":0"})


def test_the_kiosk_command_reports_a_missing_display_in_one_line(diandian, monkeypatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "")
    result = diandian("kiosk")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "DISPLAY is not set" in result.stderr
