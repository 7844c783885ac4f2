"""The printer's live status, asked of real things: a TCP listener answering DLE EOT 1/2/4 as
a printer would (or not at all), a closed port, a pseudo-terminal standing in for a serial
printer, real folders, and a stand-in `lpstat` on PATH. A wrong bit or a check that hangs the
Printer tab would otherwise only show up at a venue."""

from __future__ import annotations

import os
import select
import threading
import time
import tty
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk.slips.printer_status import (
    LEVELS,
    PrinterStatus,
    is_status_byte,
    paper_is_out,
    printer_status,
    request,
)
from kiosk.slips.printers import PrinterConfig

from ...fake_printer import COVER_OPEN, PAPER_LOW, PAPER_OUT, READY, SILENT, FakePrinter
from .conftest import MARGIN_S


def _ask(
    answers: Mapping[int, bytes | None], timeout_s: float = MARGIN_S
) -> tuple[PrinterStatus, FakePrinter]:
    fake = FakePrinter(answers=answers)
    try:
        return printer_status(fake.config(timeout_s=timeout_s)), fake
    finally:
        fake.close()


def _one_line(status: PrinterStatus) -> None:
    assert status.message and "\n" not in status.message


# --- network printers --------------------------------------------------------------------------


def test_ready_printer():
    status, fake = _ask(READY)
    assert (status.state, status.level) == ("ready", "ok")
    assert status.message == f"printer 127.0.0.1:{fake.port} is ready"
    assert (status.online, status.cover_open, status.paper_low, status.paper_out) == (
        True,
        False,
        False,
        False,
    )
    assert fake.requests == [1, 2, 4] and fake.data == b""  # answered, nothing printed
    assert status.answers == ((1, 0x12), (2, 0x12), (4, 0x12))


def test_paper_near_end_is_a_warning():
    status, _ = _ask(PAPER_LOW)
    assert (status.state, status.level) == ("paper_low", "warning")
    assert status.paper_low is True and status.paper_out is False and status.online is True
    assert "running low on paper" in status.message
    _one_line(status)


def test_paper_out():
    status, fake = _ask(PAPER_OUT)
    assert (status.state, status.level) == ("paper_out", "problem")
    assert status.paper_out is True and status.online is False
    assert status.message == f"printer 127.0.0.1:{fake.port} is out of paper; load a new roll"


def test_cover_open():
    status, _ = _ask(COVER_OPEN)
    assert (status.state, status.level) == ("cover_open", "problem")
    assert status.cover_open is True and status.online is False
    assert "cover open" in status.message


def test_error_bit_and_plain_offline():
    error, _ = _ask({1: b"\x1a", 2: b"\x52", 4: b"\x12"})  # n=2 bit 6: error occurred
    assert (error.state, error.error) == ("error", True)
    offline, _ = _ask({1: b"\x1a", 2: b"\x12", 4: b"\x12"})  # offline, no cause given
    assert (offline.state, offline.online) == ("offline", False)
    assert "is offline" in offline.message


def test_silent_printer_is_unknown_within_the_timeout():
    started = time.monotonic()
    status, fake = _ask(SILENT, timeout_s=0.5)
    elapsed = time.monotonic() - started
    assert (status.state, status.level) == ("unknown", "warning")
    assert status.message == (
        f"printer 127.0.0.1:{fake.port} accepted the connection but does not answer status "
        "requests (some printers don't); use a test print"
    )
    assert elapsed >= 0.5 - 0.05  # it waited out the timeout (load only makes this longer)
    assert elapsed < 0.5 + MARGIN_S  # and then gave up: not the next request's wait, not forever
    assert fake.data == request(1)  # asked once, then gave up


def test_legacy_fake_ignoring_status_is_also_unknown():
    fake = FakePrinter(status=None)
    try:
        status = printer_status(fake.config(timeout_s=0.3))
    finally:
        fake.close()
    assert status.state == "unknown"


