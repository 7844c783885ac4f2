"""Which receipt printer the kiosk talks to, and writing to a USB, serial or file printer.

Every setting is validated when read, with a message naming it, so a typo in the kiosk's
settings shows up at start-up instead of as a silent printer when the first customer pays.
Failures become one plain line (PrinterError), never later than about timeout_s, since the
kiosk's UI waits on them. Network printers are handled in kiosk.slips.escpos (status query).
"""

from __future__ import annotations

import contextlib
import errno
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal

from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import File, Serial, Usb

from kiosk.errors import InputError, PrinterError  # PrinterError: raised here

Kind = Literal["network", "usb", "serial", "file", "system"]
KINDS = ("network", "usb", "serial", "file", "system")
MODES = ("raster", "text")
PAPER_DOTS = {58: 384, 80: 576}  # printable width at 203 dpi (8 dots/mm): 48 mm and 72 mm
BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
MAX_TIMEOUT_S = 60.0


@dataclass(frozen=True, slots=True)
class PrinterConfig:
    """How to reach the printer and what it can do; construct with from_mapping for settings."""

    kind: Kind
    host: str = ""
    port: int = 9100
    usb_vendor: int = 0
    usb_product: int = 0
    serial_device: str = ""
    baudrate: int = 19200
    path: str = ""
    queue: str = ""  # kind "system": the CUPS queue that gets the PDF (lp -d QUEUE)
    paper_mm: Literal[58, 80] = 80
    mode: Literal["raster", "text"] = "raster"
    timeout_s: float = 5.0

    def __post_init__(self) -> None:
        _check(self)

    @property
    def width_dots(self) -> int:
        """Printable width in dots: what a raster image must measure across."""
        return PAPER_DOTS[self.paper_mm]

    @property
    def name(self) -> str:
        """How a cashier would recognise the printer in a message."""
        if self.kind == "network":
            return f"printer {self.host}:{self.port}"
        if self.kind == "usb":
            return f"USB printer {self.usb_vendor:04x}:{self.usb_product:04x}"
        if self.kind == "serial":
            return f"serial printer {self.serial_device}"
        if self.kind == "system":
            return f"system printer {self.queue}"
        return f"printer {self.path}"

    @classmethod
    def from_mapping(cls, d: Mapping[str, Any], source: str) -> PrinterConfig:
        """Read settings (e.g. a TOML table); `source` says where they came from, for messages."""
        known = [f.name for f in fields(cls)]
        try:
            for key in d:
                if key not in known:
                    raise InputError(str(key), f"unknown setting; allowed: {', '.join(known)}")
            if "kind" not in d:
                raise _bad("kind", "", ", ".join(KINDS))
            values = {key: _convert(key, value) for key, value in d.items()}
            return cls(**values)
        except InputError as exc:
            raise InputError(exc.field, f"{exc.message} (in {source})") from None


def _bad(field: str, value: Any, allowed: str) -> InputError:
    said = "missing" if value in ("", None) else f"{value!r} is not allowed"
    return InputError(field, f"{said}; allowed: {allowed}")


