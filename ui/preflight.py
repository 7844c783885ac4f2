"""Checks before Qt starts: Qt aborts the process on a missing display or library, with no
way to catch it, so the kiosk looks first and says in one line what to install or set."""

from __future__ import annotations

import os

from kiosk.errors import DiandianError

# Libraries Qt's xcb platform loads at run time, and the Debian packages that provide them.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}


def check_display(environ: os._Environ[str] | dict[str, str] = os.environ) -> None:
    """Raise DiandianError naming the fix when Qt could not open a window here."""
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return  # offscreen, wayland, eglfs, linuxfb...: Qt reports its own needs
    if not platform and environ.get("WAYLAND_DISPLAY"):
        return
    if not environ.get("DISPLAY"):
        raise DiandianError(
            "no screen: DISPLAY is not set; start the kiosk from a graphical session "
            "(e.g. cage or X), or set QT_QPA_PLATFORM (wayland, eglfs, linuxfb)"
        )
    import ctypes.util  # only on X: 7 ms of imports every other start does without

    missing = [pkg for lib, pkg in XCB_LIBRARIES.items() if not ctypes.util.find_library(lib)]
    if missing:
        raise DiandianError(
            f"Qt needs system libraries that are missing: apt-get install {' '.join(missing)}"
        )