@pytest.mark.parametrize("garbage", [b"\x00", b"\xff", b"A"])
def test_garbage_answer_is_unknown(garbage):
    status, fake = _ask({1: garbage, 2: b"\x12", 4: b"\x12"})
    assert status.state == "unknown"
    assert f"answered 0x{garbage[0]:02x} to DLE EOT 1" in status.message
    assert "not an ESC/POS status" in status.message
    assert fake.requests == [1]  # a confused printer is not asked more


def test_closed_port_is_unreachable(closed_port):
    port = closed_port
    status = printer_status(PrinterConfig(kind="network", host="127.0.0.1", port=port))
    assert (status.state, status.level) == ("unreachable", "problem")
    assert status.message == (
        f"printer 127.0.0.1:{port} is not reachable (connection refused); "
        "check it is on and connected"
    )


def test_unknown_host_is_unreachable_quickly():
    config = PrinterConfig(kind="network", host="printer.invalid", timeout_s=0.5)
    started = time.monotonic()
    status = printer_status(config)
    assert time.monotonic() - started < 0.5 + MARGIN_S  # the lookup is bounded, however slow
    assert status.state == "unreachable" and "printer.invalid:9100" in status.message


def test_printer_answering_only_dle_eot_1():
    status, _ = _ask({1: b"\x12"}, timeout_s=5)  # the answer's bound, and the silence's cost
    assert status.state == "ready" and status.paper_out is None
    assert "does not report its paper sensor" in status.message


def test_the_fake_answers_each_connection_afresh():
    fake = FakePrinter()
    try:
        first = printer_status(fake.config(timeout_s=MARGIN_S))
        fake.answers = dict(PAPER_OUT)
        second = printer_status(fake.config(timeout_s=MARGIN_S))
    finally:
        fake.close()
    assert (first.state, second.state, fake.connections) == ("ready", "paper_out", 2)


# --- the decoding shared with escpos.send -----------------------------------------------------


def test_fixed_bits():
    assert is_status_byte(0x12) and is_status_byte(0x7E) and is_status_byte(0x1A)
    for value in (0x00, 0x10, 0x02, 0x13, 0x92, 0xFF):
        assert not is_status_byte(value)


def test_paper_is_out_needs_a_real_status_byte():
    assert paper_is_out(b"\x7e") and paper_is_out(b"\x72")
    assert not paper_is_out(b"") and not paper_is_out(b"\x1e") and not paper_is_out(b"\xff")


def test_every_state_has_a_level():
    assert set(LEVELS) == {
        "ready",
        "paper_low",
        "paper_out",
        "cover_open",
        "offline",
        "error",
        "unreachable",
        "unknown",
        "not_configured",
    }


# --- serial and USB printers -------------------------------------------------------------------


@contextmanager
def _serial_printer(answers: Mapping[int, bytes]) -> Iterator[str]:
    """A pseudo-terminal whose far end answers DLE EOT n like a serial printer."""
    master, slave = os.openpty()
    tty.setraw(master)
    stop = threading.Event()

    def serve() -> None:
        buf = b""
        while not stop.is_set():
            if not select.select([master], [], [], 0.05)[0]:
                continue
            try:
                buf += os.read(master, 64)
            except OSError:
                return
            while len(buf) >= 3 and buf[:2] == b"\x10\x04":
                if buf[2] in answers:
                    os.write(master, answers[buf[2]])
                buf = buf[3:]

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield os.ttyname(slave)
    finally:
        stop.set()
        thread.join(2)
        os.close(slave)
        os.close(master)


def test_serial_printer_out_of_paper():
    with _serial_printer({n: b[0:1] for n, b in PAPER_OUT.items()}) as device:
        # each read waits a quarter of the timeout, answered or not: 1 s, twice the old 0.5 s
        config = PrinterConfig(kind="serial", serial_device=device, timeout_s=4)
        status = printer_status(config)
    assert status.state == "paper_out" and status.answers == ((1, 0x1A), (2, 0x32), (4, 0x7E))
    assert status.message.startswith(f"serial printer {device} is out of paper")


def test_silent_serial_printer_is_unknown():
    with _serial_printer({}) as device:
        status = printer_status(PrinterConfig(kind="serial", serial_device=device, timeout_s=0.4))
    assert status.state == "unknown" and "does not answer status requests" in status.message


