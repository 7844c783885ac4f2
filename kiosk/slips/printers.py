"""Which receipt printer the kiosk talks to, and writing to a USB, serial or file printer.

Every setting is validated when read, with a message naming it, so a typo in the kiosk's
settings shows up at start-up instead of as a silent printer when the first customer pays.
Failures become one plain line (PrinterError), never later than about timeout_s, since the
kiosk's UI waits on them. Network printers are handled in kiosk.slips.escpos (status query).
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import socket
import threading
import time
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Serial, Usb
from pydantic import BeforeValidator, Field, ValidationError
from pydantic.dataclasses import dataclass

from kiosk.errors import InputError, PrinterError  # PrinterError: raised here
from kiosk.settings_schema import STRICT, allowed_texts, input_errors, not_allowed

Kind = Literal["network", "usb", "serial", "file", "system"]
KINDS = ("network", "usb", "serial", "file", "system")
PAPER_DOTS = {58: 384, 80: 576}  # printable width at 203 dpi (8 dots/mm): 48 mm and 72 mm
BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
MAX_TIMEOUT_S = 60.0


def _usb_id(value: Any) -> Any:
    """A USB id as the file spells it: 0x0416 (a number) or "0x0416" / "0416" (hex text)."""
    return int(value, 16) if isinstance(value, str) else value


UsbId = Annotated[int, BeforeValidator(_usb_id)]
USB_ALLOWED = "a USB id 0x0001-0xFFFF, e.g. 0x0416"
USB_WHERE = "vendor:product in hex, e.g. 0416:5011"


@dataclass(frozen=True, slots=True, config=STRICT)
class PrinterConfig:
    """How to reach the printer and what it can do: the [printer] table's schema, checked when
    made (types and ranges by pydantic, from each field's declaration; what each kind of
    connection needs in __post_init__). Read settings with from_mapping for one-line errors."""

    kind: Kind = Field(description=", ".join(KINDS))
    host: str = Field("", description="an IP address or host name")
    port: int = Field(9100, ge=1, le=65535, description="1 to 65535")
    usb_vendor: UsbId = Field(0, description=USB_ALLOWED)
    usb_product: UsbId = Field(0, description=USB_ALLOWED)
    serial_device: str = Field("", description="a device such as /dev/ttyUSB0")
    baudrate: int = Field(19200, description=", ".join(map(str, BAUDRATES)))
    path: str = Field("", description="a device or file such as /dev/usb/lp0")
    queue: str = Field("", description="a CUPS queue name, as `lpstat -p` lists them")
    paper_mm: Literal[58, 80] = Field(80, description="58 or 80")
    mode: Literal["raster", "text"] = Field("raster", description="raster or text")
    timeout_s: float = Field(5.0, gt=0, le=MAX_TIMEOUT_S, description="0 < seconds ≤ 60")

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

    @property
    def where(self) -> str:
        """The one-line "where" an admin types (see `where_settings`, its inverse)."""
        if self.kind == "network":
            host = f"[{self.host}]" if ":" in self.host else self.host
            return f"{host}:{self.port}"
        if self.kind == "usb":
            return f"{self.usb_vendor:04x}:{self.usb_product:04x}"
        return {"serial": self.serial_device, "system": self.queue}.get(self.kind, self.path)

    @classmethod
    def from_mapping(cls, d: Mapping[str, Any], source: str) -> PrinterConfig:
        """Read settings (e.g. a TOML table); `source` says where they came from, for messages."""
        try:
            return cls(**d)
        except ValidationError as exc:
            first = input_errors(exc, cls, d)[0]
            raise InputError(first.field, f"{first.message} (in {source})") from None


def where_settings(kind: str, where: str) -> dict[str, Any]:
    """The settings a one-line "where" stands for, for a printer of `kind`: `host[:port]`
    (`[v6 address]:port`), `vendor:product` in hex, a device, file path or CUPS queue. A part
    that cannot be read is an InputError naming it, never dropped; ranges are the schema's."""
    where = where.strip()
    if kind == "network":
        return _host_port(where)
    if kind == "usb":  # kept as hex text in the file, as admins read USB ids
        vendor, colon, product = where.partition(":")
        try:
            if not colon:
                raise ValueError(where)
            ids = {"usb_vendor": int(vendor, 16), "usb_product": int(product, 16)}
        except ValueError:
            raise not_allowed("printer.usb", where, USB_WHERE) from None
        return {key: f"0x{value:04x}" for key, value in ids.items()}
    key = {"serial": "serial_device", "system": "queue", "file": "path"}.get(kind)
    if key is None:
        raise not_allowed("printer.kind", kind, ", ".join(KINDS))
    return {key: where}


