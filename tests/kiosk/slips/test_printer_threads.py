"""A stalled printer leaves no thread behind: each failure used to abandon a thread blocked in a
write (or an open) forever, one more on every retry and every status poll.

Counted deterministically: the threads alive after the call are compared with those before,
right after the call returns (nothing is waited for).
"""

from __future__ import annotations

import os
import socket
import threading
import tty
from pathlib import Path

import pytest

from kiosk.slips import printers
from kiosk.slips.escpos import send
from kiosk.slips.printers import PrinterConfig, PrinterError, lookup_ipv4

BIG_JOB = b"\x1b@" + b"x" * (1 << 20)  # more than a pipe's or a pty's buffer


def _new_threads(before: set[threading.Thread]) -> list[str]:
    return [t.name for t in threading.enumerate() if t not in before and t.is_alive()]


def test_a_device_file_that_stops_taking_bytes_leaves_no_thread(tmp_path: Path) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a printer that never reads
    try:
        before = set(threading.enumerate())
        config = PrinterConfig(kind="file", path=str(fifo), timeout_s=0.3)
        with pytest.raises(PrinterError, match=r"did not take the slip within 0\.3 s"):
            send(BIG_JOB, config)
        assert _new_threads(before) == []
    finally:
        os.close(reader)


def test_a_device_file_nobody_reads_is_not_connected_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)  # no reader: a blocking open() would wait forever
    before = set(threading.enumerate())
    with pytest.raises(PrinterError, match="is not connected"):
        send(b"\x1b@", PrinterConfig(kind="file", path=str(fifo), timeout_s=5))
    assert _new_threads(before) == []


def test_a_serial_printer_that_stops_taking_bytes_leaves_no_thread() -> None:
    master, slave = os.openpty()
    tty.setraw(master)
    try:
        before = set(threading.enumerate())
        config = PrinterConfig(kind="serial", serial_device=os.ttyname(slave), timeout_s=0.3)
        with pytest.raises(PrinterError, match=r"did not take the slip within 0\.3 s"):
            send(BIG_JOB, config)
        assert _new_threads(before) == []
    finally:
        os.close(slave)
        os.close(master)


def test_name_lookups_of_one_host_share_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """A resolver that does not answer (no DNS server can be made to hang here: the system
    resolver stands in): three status polls start one lookup, which ends when it answers."""
    answer, asked = threading.Event(), []
    real = socket.getaddrinfo

    def slow(host, port, *args, **kwargs):
        asked.append(host)
        answer.wait(60)
        return real("127.0.0.1", port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    before = set(threading.enumerate())
    for _ in range(3):
        assert lookup_ipv4("printer.lan", 9100, 0.05) is None
    assert _new_threads(before) == ["printer-lookup-printer.lan"] and asked == ["printer.lan"]
    answer.set()
    [thread] = [t for t in threading.enumerate() if t not in before]
    thread.join(30)
    assert not thread.is_alive()
    assert lookup_ipv4("printer.lan", 9100, 30)[0][4][0] == "127.0.0.1"
    assert printers._LOOKUPS == {}