@pytest.mark.parametrize(
    ("settings", "name"),
    [
        ({"kind": "usb", "usb_vendor": "0x0416", "usb_product": "0x5011"}, "USB printer 0416:5011"),
        ({"kind": "serial", "serial_device": "/dev/ttyDIANDIAN-missing"}, "/dev/ttyDIANDIAN"),
    ],
)
def test_missing_usb_or_serial_printer_is_unreachable(settings, name):
    config = PrinterConfig.from_mapping({**settings, "timeout_s": 0.5}, "test")
    status = printer_status(config)
    assert status.state == "unreachable" and name in status.message
    _one_line(status)


# --- file printers -------------------------------------------------------------------------------


def test_file_in_a_writable_folder_is_ready(tmp_path):
    status = printer_status(PrinterConfig(kind="file", path=str(tmp_path / "slip.bin")))
    assert status.state == "ready" and str(tmp_path) in status.message
    (tmp_path / "slip.bin").write_bytes(b"")
    assert printer_status(PrinterConfig(kind="file", path=str(tmp_path / "slip.bin"))).state == (
        "ready"
    )


def test_file_in_a_missing_folder_is_unreachable(tmp_path):
    folder = tmp_path / "nowhere"
    status = printer_status(PrinterConfig(kind="file", path=str(folder / "slip.bin")))
    assert status.state == "unreachable"
    assert status.message == f"folder {folder} does not exist; check printer.path in the settings"


def test_missing_device_node_is_not_connected():
    status = printer_status(PrinterConfig(kind="file", path="/dev/usb/diandian-lp9"))
    assert status.state == "unreachable" and "is not connected" in status.message


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_file_in_an_unwritable_folder_is_unreachable(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        status = printer_status(PrinterConfig(kind="file", path=str(folder / "slip.bin")))
    finally:
        folder.chmod(0o700)
    assert status.state == "unreachable"
    assert status.message == f"no permission to create files in {folder}; check printer.path"


# --- CUPS queues -----------------------------------------------------------------------------


def _fake_lpstat(folder: Path, out: str, code: int = 0, err: str = "") -> None:
    script = folder / "lpstat"
    script.write_text(
        f"#!/bin/sh\nprintf '%s' '{out}'\nprintf '%s' '{err}' >&2\nexit {code}\n",
        encoding="utf-8",
    )
    script.chmod(0o755)


def _system(monkeypatch: pytest.MonkeyPatch, folder: Path) -> PrinterStatus:
    monkeypatch.setenv("PATH", str(folder))
    return printer_status(PrinterConfig(kind="system", queue="Counter", timeout_s=MARGIN_S))


def test_system_printer_without_lpstat_is_unknown(monkeypatch, tmp_path):
    status = _system(monkeypatch, tmp_path)  # an empty PATH folder: no lpstat anywhere
    assert status.state == "unknown" and status.message.startswith("lpstat is not installed")


@pytest.mark.parametrize(
    ("out", "state", "words"),
    [
        ("printer Counter is idle.  enabled since Mon 01 Jan 2026\n", "ready", "idle"),
        ("printer Counter now printing Counter-12.  enabled since x\n", "ready", "printing"),
        (
            "printer Counter disabled since Mon 01 Jan 2026 -\n\tPaper jam\n",
            "offline",
            "disabled (Paper jam); enable it (cupsenable Counter)",
        ),
    ],
)
def test_system_printer_states_from_lpstat(monkeypatch, tmp_path, out, state, words):
    _fake_lpstat(tmp_path, out)
    status = _system(monkeypatch, tmp_path)
    assert status.state == state and words in status.message
    _one_line(status)


def test_unknown_cups_queue_is_unreachable(monkeypatch, tmp_path):
    _fake_lpstat(tmp_path, "", 1, 'lpstat: Invalid destination name in list "Counter".\n')
    status = _system(monkeypatch, tmp_path)
    assert status.state == "unreachable"
    assert 'Invalid destination name in list "Counter"' in status.message


# --- nothing configured --------------------------------------------------------------------------


def test_not_configured():
    status = printer_status(None)
    assert (status.state, status.level) == ("not_configured", "problem")
    _one_line(status)