def _convert(key: str, value: Any) -> Any:
    """Type-check one setting and turn accepted spellings (e.g. "0x0416") into the field type."""
    if key in ("kind", "host", "serial_device", "path", "mode", "queue"):
        if not isinstance(value, str):
            raise _bad(key, value, "text")
        return value.strip()
    if key in ("usb_vendor", "usb_product") and isinstance(value, str):
        try:
            return int(value, 16)
        except ValueError:
            raise _bad(key, value, "a USB id like 0x0416") from None
    if key == "timeout_s":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _bad(key, value, "seconds, e.g. 5")
        return float(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(key, value, "a whole number")
    return value


def _check(c: PrinterConfig) -> None:
    """Ranges and the settings each kind of connection needs."""
    if c.kind not in KINDS:
        raise _bad("kind", c.kind, ", ".join(KINDS))
    if c.paper_mm not in PAPER_DOTS:
        raise _bad("paper_mm", c.paper_mm, "58 or 80")
    if c.mode not in MODES:
        raise _bad("mode", c.mode, "raster or text")
    if not 0 < c.timeout_s <= MAX_TIMEOUT_S:
        raise _bad("timeout_s", c.timeout_s, "0 < seconds ≤ 60")
    if c.kind == "network":
        if not c.host or any(ch.isspace() for ch in c.host):
            raise _bad("host", c.host, "an IP address or host name")
        if not 1 <= c.port <= 65535:
            raise _bad("port", c.port, "1 to 65535")
    elif c.kind == "usb":
        for key in ("usb_vendor", "usb_product"):
            if not 1 <= getattr(c, key) <= 0xFFFF:
                raise _bad(key, getattr(c, key) or None, "a USB id 0x0001-0xFFFF, e.g. 0x0416")
    elif c.kind == "serial":
        if not c.serial_device:
            raise _bad("serial_device", "", "a device such as /dev/ttyUSB0")
        if c.baudrate not in BAUDRATES:
            raise _bad("baudrate", c.baudrate, ", ".join(map(str, BAUDRATES)))
    elif c.kind == "system":
        if not c.queue or any(ch.isspace() for ch in c.queue):
            raise _bad("queue", c.queue, "a CUPS queue name, as `lpstat -p` lists them")
    elif not c.path:
        raise _bad("path", "", "a device or file such as /dev/usb/lp0")


# --- local devices -----------------------------------------------------------------------------


def send_to_device(job: bytes, config: PrinterConfig) -> None:
    """Write one job to a USB, serial or file printer; failures become a PrinterError.

    The write runs in a worker thread, as device files and serial ports have no write timeout.
    """
    done, _, exc = run_bounded(lambda: _send_device(job, config), config.timeout_s)
    if not done:
        raise PrinterError(stalled(config))
    if isinstance(exc, PrinterError):
        raise exc
    if exc is not None:  # e.g. pyusb's NoBackendError when libusb itself is missing
        raise PrinterError(f"{config.name} cannot be used ({plain_reason(exc)})") from None


def run_bounded(fn: Callable[[], Any], timeout: float) -> tuple[bool, Any, BaseException | None]:
    """Run fn in a daemon thread for at most `timeout` s: (finished, result, exception).

    For calls with no timeout of their own (name lookup, writing a device file): if the call
    hangs, the thread is abandoned so the kiosk's own thread carries on.
    """
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:
            box["exc"] = exc

    worker = threading.Thread(target=run, daemon=True, name="printer-io")
    worker.start()
    worker.join(timeout)
    return not worker.is_alive(), box.get("result"), box.get("exc")


def stalled(config: PrinterConfig) -> str:
    """The message for a printer that accepted the connection but not the whole job."""
    return (
        f"{config.name} did not take the slip within {config.timeout_s:g} s; "
        "check it has paper and shows no error light"
    )


def plain_reason(exc: BaseException | None) -> str:
    """A few plain words for an OS error."""
    if isinstance(exc, TimeoutError):
        return "no answer"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, OSError) and exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
        return "no route to it"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc).splitlines()[0].lower() if exc and str(exc) else "unknown error"


def _send_device(job: bytes, config: PrinterConfig) -> None:
    """Open the USB, serial or file printer, write the job and close it, in plain words."""
    where = config.name
    if config.kind == "usb":
        if not Usb.is_usable():
            raise PrinterError(f"{where} cannot be used: the pyusb library is not installed")
        ms = int(config.timeout_s * 1000)
        printer: Escpos = Usb(config.usb_vendor, config.usb_product, timeout=ms)
    elif config.kind == "serial":
        if not Serial.is_usable():
            raise PrinterError(f"{where} cannot be used: the pyserial library is not installed")
        printer = Serial(config.serial_device, config.baudrate, timeout=config.timeout_s)
    else:
        printer = File(config.path)
    try:
        try:
            printer.open()
        except DeviceNotFoundError as exc:
            cause = exc.__context__
            if isinstance(cause, PermissionError) or getattr(cause, "errno", 0) == errno.EACCES:
                raise PrinterError(
                    f"no permission to use {where}; add the kiosk user to its group (e.g. lp)"
                ) from None
            if cause is None or isinstance(cause, AssertionError | FileNotFoundError):
                raise PrinterError(f"{where} is not connected; check its cable and power") from None
            raise PrinterError(f"{where} cannot be opened ({plain_reason(cause)})") from None
        try:
            printer._raw(job)
        except Exception as exc:  # OSError, usb.core.USBError, serial.SerialException
            if "timeout" in str(exc).lower() or isinstance(exc, TimeoutError):
                raise PrinterError(stalled(config)) from None
            raise PrinterError(f"{where} stopped taking the slip ({plain_reason(exc)})") from None
    finally:
        with contextlib.suppress(Exception):  # closing a device that just failed: nothing to add
            printer.close()
