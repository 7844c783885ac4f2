"""The receipt printer's live status for the cashier's Printer tab: asked, not guessed.

ESC/POS printers answer the real-time request DLE EOT n with one byte even while offline
(that is what "real-time" means), so a network, USB or serial printer can say it is out of
paper or has its cover open before a customer's slip is lost. Many cheap printers never
answer, so silence is "unknown", not a fault. Every check is bounded by config.timeout_s and
returns a PrinterStatus instead of raising: the caller is a status line, not a print job.

The byte decoding lives here only; kiosk.slips.escpos uses it for its paper check before a job.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Serial, Usb

from kiosk.errors import PrinterError
from kiosk.slips.printers import PrinterConfig, lookup_ipv4, plain_reason

State = Literal[
    "ready",
    "paper_low",
    "paper_out",
    "cover_open",
    "offline",
    "error",
    "unreachable",
    "unknown",
    "not_configured",
]
Level = Literal["ok", "warning", "problem"]
PROBLEMS = ("paper_out", "cover_open", "offline", "error", "unreachable", "not_configured")
LEVELS: dict[str, Level] = {"ready": "ok", "paper_low": "warning", "unknown": "warning"}
LEVELS.update(dict.fromkeys(PROBLEMS, "problem"))  # unknown only warns: a test print can tell

# DLE EOT n, per the Epson ESC/POS reference. Every answer byte has bit 1 and bit 4 set and
# bits 0 and 7 clear; a byte without that pattern is not a status answer at all.
DLE_EOT = b"\x10\x04"
PRINTER, OFFLINE_CAUSE, PAPER = 1, 2, 4  # the n we ask: printer, offline cause, roll sensor
FIXED_MASK, FIXED_BITS = 0x93, 0x12
OFFLINE = 0x08  # n=1 bit 3: offline
COVER_OPEN = 0x04  # n=2 bit 2: cover open
FEED_BUTTON = 0x08  # n=2 bit 3: paper being fed with the feed button
PAPER_END_STOP = 0x20  # n=2 bit 5: printing stopped because the paper ran out
ERROR = 0x40  # n=2 bit 6: an error occurred (jam, cutter, head temperature...)
PAPER_NEAR_END = 0x0C  # n=4 bits 2-3: roll near its end
PAPER_OUT = 0x60  # n=4 bits 5-6: no paper


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """One state, one line a cashier can act on, and what the printer said (None: not known)."""

    state: State
    message: str
    online: bool | None = None
    cover_open: bool | None = None
    paper_low: bool | None = None
    paper_out: bool | None = None
    feed_button: bool | None = None
    error: bool | None = None
    answers: tuple[tuple[int, int], ...] = ()  # (n, byte) as received, for logs and tests

    @property
    def level(self) -> Level:
        """ok, warning or problem: how the UI colours the line."""
        return LEVELS[self.state]


# --- decoding ------------------------------------------------------------------------------


def request(n: int) -> bytes:
    """The real-time status request DLE EOT n."""
    return DLE_EOT + bytes([n])


def is_status_byte(value: int) -> bool:
    """Whether `value` has the fixed bits of every DLE EOT answer (0x12 set, 0x81 clear)."""
    return value & FIXED_MASK == FIXED_BITS


def paper_is_out(answer: bytes) -> bool:
    """A DLE EOT 4 answer that says the roll is empty; no answer or garbage says nothing.

    (python-escpos's paper_status() reads any reply, even 0x00, as "no paper".)
    """
    return bool(answer) and is_status_byte(answer[0]) and answer[0] & PAPER_OUT == PAPER_OUT


def _bit(answers: Mapping[int, int], n: int, mask: int) -> bool | None:
    return None if n not in answers else answers[n] & mask == mask


def from_answers(name: str, answers: Mapping[int, int]) -> PrinterStatus:
    """Decode the answers to DLE EOT 1, 2 and 4 (any may be missing) into one state.

    The cover comes first: with it open, the paper sensor often reads "no paper" too.
    """
    raw = tuple(sorted(answers.items()))
    for n, value in raw:
        if not is_status_byte(value):
            return PrinterStatus(
                "unknown",
                f"{name} answered 0x{value:02x} to DLE EOT {n}, which is not an ESC/POS "
                "status; use a test print",
                answers=raw,
            )
    if not raw:
        return _silent(name, "accepted the connection")
    online = None if PRINTER not in answers else not answers[PRINTER] & OFFLINE
    out, stopped = _bit(answers, PAPER, PAPER_OUT), _bit(answers, OFFLINE_CAUSE, PAPER_END_STOP)
    flags = {
        "online": online,
        "cover_open": _bit(answers, OFFLINE_CAUSE, COVER_OPEN),
        "paper_low": _bit(answers, PAPER, PAPER_NEAR_END),
        "paper_out": None if out is None and stopped is None else bool(out or stopped),
        "feed_button": _bit(answers, OFFLINE_CAUSE, FEED_BUTTON),
        "error": _bit(answers, OFFLINE_CAUSE, ERROR),
    }
    rules: list[tuple[object, State, str]] = [  # the first that holds
        (flags["cover_open"], "cover_open", "has its cover open; close it firmly"),
        (flags["paper_out"], "paper_out", "is out of paper; load a new roll"),
        (flags["error"], "error", "reports an error (a paper jam or cutter fault); clear it"),
        (online is False and flags["feed_button"], "offline", "is feeding paper; wait"),
        (online is False, "offline", "is offline; check its lights, then switch it off and on"),
        (flags["paper_low"], "paper_low", "is running low on paper; have a new roll ready"),
        (PAPER not in answers, "ready", "is online (it does not report its paper sensor)"),
        (True, "ready", "is ready"),
    ]
    state, text = next((state, text) for holds, state, text in rules if holds)
    return PrinterStatus(state, f"{name} {text}", answers=raw, **flags)


def _silent(name: str, how: str) -> PrinterStatus:
    return PrinterStatus(
        "unknown",
        f"{name} {how} but does not answer status requests (some printers don't); use a test print",
    )


def _unreachable(config: PrinterConfig, reason: str) -> PrinterStatus:
    return PrinterStatus(
        "unreachable", f"{config.name} is not reachable ({reason}); check it is on and connected"
    )


# --- network printers --------------------------------------------------------------------------


def resolve_ipv4(config: PrinterConfig) -> str:
    """The printer's IPv4 address; the lookup is bounded since getaddrinfo has no timeout."""
    with contextlib.suppress(ValueError):
        return str(ipaddress.IPv4Address(config.host))

    result = lookup_ipv4(config.host, config.port, config.timeout_s)
    if not result:
        raise PrinterError(
            f"{config.name} is not reachable (unknown host name); "
            "check the printer address in the kiosk settings"
        )
    address: str = result[0][4][0]  # an AF_INET sockaddr: (address, port)
    return address


def _network_status(config: PrinterConfig) -> PrinterStatus:
    """Connect, then ask DLE EOT 1, 2 and 4 one at a time, one byte each, within the timeout."""
    deadline = time.monotonic() + config.timeout_s
    try:
        address = resolve_ipv4(config)
    except PrinterError as exc:
        return PrinterStatus("unreachable", str(exc))
    try:
        sock = socket.create_connection(
            (address, config.port), timeout=max(0.01, deadline - time.monotonic())
        )
    except OSError as exc:
        return _unreachable(config, plain_reason(exc))
    with sock:
        return ask_status(sock, config.name, deadline)


def ask_status(sock: socket.socket, name: str, deadline: float) -> PrinterStatus:
    """Ask DLE EOT 1, 2 and 4 over an open connection, one at a time, one byte each, until
    `deadline` (time.monotonic()). Used on its own connection by the live status, and after a
    job on the job's connection to confirm the slip (kiosk.slips.escpos)."""
    answers: dict[int, int] = {}
    for n in (PRINTER, OFFLINE_CAUSE, PAPER):
        try:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            sock.sendall(request(n))
            got = sock.recv(1)
        except TimeoutError:
            break
        except OSError as exc:
            if answers:
                break
            return PrinterStatus(
                "unknown",
                f"{name} dropped the connection ({plain_reason(exc)}) "
                "instead of answering a status request; use a test print",
            )
        if not got:  # the printer closed its side
            if answers:
                break
            return _silent(name, "closed the connection")
        answers[n] = got[0]
        if not is_status_byte(got[0]):
            break
    return from_answers(name, answers)


# --- USB and serial printers -------------------------------------------------------------------


def _device_status(config: PrinterConfig) -> PrinterStatus:
    """python-escpos's own query_status() on the opened device, on the caller's thread: every
    read and write is bounded by the device's own timeout (a quarter of config.timeout_s)."""
    try:
        return _ask_device(config)
    except Exception as exc:  # e.g. pyusb's NoBackendError when libusb itself is missing
        return PrinterStatus("unreachable", f"{config.name} cannot be used ({plain_reason(exc)})")


def _ask_device(config: PrinterConfig) -> PrinterStatus:
    """Open the USB or serial printer and ask it; each read waits a quarter of the timeout."""
    wait = config.timeout_s / 4
    printer: Escpos
    if not (Usb if config.kind == "usb" else Serial).is_usable():
        library = "pyusb" if config.kind == "usb" else "pyserial"
        return PrinterStatus(
            "unreachable", f"{config.name} cannot be used: the {library} library is not installed"
        )
    if config.kind == "usb":
        printer = Usb(config.usb_vendor, config.usb_product, timeout=max(1, int(wait * 1000)))
    else:
        printer = Serial(config.serial_device, config.baudrate, timeout=wait)
    try:
        try:
            printer.open()
        except DeviceNotFoundError as exc:
            return _not_opened(config, exc.__context__)
        if config.kind == "serial":  # a request stuck behind unsent bytes: give up, not hang
            printer.device.write_timeout = wait
        answers: dict[int, int] = {}
        for n in (PRINTER, OFFLINE_CAUSE, PAPER):
            try:
                got = printer.query_status(request(n))
            except Exception:  # usb.core.USBTimeoutError, serial.SerialException: no answer
                break
            if not got:
                break
            answers[n] = got[0]
            if not is_status_byte(got[0]):
                break
    finally:
        with contextlib.suppress(Exception):
            printer.close()
    if not answers:
        return _silent(config.name, "is connected")
    return from_answers(config.name, answers)


def _not_opened(config: PrinterConfig, cause: BaseException | None) -> PrinterStatus:
    """The plain line for a USB or serial printer that would not open."""
    code = getattr(cause, "errno", None)
    if isinstance(cause, PermissionError) or code == errno.EACCES:
        text = f"no permission to use {config.name}; add the kiosk user to its group (e.g. lp)"
    elif (
        cause is None
        or isinstance(cause, AssertionError | FileNotFoundError)
        or code == errno.ENOENT
    ):
        text = f"{config.name} is not connected; check its cable and power"
    else:
        text = f"{config.name} cannot be opened ({plain_reason(cause)})"
    return PrinterStatus("unreachable", text)


# --- file and CUPS printers --------------------------------------------------------------------


def _file_status(config: PrinterConfig) -> PrinterStatus:
    """A file printer can only say whether its file (or the folder for a new one) is writable."""
    path = Path(config.path)
    if path.is_dir():
        return PrinterStatus("unreachable", f"{path} is a folder; printer.path must name a file")
    if path.exists():
        if os.access(path, os.W_OK):
            return PrinterStatus("ready", f"{config.name} can be written to")
        return PrinterStatus(
            "unreachable", f"no permission to write {path}; add the kiosk user to its group"
        )
    if path.parts[:2] == ("/", "dev"):  # a device node that is missing: never create it
        return PrinterStatus("unreachable", f"{config.name} is not connected; check its cable")
    folder = path.parent
    if not folder.is_dir():
        return PrinterStatus(
            "unreachable", f"folder {folder} does not exist; check printer.path in the settings"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        return PrinterStatus(
            "unreachable", f"no permission to create files in {folder}; check printer.path"
        )
    return PrinterStatus("ready", f"{config.name} can be written to (folder {folder})")


def _system_status(config: PrinterConfig) -> PrinterStatus:
    """Ask CUPS with `lpstat -p QUEUE` (in the C locale, so the words can be parsed)."""
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return PrinterStatus(
            "unknown", "lpstat is not installed (apt-get install cups-client); use a test print"
        )
    try:
        done = subprocess.run(
            [lpstat, "-p", config.queue],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=config.timeout_s,
            env={**os.environ, "LC_ALL": "C"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        return PrinterStatus(
            "unknown", f"lpstat did not answer within {config.timeout_s:g} s; is CUPS running?"
        )
    except OSError as exc:
        return PrinterStatus("unknown", f"lpstat could not run ({plain_reason(exc)})")
    return parse_lpstat(config, done.returncode, done.stdout, done.stderr)


def parse_lpstat(config: PrinterConfig, code: int, out: str, err: str) -> PrinterStatus:
    """`printer Q is idle.` / `printer Q now printing Q-12.` / `printer Q disabled since …`
    followed by an indented reason line."""
    lines = out.splitlines()
    head = f"printer {config.queue} "
    found = [i for i, line in enumerate(lines) if line.startswith(head)]
    if code != 0 or not found:
        reason = next((s.strip() for s in (err + "\n" + out).splitlines() if s.strip()), "")
        return PrinterStatus(
            "unreachable", f"{config.name} is not available ({reason or 'not listed by lpstat'})"
        )
    at = found[0]
    rest = lines[at][len(head) :]
    if rest.startswith("disabled"):
        why = [s.strip() for s in lines[at + 1 :] if s[:1].isspace() and s.strip()]
        reason = why[0] if why else "no reason given"
        return PrinterStatus(
            "offline",
            f"{config.name} is disabled ({reason}); enable it (cupsenable {config.queue})",
            online=False,
        )
    if rest.startswith("is idle"):
        return PrinterStatus("ready", f"{config.name} is idle and ready", online=True)
    if rest.startswith("now printing"):
        return PrinterStatus("ready", f"{config.name} is printing a job", online=True)
    return PrinterStatus("unknown", f"{config.name}: lpstat says “{lines[at].strip()}”")


# --- entry point ---------------------------------------------------------------------------------

CHECKS: dict[str, Callable[[PrinterConfig], PrinterStatus]] = {
    "network": _network_status,
    "usb": _device_status,
    "serial": _device_status,
    "file": _file_status,
    "system": _system_status,
}


def printer_status(config: PrinterConfig | None) -> PrinterStatus:
    """Ask the configured printer how it is, within about config.timeout_s; never raises for
    an unreachable, silent or confused printer (each is a state with its own line)."""
    if config is None:
        return PrinterStatus(
            "not_configured", "no printer is configured; add a [printer] table to the settings"
        )
    try:
        return CHECKS[config.kind](config)
    except OSError as exc:  # anything the checks above did not foresee, still one line
        return PrinterStatus("unknown", f"{config.name} could not be asked ({plain_reason(exc)})")