def _host_port(where: str) -> dict[str, Any]:
    if where.startswith("["):  # [v6 address]:port
        host, closed, rest = where[1:].partition("]")
        if not closed or (rest and not rest.startswith(":")):
            raise not_allowed("printer.host", where, "host[:port], e.g. [fe80::5]:9100")
        port, has_port = rest[1:], bool(rest)
    elif where.count(":") == 1:
        host, _, port = where.partition(":")
        has_port = True
    else:  # no port (a bare IPv6 address has several colons)
        host, port, has_port = where, "", False
    if not has_port:
        return {"host": host}
    if not (port.isascii() and port.isdigit()):
        raise not_allowed("printer.port", port, "a port number after the host, e.g. 10.0.0.5:9100")
    return {"host": host, "port": int(port)}


def _check(c: PrinterConfig) -> None:
    """What each kind of connection needs (types and ranges are the fields' declarations)."""
    allowed = allowed_texts(PrinterConfig)
    if c.kind == "network":
        if not c.host or any(ch.isspace() for ch in c.host):
            raise not_allowed("host", c.host, "an IP address or host name")
    elif c.kind == "usb":
        for key in ("usb_vendor", "usb_product"):
            if not 1 <= getattr(c, key) <= 0xFFFF:
                raise not_allowed(key, getattr(c, key) or None, USB_ALLOWED)
    elif c.kind == "serial":
        if not c.serial_device:
            raise not_allowed("serial_device", "", allowed["serial_device"])
        if c.baudrate not in BAUDRATES:
            raise not_allowed("baudrate", c.baudrate, allowed["baudrate"])
    elif c.kind == "system":
        if not c.queue or any(ch.isspace() for ch in c.queue):
            raise not_allowed("queue", c.queue, allowed["queue"])
    elif not c.path:
        raise not_allowed("path", "", allowed["path"])


# --- local devices -----------------------------------------------------------------------------


def send_to_device(job: bytes, config: PrinterConfig) -> None:
    """Write one job to a USB, serial or file printer; failures become a PrinterError.

    Every step is bounded by the device's own timeout (pyusb's, pyserial's `write_timeout`, a
    non-blocking file descriptor polled until the deadline), so the job runs on the caller's
    thread and a stalled printer leaves no thread behind blocked in a write.
    """
    try:
        if config.kind == "file":
            _write_file(job, config)
        else:
            _send_device(job, config)
    except PrinterError:
        raise
    except Exception as exc:  # e.g. pyusb's NoBackendError when libusb itself is missing
        raise PrinterError(f"{config.name} cannot be used ({plain_reason(exc)})") from None


def lookup_ipv4(host: str, port: int, timeout: float) -> list[Any] | None:
    """getaddrinfo for IPv4 within `timeout` s, or None. The system resolver has no timeout of
    its own, so it runs in a thread that ends when the resolver gives up (resolv.conf's
    timeout x attempts); a second lookup of the same name meanwhile waits on that one instead
    of starting another, so a status poll every few seconds never piles threads up."""
    key = (host, port)
    with _LOOKUPS_LOCK:
        pending = _LOOKUPS.get(key)
        if pending is None:
            pending = _Lookup(host, port)
            _LOOKUPS[key] = pending
            pending.start()
    pending.join(timeout)
    return pending.result if not pending.is_alive() else None


class _Lookup(threading.Thread):
    def __init__(self, host: str, port: int) -> None:
        super().__init__(daemon=True, name=f"printer-lookup-{host}")
        self.host, self.port = host, port
        self.result: list[Any] | None = None

    def run(self) -> None:
        try:
            found = socket.getaddrinfo(self.host, self.port, socket.AF_INET, socket.SOCK_STREAM)
            self.result = found or None
        except OSError:
            self.result = None
        finally:
            with _LOOKUPS_LOCK:
                _LOOKUPS.pop((self.host, self.port), None)


_LOOKUPS: dict[tuple[str, int], _Lookup] = {}
_LOOKUPS_LOCK = threading.Lock()


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


def _not_opened(where: str, cause: BaseException | None) -> PrinterError:
    code = getattr(cause, "errno", 0)
    if isinstance(cause, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return PrinterError(
            f"no permission to use {where}; add the kiosk user to its group (e.g. lp)"
        )
    if (
        cause is None
        or isinstance(cause, AssertionError | FileNotFoundError)
        or code in (errno.ENOENT, errno.ENXIO, errno.ENODEV)  # ENXIO: a pipe nobody reads
    ):
        return PrinterError(f"{where} is not connected; check its cable and power")
    return PrinterError(f"{where} cannot be opened ({plain_reason(cause)})")


def _write_file(job: bytes, config: PrinterConfig) -> None:
    """A device file (/dev/usb/lp0) or a plain file, written without blocking: a printer that
    stops taking bytes makes the write wait in poll() until the deadline, then the file is
    closed and the job reported stalled."""
    deadline = time.monotonic() + config.timeout_s
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NONBLOCK
    try:
        fd = os.open(config.path, flags, 0o644)
    except OSError as exc:
        raise _not_opened(config.name, exc) from None
    try:
        ready = select.poll()
        ready.register(fd, select.POLLOUT)
        view = memoryview(job)
        while view:
            try:
                view = view[os.write(fd, view) :]
                continue
            except BlockingIOError:
                pass
            left = deadline - time.monotonic()
            if left <= 0 or not ready.poll(left * 1000):
                raise PrinterError(stalled(config))
    except OSError as exc:
        raise PrinterError(f"{config.name} stopped taking the slip ({plain_reason(exc)})") from None
    finally:
        os.close(fd)


def _send_device(job: bytes, config: PrinterConfig) -> None:
    """Open the USB or serial printer, write the job and close it, in plain words."""
    where = config.name
    if config.kind == "usb":
        if not Usb.is_usable():
            raise PrinterError(f"{where} cannot be used: the pyusb library is not installed")
        ms = int(config.timeout_s * 1000)
        printer: Escpos = Usb(config.usb_vendor, config.usb_product, timeout=ms)
    else:
        if not Serial.is_usable():
            raise PrinterError(f"{where} cannot be used: the pyserial library is not installed")
        printer = Serial(config.serial_device, config.baudrate, timeout=config.timeout_s)
    try:
        try:
            printer.open()
        except DeviceNotFoundError as exc:
            raise _not_opened(where, exc.__context__) from None
        if config.kind == "serial":  # pyserial's writes wait forever unless told otherwise
            printer.device.write_timeout = config.timeout_s
        try:
            printer._raw(job)
        except Exception as exc:  # OSError, usb.core.USBError, serial.SerialException
            if "timeout" in str(exc).lower() or isinstance(exc, TimeoutError):
                if config.kind == "serial":  # discard the rest, so closing does not wait on it
                    with contextlib.suppress(Exception):
                        printer.device.reset_output_buffer()
                raise PrinterError(stalled(config)) from None
            raise PrinterError(f"{where} stopped taking the slip ({plain_reason(exc)})") from None
    finally:
        with contextlib.suppress(Exception):  # closing a device that just failed: nothing to add
            printer.close()
